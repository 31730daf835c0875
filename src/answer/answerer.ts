// The answering core: question text in, answers out. Pure: no I/O, no clock (today comes in the context).
import type { LoadedPlans } from "../plan/knowledge.js";
import type { ResponsibilityMatrix, Task } from "../plan/schema.js";
import type { Answer, AnswerContext } from "./types.js";

export interface Answerer {
  /** One answer per question found in the text (a message may hold two). */
  answer(question: string, ctx: AnswerContext): Answer[];
  /** Tasks that a short reference names ("任务九", "第3项", "上市公司"), best first; empty when none is confident. */
  findTasks(reference: string): TaskMatch[];
}

export interface TaskMatch {
  plan: ResponsibilityMatrix;
  task: Task;
  score: number;
}

export function createAnswerer(loaded: LoadedPlans): Answerer {
  return {
    answer(question) {
      void loaded;
      return [{ intent: "not_covered", plan: null, tasks: [], text: `未找到与“${question}”相关的内容。` }];
    },
    findTasks: () => [],
  };
}
