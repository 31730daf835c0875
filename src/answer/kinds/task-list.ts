// Lists of tasks: under one heading ("提升政务服务效能有哪些任务"), ranked ("协同部门最多的是哪个任务"), and those
// with or without targets ("哪些任务没有量化目标"). The whole list ("重点任务清单") is in no-subject.ts.
import type { ResponsibilityMatrix } from "../../plan/schema.js";
import { normalizeText } from "../../search/normalize.js";
import type { PlanIndex } from "../../search/plan-index.js";
import { MOST_PARTNERS, MOST_TARGETS, TASKS_BY_TARGETS } from "../question-forms.js";
import { focusTargets } from "./focus.js";
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

/**
 * "要素保障里面第1条谁牵头": the N-th task under a heading, in a plan whose numbering starts again under each heading
 * ((二)1.). Read before the safeguard measures, whose 第1条 the words would otherwise be taken for.
 */
export const SECTION_ITEM: QuestionKind = {
  name: "a task by its place under a heading",
  resolve({ q, plan }, scope) {
    const n = q.taskNo ?? q.measureNo;
    if (!plan || n === null || q.departments.length > 0) return undefined;
    // The whole question, not the topic: 保障 of 要素保障 was taken out of the topic as a word of measures.
    const section = sectionMentioned(plan, q.normalized, scope.index);
    if (!section) return undefined;
    const task = plan.tasks.filter((t) => t.section.split(" · ")[1] === section)[n - 1];
    if (!task) return { kind: "not_covered", subject: `${section}第${n}项`, why: "no_such_task", nearest: [], plan };
    return { kind: "task", plan, task, intents: q.intents, focus: focusTargets(task.targets, q, scope.index) };
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

/** Headings of groups of two tasks or more (numbering that starts again under each is only read under one). */
function groupHeadings(plan: ResponsibilityMatrix): string[] {
  const count = new Map<string, number>();
  for (const t of plan.tasks) {
    const heading = t.section.split(" · ")[1];
    if (heading) count.set(heading, (count.get(heading) ?? 0) + 1);
  }
  return [...count].filter(([, n]) => n >= 2).map(([h]) => h);
}

/** The one heading most of whose words a question holds ("要素保障里面第1条" for 强化要素保障). */
function sectionMentioned(plan: ResponsibilityMatrix, question: string, index: PlanIndex): string | undefined {
  const terms = new Set(index.termsOf(question));
  const held = groupHeadings(plan)
    .map((h) => ({ h, share: shareIn(terms, new Set(index.termsOf(normalizeText(h)))) }))
    .filter((x) => x.share >= 0.6)
    .sort((a, b) => b.share - a.share);
  return held.length > 0 && held[0]?.share !== held[1]?.share ? held[0]?.h : undefined;
}

/**
 * The heading of a group of tasks the topic names: all of the topic's terms in the heading, and most of the
 * heading's in the topic ("优化要素" for 优化要素保障). Only headings over two tasks or more.
 */
function sectionNamed(plan: ResponsibilityMatrix, topic: string, index: PlanIndex): string | undefined {
  const terms = new Set(index.termsOf(topic));
  if (terms.size < 2) return undefined;
  for (const heading of groupHeadings(plan)) {
    const own = new Set(index.termsOf(normalizeText(heading)));
    if (shareIn(own, terms) >= 0.99 && shareIn(terms, own) >= 0.6) return heading;
  }
  return undefined;
}
