// A sentence of the plan quoted as evidence, trimmed to the clauses that hold the answer ("…上市公司数量达到12家…"):
// the whole sentence is one tap away on the task page; the chat gets what was asked.
/** Where a sentence divides into clauses: after each comma, semicolon or colon. */
export const CLAUSE_END = /(?<=[,，;；:：])/;
const TRAILING = /[,，;；:：。]+$/;

/**
 * The clauses that score highest (above 0), in order, with "…" wherever the sentence goes on between or around them;
 * the whole sentence when no clause scores. `firstOnly`: only the first of them (the evidence that names a subject).
 */
export function trimmedToClauses(sentence: string, score: (clause: string) => number, firstOnly = false): string {
  const clauses = sentence.split(CLAUSE_END);
  const scores = clauses.map(score);
  const best = Math.max(...scores);
  if (!(best > 0)) return sentence;
  const held = scores.map((s, i) => (s === best ? i : -1)).filter((i) => i >= 0);
  const kept = firstOnly ? held.slice(0, 1) : held;
  if (kept.length === clauses.length) return sentence;
  let out = "";
  let next = 0;
  for (const [k, i] of kept.entries()) {
    if (i > next) out += "…";
    // A clause's own punctuation stays when the next kept clause follows it; before a gap "…" replaces it.
    const clause = clauses[i] ?? "";
    out += kept[k + 1] === i + 1 ? clause : clause.replace(TRAILING, "");
    next = i + 1;
  }
  return next < clauses.length || TRAILING.test(sentence) ? `${out}…` : out;
}

/** How much of a subject (as the user wrote it) a clause names: its pairs of consecutive characters found. */
export function subjectScore(subject: string): (clause: string) => number {
  const chars = [...subject.replace(/\s+/g, "")];
  const pairs = chars.flatMap((c, i) => (i + 1 < chars.length ? [c + chars[i + 1]] : []));
  return (clause) => pairs.filter((p) => clause.includes(p)).length;
}

/** Whether a clause states one of some figures (valueText and unit as the plan prints them). */
export function figureScore(figures: { valueText: string; unit: string }[]): (clause: string) => number {
  return (clause) => (figures.some((f) => f.valueText !== "" && clause.includes(f.valueText + f.unit)) ? 1 : 0);
}
