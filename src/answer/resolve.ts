// Decides what a parsed question is about: the table of question kinds, tried in order, each answered by its own
// file under kinds/. To add a kind: write kinds/<kind>.ts exporting a QuestionKind, and put it in QUESTION_KINDS
// where it must win over the kinds after it.
import type { LoadedPlans } from "../plan/knowledge.js";
import { chineseNumeral } from "../plan/numbers.js";
import type { ResponsibilityMatrix, Task } from "../plan/schema.js";
import { normalizeText } from "../search/normalize.js";
import type { PlanIndex } from "../search/plan-index.js";
import type { DepartmentLookup } from "./department-lookup.js";
import { DEPARTMENT_TASKS, departmentFollowUp, SHARED_TASKS } from "./kinds/department-tasks.js";
import { COMPARED_DEPARTMENTS, EVERY_DEPARTMENT, UNKNOWN_DEPARTMENT } from "./kinds/departments.js";
import { GOALS } from "./kinds/goals.js";
import { ACKNOWLEDGED, HELP } from "./kinds/help.js";
import { MEASURES, OVERALL_CHARGE_KIND } from "./kinds/measures.js";
import { NO_SUBJECT } from "./kinds/no-subject.js";
import { PLAN_INFO } from "./kinds/plan-info.js";
import { refine } from "./kinds/refine.js";
import { type Asked, createScope, type QuestionKind } from "./kinds/scope.js";
import { RECENT_PROGRESS, STATUS_OVERVIEW } from "./kinds/status.js";
import { RANKED_TASKS, SECTION, SECTION_ITEM, TASKS_WITH_TARGETS } from "./kinds/task-list.js";
import { TASK_NUMBER } from "./kinds/task-number.js";
import { MIN_COVERAGE } from "./kinds/terms.js";
import { SUBJECT } from "./kinds/topic.js";
import { narrowedTo, WHICH_DEPARTMENT } from "./kinds/which-department.js";
import { WHICH_PLAN } from "./kinds/which-plan.js";
import { EVERY_YEAR_TARGETS } from "./kinds/year-targets.js";
import type { ParsedQuestion } from "./question.js";
import { TRIVIAL_TOPIC } from "./question-forms.js";
import type { Resolution } from "./resolution.js";

/**
 * The kinds of question, most specific first: the first that answers wins. Fixed forms (help, the plan's
 * particulars, departments, lists) come before the kinds that search for a subject, which always answer.
 */
export const QUESTION_KINDS: readonly QuestionKind[] = [
  HELP,
  ACKNOWLEDGED,
  WHICH_PLAN,
  PLAN_INFO,
  UNKNOWN_DEPARTMENT,
  WHICH_DEPARTMENT,
  COMPARED_DEPARTMENTS,
  EVERY_DEPARTMENT,
  STATUS_OVERVIEW,
  RECENT_PROGRESS,
  SHARED_TASKS,
  DEPARTMENT_TASKS,
  SECTION_ITEM,
  SECTION,
  MEASURES,
  OVERALL_CHARGE_KIND,
  EVERY_YEAR_TARGETS,
  RANKED_TASKS,
  TASKS_WITH_TARGETS,
  TASK_NUMBER,
  GOALS,
  NO_SUBJECT,
  SUBJECT,
];

export interface Resolver {
  /** `home`: the plan of the group asked in, for a question that names none */
  resolve(q: ParsedQuestion, previous: Resolution | null, home?: string): Resolution;
  /** tasks named by a short reference, best first */
  findTasks(normalizedReference: string): { plan: ResponsibilityMatrix; task: Task; score: number }[];
  /**
   * The plans whose text holds every word of a question's subject, when the question names no plan and several are
   * loaded: each of them answers ("跨境电商谁牵头" with two plans that both have it). Empty otherwise.
   */
  plansCovering(q: ParsedQuestion): string[];
}

/** how many plans a question naming none is answered from, when each holds its whole subject */
const MAX_PLANS_ANSWERING = 3;

export function createResolver(loaded: LoadedPlans, index: PlanIndex, lookup: DepartmentLookup): Resolver {
  const scope = createScope(loaded, index, lookup);

  /** The question with the plan it is about; the place's name taken out of its subject. */
  const read = (question: ParsedQuestion, previous: Resolution | null, home?: string): Asked => {
    let q = departmentFollowUp(question, previous);
    const homePlan = home !== undefined && !scope.namedPlan(q) ? scope.plans.get(home) : undefined;
    const named = scope.namedPlan(q);
    // "任务三呢" right after an answer about one plan: that plan's task three.
    const previousPlan =
      q.taskNo !== null && previous && (previous.kind === "task" || previous.kind === "goals")
        ? previous.plan
        : undefined;
    const plan = homePlan ?? named?.plan ?? (loaded.plans.length === 1 ? loaded.plans[0] : previousPlan);
    // Every name of the place goes (新站 is left of 新站高新区 once 高新区 is taken as a filler).
    if (named) q = { ...q, topic: named.names.reduce((t, n) => t.split(n).join(" "), q.topic).trim() };
    // "新站区财政局", or 财政局 asked in 青禾区's group: of the departments the words fit, the plan's.
    if (plan) q = { ...q, departments: q.departments.map((d) => narrowedTo(d, plan, scope)) };
    return { q, previous, plan, named, homePlan };
  };

  return {
    resolve(question, previous, home) {
      const asked = read(question, previous, home);
      for (const kind of QUESTION_KINDS) {
        const found = kind.resolve(asked, scope);
        if (found) return kind.refined ? refine(found, asked.q, scope) : found;
      }
      return { kind: "help" };
    },
    plansCovering(q) {
      if (loaded.plans.length < 2 || scope.namedPlan(q) || !q.topic || TRIVIAL_TOPIC.test(q.topic)) return [];
      if (index.termsOf(q.topic).length < 2) return [];
      const covering = new Set<string>();
      for (const h of index.search(q.topic)) {
        if (h.passage.kind !== "measure" && h.coverage >= 0.99) covering.add(h.passage.plan);
      }
      // Two or three plans answer one after another; more would bury the reply (a city's hundred district plans),
      // and the first plan's answer, under its title, stands alone as before.
      return covering.size > 1 && covering.size <= MAX_PLANS_ANSWERING ? [...covering] : [];
    },
    findTasks(reference) {
      const q = normalizeText(reference);
      const byNumber = /^(?:任务|第)?\s*([一二三四五六七八九十\d]{1,3})\s*(?:项)?(?:任务)?$/.exec(q);
      if (byNumber?.[1]) {
        const no = /^\d+$/.test(byNumber[1]) ? Number(byNumber[1]) : chineseNumeral(byNumber[1]);
        return loaded.plans.flatMap((plan) =>
          plan.tasks.filter((t) => t.no === no).map((task) => ({ plan, task, score: 1 })),
        );
      }
      const hits = index.search(q).filter((h) => h.passage.taskNo > 0 && h.coverage >= MIN_COVERAGE);
      const seen = new Set<string>();
      const out: { plan: ResponsibilityMatrix; task: Task; score: number }[] = [];
      for (const h of hits) {
        const key = `${h.passage.plan}#${h.passage.taskNo}`;
        const plan = scope.plans.get(h.passage.plan);
        const task = plan?.tasks.find((t) => t.no === h.passage.taskNo);
        if (seen.has(key) || !plan || !task) continue;
        seen.add(key);
        out.push({ plan, task, score: h.score });
      }
      return out;
    },
  };
}
