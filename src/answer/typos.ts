// One mistyped character inside a subject (招大因强 for 招大引强, 高端装备治造 for 高端装备制造). Most typing mistakes in
// Chinese are homophones picked from the input method's list, and bigrams need two right characters in a row, so
// one wrong character hides the subject. A character is suspect when the plans know neither bigram it forms with
// its neighbours; it is replaced only by a character that sounds the same (pinyin without tones) and that the plans
// put, alone, between the same three characters around it. So 电池产业 does not become 电商产业 (chi, shang), and
// characters at a word's edge are never changed: 零碳园区 is not 低碳园区.
import { createRequire } from "node:module";
import type { PlanIndex } from "../search/plan-index.js";

// Loaded on the first candidate, not at start: its dictionary costs ~75 ms and ~30 MB, and most questions have no
// typo.
let pinyin: typeof import("pinyin-pro").pinyin | undefined;

export interface TypoFix {
  /** the word as typed */
  from: string;
  /** the word with the one character the plans agree on */
  to: string;
}

const CJK = /^[\u4e00-\u9fff]$/;

/** `corpus` is all the plans' normalized text, asked for only to confirm a candidate. */
export function createTypoFixer(index: Pick<PlanIndex, "knows" | "middles">, corpus: () => string) {
  return (topic: string): TypoFix | null => {
    for (const word of topic.split(/\s+/)) {
      for (let i = 1; i < word.length - 1; i++) {
        const c = word[i] as string;
        if (!CJK.test(c) || index.knows(word[i - 1] + c) || index.knows(c + word[i + 1])) continue;
        const fill = onlyFill(word, i, index, corpus);
        if (fill) return { from: word, to: word.slice(0, i) + fill + word.slice(i + 1) };
      }
    }
    return null;
  };
}

/** The one homophone the plans put at `i` between three of the word's characters around it, or null. */
function onlyFill(word: string, i: number, index: Pick<PlanIndex, "middles">, corpus: () => string): string | null {
  const typed = word[i] as string;
  // Cheap first: characters the bigram index allows between the neighbours; then sound; then the plans' text.
  const candidates = index.middles(word[i - 1] as string, word[i + 1] as string).filter((f) => f !== typed);
  if (candidates.length === 0) return null;
  const sounds = readings(typed);
  const fills = candidates.filter(
    (f) =>
      readings(f).some((s) => sounds.includes(s)) &&
      [i - 2, i - 1].some(
        (start) =>
          start >= 0 &&
          start + 4 <= word.length &&
          corpus().includes(word.slice(start, i) + f + word.slice(i + 1, start + 4)),
      ),
  );
  return fills.length === 1 ? (fills[0] as string) : null;
}

/** Every toneless reading of a character (行: xing, hang, heng). */
function readings(c: string): string[] {
  pinyin ??= (createRequire(import.meta.url)("pinyin-pro") as typeof import("pinyin-pro")).pinyin;
  return pinyin(c, { toneType: "none", multiple: true, type: "array" });
}
