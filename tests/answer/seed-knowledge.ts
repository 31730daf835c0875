// Test helper: the committed knowledge folder, loaded once per test file, and a fixed answer context.
import { createAnswerer } from "../../src/answer/answerer.js";
import type { AnswerContext } from "../../src/answer/types.js";
import { loadPlans } from "../../src/plan/knowledge.js";

export const seedPlans = loadPlans("knowledge");
export const seedAnswerer = createAnswerer(seedPlans);
export const fixedContext: AnswerContext = { today: "2024-06-30", staleDays: 30 };

export function ask(question: string): string {
  return seedAnswerer
    .answer(question, fixedContext)
    .map((a) => a.text)
    .join("\n\n");
}
