// A question with no subject of its own: a follow-up ("那协同部门呢", "目标呢") continues the task or goals before;
// otherwise the whole plan is meant ("重点任务清单", "进展如何", "今年的目标是什么").
import { ANAPHOR, COUNT_TARGETS, TRIVIAL_TOPIC } from "../question-forms.js";
import { goalsAnswer } from "./goals-targets.js";
import type { QuestionKind } from "./scope.js";
import { yearTargets } from "./year-targets.js";

export const NO_SUBJECT: QuestionKind = {
  name: "no subject: a follow-up, or the whole plan",
  refined: true,
  resolve({ q, plan, previous }, scope) {
    if (q.topic && !TRIVIAL_TOPIC.test(q.topic)) return undefined;
    if (q.intents.has("task_list") && plan) return { kind: "task_list", plan };
    // "这个计划有多少个量化指标": every task's target, counted and listed with its status.
    if (COUNT_TARGETS.test(q.normalized) && plan) return { kind: "status_overview", plan, only: null };
    const anaphor = ANAPHOR.exec(q.normalized);
    if (previous && (previous.kind === "task" || previous.kind === "goals")) {
      // A follow-up answers only the part it asks ("那协同部门呢": the partners, not the whole task again).
      const intents = q.intents.size > 0 ? q.intents : previous.intents;
      if (previous.kind === "goals") {
        // "…要培育多少家？谁牵头？": who carries the goals asked about is asked now, so their tasks are found now.
        const asksWho = intents.has("lead") || intents.has("partners") || intents.has("progress");
        if (!asksWho || previous.carriers) return { ...previous, intents };
        const carried = goalsAnswer(previous.plan, { ...q, intents }, scope.index, previous.focus);
        return { ...carried, ...(previous.subject ? { subject: previous.subject } : {}) };
      }
      // Other tasks that matched the first question were pointed to then; not again.
      const { alsoRelevant: _pointed, ...task } = previous;
      return { ...task, intents };
    }
    // "它的目标" with nothing asked before: which task "它" is cannot be known; ask rather than guess.
    if (anaphor && !previous) return { kind: "not_covered", subject: anaphor[0], why: "no_antecedent", nearest: [] };
    // "进展如何" about nothing in particular: how every target stands.
    if (q.intents.has("progress") && plan && !q.intents.has("goals"))
      return { kind: "status_overview", plan, only: null };
    if (plan && q.years[0] !== undefined && !q.intents.has("goals")) return yearTargets(plan, q.years[0]);
    if (q.intents.has("goals") || (q.intents.has("targets") && plan && !q.intents.has("lead"))) {
      return plan ? { kind: "goals", plan, focus: null, intents: q.intents } : { kind: "help" };
    }
    return plan ? { kind: "task_list", plan } : { kind: "help" };
  },
};
