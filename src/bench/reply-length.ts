// Reply length on the question sets (issue 15: a reply fits a chat window): median and p95 characters per reply,
// over all questions and over the single-part ones (one answer), answered as the chat would with the bundled plan.
import { existsSync } from "node:fs";
import { createAnswerer } from "../answer/answerer.js";
import { composeReply } from "../answer/compose-reply.js";
import { readQuestionSet } from "../eval/question-set.js";
import { loadPlans } from "../plan/knowledge.js";

export const QUESTION_SETS = ["tests/eval/questions.jsonl", "../shared/eval/dev.jsonl"];
/** the day the question sets' tests answer on */
const TODAY = "2024-06-30";

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

export interface ReplyLengths {
  questions: number;
  median: number;
  p95: number;
  singlePart: number;
  singleMedian: number;
  singleP95: number;
  /** share of replies over 300 characters */
  over300: number;
  /** the longest single-part replies, for a reader who wants to see what is long */
  longest: { q: string; chars: number }[];
}

export function measureReplyLengths(knowledge = "knowledge", sets = QUESTION_SETS): ReplyLengths {
  const answerer = createAnswerer(loadPlans(knowledge));
  const all: number[] = [];
  const single: { q: string; chars: number }[] = [];
  for (const file of sets.filter((f) => existsSync(f))) {
    for (const { q } of readQuestionSet(file)) {
      const answers = answerer.answer(q, { today: TODAY, staleDays: 30 });
      const chars = [...composeReply(answers)].length;
      all.push(chars);
      if (answers.length === 1) single.push({ q, chars });
    }
  }
  const sorted = [...all].sort((a, b) => a - b);
  const singles = single.map((s) => s.chars).sort((a, b) => a - b);
  return {
    questions: all.length,
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    singlePart: single.length,
    singleMedian: quantile(singles, 0.5),
    singleP95: quantile(singles, 0.95),
    over300: all.filter((n) => n > 300).length / Math.max(1, all.length),
    longest: [...single].sort((a, b) => b.chars - a.chars).slice(0, 5),
  };
}
