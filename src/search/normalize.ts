// One normal form for plan text and questions alike: half-width, lower case, simplified characters, digits for 十亿/百亿.
import { SIMPLIFIED_PAIRS } from "./simplified-pairs.js";

const SCALE: Record<string, string> = { 十: "10", 百: "100", 千: "1000" };

/**
 * A char-by-char traditional→simplified table (from OpenCC, generated ahead of time so start-up does not load
 * OpenCC). Char level is enough for matching (phrase-level variants are rare in questions) and costs one array
 * lookup per character.
 */
const simplifiedOf = new Uint16Array(0x10000);
for (let i = 0; i + 1 < SIMPLIFIED_PAIRS.length; i += 2) {
  simplifiedOf[SIMPLIFIED_PAIRS.charCodeAt(i)] = SIMPLIFIED_PAIRS.charCodeAt(i + 1);
}

export function toSimplified(text: string): string {
  const table = simplifiedOf;
  let out: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const to = table[text.charCodeAt(i)];
    if (to) {
      out ??= text.slice(0, i);
      out += String.fromCharCode(to);
    } else if (out !== undefined) out += text[i];
  }
  return out ?? text;
}

export function normalizeText(text: string): string {
  return (
    toSimplified(text.normalize("NFKC").toLowerCase())
      // 百亿元 and 100亿元 are one figure; a plan may write either, and so may a user.
      .replace(
        /(^|[^一二两三四五六七八九十百千万\d])([十百千])(?=亿|万)/g,
        (_m: string, pre: string, s: string) => `${pre}${SCALE[s]}`,
      )
      .replace(/\s+/g, " ")
      .trim()
  );
}
