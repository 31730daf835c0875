// The subject of a question as a reply repeats it: in the user's own words, not the glossary's.
import type { ParsedQuestion } from "../question.js";
import { DEPT_ENDING } from "../question-forms.js";

/** The topic as the reply repeats it: Chinese words joined, latin words kept apart. */
export function subjectOf(q: ParsedQuestion): string {
  // Words the glossary added (招商 → 招引) are the plan's, not the user's: the subject repeats the user's own.
  const words = q.topic.split(/\s+/).filter(Boolean);
  const own = words.filter((w) => q.asked.includes(w));
  // "财政收入": a department's short name (财政 for 财政局) written into the subject is part of it here.
  const first = own[0];
  const joined = first && q.departments.find((d) => !DEPT_ENDING.test(d.said) && q.asked.includes(d.said + first));
  if (joined && first) own[0] = joined.said + first;
  const shown = own.length > 0 ? inUsersWords(own, q.asked) : words.join(" ");
  return shown.replace(/(?<=[^a-z0-9])\s+|\s+(?=[^a-z0-9])/g, "") || q.normalized;
}

/**
 * The subject as the user wrote it: a one-character gap the parser took out between two words comes back
 * (招商引资到位资金, not 招商引资位资金), and a one-character word left at the end (the 亿 of 多少亿) goes.
 */
function inUsersWords(words: string[], asked: string): string {
  const kept = words.length > 1 && (words.at(-1)?.length ?? 0) < 2 ? words.slice(0, -1) : words;
  let out = "";
  let end = -1;
  for (const w of kept) {
    const at = asked.indexOf(w, Math.max(0, end));
    if (at < 0) return kept.join(" ");
    if (end >= 0) out += at - end === 1 ? (asked[end] ?? "") : " ";
    out += w;
    end = at + w.length;
  }
  return out;
}
