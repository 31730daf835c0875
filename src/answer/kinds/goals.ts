// The plan's overall goals: "总体目标有哪些", "GDP目标"; a subject the goals never mention ("跨境电商发展目标")
// goes to its own task instead.
import type { ResponsibilityMatrix } from "../../plan/schema.js";
import { normalizeText } from "../../search/normalize.js";
import type { PlanIndex } from "../../search/plan-index.js";
import type { ParsedQuestion } from "../question.js";
import { TRIVIAL_TOPIC } from "../question-forms.js";
import { goalsAnswer } from "./goals-targets.js";
import type { QuestionKind } from "./scope.js";
import { MIN_COVERAGE, sentenceTerms, shareIn } from "./terms.js";
import { resolveTopic } from "./topic.js";

export const GOALS: QuestionKind = {
  name: "the overall goals",
  refined: true,
  resolve({ q, plan }, scope) {
    if (!q.intents.has("goals") || !plan) return undefined;
    // "数字经济三年行动总目标": words of the plan's own title name the plan, not a subject among its goals.
    const asked = namesThePlan(plan, q, scope.index) ? { ...q, topic: "" } : q;
    const subjects = beyondGoals(plan, asked, scope.index) ? resolveTopic(scope, asked, plan) : undefined;
    return subjects?.kind === "task" ? subjects : goalsAnswer(plan, asked, scope.index);
  },
};

function namesThePlan(plan: ResponsibilityMatrix, q: ParsedQuestion, index: PlanIndex): boolean {
  const terms = new Set(index.termsOf(q.topic));
  return terms.size > 0 && shareIn(new Set(index.termsOf(normalizeText(plan.title))), terms) >= 0.99;
}

/**
 * "跨境电商发展目标是什么": 发展目标 reads like the overall goals, but the subject is one the goals' sentences never
 * mention; the subject's own task answers it. A subject the goals do mention (经济总量) stays with the goals.
 */
function beyondGoals(plan: ResponsibilityMatrix, q: ParsedQuestion, index: PlanIndex): boolean {
  if (!q.topic || TRIVIAL_TOPIC.test(q.topic)) return false;
  const terms = new Set(index.termsOf(q.topic));
  if (terms.size === 0) return false;
  const goalTerms = new Set(plan.goals.targets.flatMap((t) => [...sentenceTerms(t, index)]));
  return shareIn(goalTerms, terms) < MIN_COVERAGE;
}
