// How much of a question's terms a sentence, metric or title holds: the measures every kind of question shares.
import type { Target, Task } from "../../plan/schema.js";
import { RELATIVE_CHANGE } from "../../plan/stated-figures.js";
import { normalizeText } from "../../search/normalize.js";
import type { PlanIndex } from "../../search/plan-index.js";

/** A topic is covered when the best passage holds at least this share of its terms. */
export const MIN_COVERAGE = 0.5;

export function shareIn(pool: Set<string>, terms: Set<string>): number {
  let n = 0;
  for (const t of terms) if (pool.has(t)) n++;
  return n / Math.max(1, terms.size);
}

/** A target's metric as terms, computed once per target rather than once per question. */
const metricTermsCache = new WeakMap<Target, string[]>();

export function metricTerms(t: Target, index: PlanIndex): string[] {
  let terms = metricTermsCache.get(t);
  if (!terms) {
    terms = index.termsOf(normalizeText(t.metric));
    metricTermsCache.set(t, terms);
  }
  return terms;
}

const sentenceTermsCache = new WeakMap<Target, Set<string>>();

/** The terms of the plan's sentence that holds a target (and of its metric). */
export function sentenceTerms(t: Target, index: PlanIndex): Set<string> {
  let terms = sentenceTermsCache.get(t);
  if (!terms) {
    terms = new Set([...index.termsOf(normalizeText(t.sentence)), ...metricTerms(t, index)]);
    sentenceTermsCache.set(t, terms);
  }
  return terms;
}

const taskTargetTermsCache = new WeakMap<Task, Set<string>>();

/** The terms of all the sentences (and metrics) of a task's targets together. */
export function targetSentenceTerms(task: Task, index: PlanIndex): Set<string> {
  let terms = taskTargetTermsCache.get(task);
  if (!terms) {
    terms = new Set(task.targets.flatMap((t) => [...sentenceTerms(t, index)]));
    taskTargetTermsCache.set(task, terms);
  }
  return terms;
}

const taskSentenceTermsCache = new WeakMap<Task, Set<string>[]>();

/** The task's sentence holding most of the terms (the first on a tie), and how many; undefined when none holds any. */
export function sentenceNaming(
  task: Task,
  terms: Set<string>,
  index: PlanIndex,
): { sentence: string; held: number } | undefined {
  let perSentence = taskSentenceTermsCache.get(task);
  if (!perSentence) {
    perSentence = task.sentences.map((s) => new Set(index.termsOf(normalizeText(s))));
    taskSentenceTermsCache.set(task, perSentence);
  }
  let best: { sentence: string; held: number } | undefined;
  perSentence.forEach((pool, i) => {
    let held = 0;
    for (const t of terms) if (pool.has(t)) held++;
    const sentence = task.sentences[i] ?? "";
    // Of sentences naming it alike, one setting a change against a past level (较2023年翻一番) is its figure's.
    const better = held === best?.held && RELATIVE_CHANGE.test(sentence) && !RELATIVE_CHANGE.test(best.sentence);
    if (held > (best?.held ?? 0) || better) best = { sentence, held };
  });
  return best;
}
