// "总体目标有哪些", "任务三谁牵头" with several plans loaded and none named: ask which, rather than guess or show help.
import { OVERVIEW_WORDS, TRIVIAL_TOPIC, WHOLE_PLAN_INTENTS } from "../question-forms.js";
import type { QuestionKind } from "./scope.js";

export const WHICH_PLAN: QuestionKind = {
  name: "a whole plan, none named among several",
  resolve({ q, plan, previous }, scope) {
    // "任务三谁牵头" with several plans loaded: every plan has a task three; ask which, as for the goals.
    if (!plan && q.taskNo !== null && scope.loaded.plans.length > 1)
      return { kind: "which_plan", plans: scope.planKeys };
    if (plan || previous || q.taskNo !== null || q.departments.length > 0) return undefined;
    if (!WHOLE_PLAN_INTENTS.some((i) => q.intents.has(i))) return undefined;
    const subject = q.topic
      .replace(OVERVIEW_WORDS, " ")
      .replace(/讲|说|内容|介绍/g, "")
      .trim();
    return !subject || TRIVIAL_TOPIC.test(subject) ? { kind: "which_plan", plans: scope.planKeys } : undefined;
  },
};
