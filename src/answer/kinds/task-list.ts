// Lists of tasks: under one heading ("提升政务服务效能有哪些任务"), ranked ("协同部门最多的是哪个任务"), and those
// with or without targets ("哪些任务没有量化目标"). The whole list ("重点任务清单") is in no-subject.ts.
import type { ResponsibilityMatrix } from "../../plan/schema.js";
import { normalizeText } from "../../search/normalize.js";
import type { PlanIndex } from "../../search/plan-index.js";
import { MOST_PARTNERS, MOST_TARGETS, TASKS_BY_TARGETS } from "../question-forms.js";
import type { QuestionKind } from "./scope.js";
import { shareIn } from "./terms.js";

export const SECTION: QuestionKind = {
  name: "the tasks under a heading",
  resolve({ q, plan }, scope) {
    if (!plan || q.taskNo !== null || q.departments.length > 0) return undefined;
    const section = sectionNamed(plan, q.topic, scope.index);
    return section ? { kind: "task_list", plan, section } : undefined;
  },
};

export const RANKED_TASKS: QuestionKind = {
  name: "tasks ranked by partners or targets",
  resolve({ q, plan }) {
    const ranked = MOST_PARTNERS.test(q.normalized) ? "partners" : MOST_TARGETS.test(q.normalized) ? "targets" : null;
    if (!ranked || !plan || q.taskNo !== null || q.departments.length > 0) return undefined;
    return { kind: "task_list", plan, rankedBy: ranked };
  },
};

export const TASKS_WITH_TARGETS: QuestionKind = {
  name: "tasks with or without targets",
  resolve({ q, plan }) {
    const withOrWithout = TASKS_BY_TARGETS.exec(q.normalized);
    if (!withOrWithout || !plan || q.taskNo !== null || q.departments.length > 0) return undefined;
    return { kind: "task_list", plan, targets: (withOrWithout[1] ?? withOrWithout[2]) ? "without" : "with" };
  },
};

/**
 * The heading of a group of tasks the topic names: all of the topic's terms in the heading, and most of the
 * heading's in the topic ("优化要素" for 优化要素保障). Only headings over two tasks or more.
 */
function sectionNamed(plan: ResponsibilityMatrix, topic: string, index: PlanIndex): string | undefined {
  const terms = new Set(index.termsOf(topic));
  if (terms.size < 2) return undefined;
  const headings = new Map<string, number>();
  for (const t of plan.tasks) {
    const heading = t.section.split(" · ")[1];
    if (heading) headings.set(heading, (headings.get(heading) ?? 0) + 1);
  }
  for (const [heading, count] of headings) {
    if (count < 2) continue;
    const own = new Set(index.termsOf(normalizeText(heading)));
    if (shareIn(own, terms) >= 0.99 && shareIn(terms, own) >= 0.6) return heading;
  }
  return undefined;
}
