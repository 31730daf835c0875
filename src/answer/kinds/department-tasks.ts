// A department's tasks: "经贸局牵头哪些任务", "科技局牵头的任务有哪些目标", "财政局负责的任务进展如何", and the
// tasks two departments share ("市监局和税务局共同参与哪项任务").
import type { ResponsibilityMatrix } from "../../plan/schema.js";
import type { ParsedQuestion } from "../question.js";
import { COMPARE_DEPARTMENTS, TRIVIAL_TOPIC } from "../question-forms.js";
import type { Resolution } from "../resolution.js";
import type { QuestionKind } from "./scope.js";

/**
 * What, beside a department, makes a question ask for its tasks rather than about a subject: a verb of doing or a
 * question word, then a generic noun for work ("财政局涉及的工作", "科技局负责的事情", "经贸局管哪些事").
 */
const GENERIC_WORK = "(?:任务|工作|事情|事项|事儿|事|内容|活儿?|职责)";
const ASKS_FOR_TASKS = new RegExp(
  [
    // not "配合的是哪些单位", which asks who cooperates on a subject
    `(?:牵头|负责|配合|协同|参与|承担|主抓|涉及|管|抓|做|干)(?:了)?(?:的是)?(?:哪些|哪几|哪项|什么|啥|几项|的${GENERIC_WORK})(?![个家]?(?:单位|部门|局|委))`,
    `(?:哪些|哪几项|哪项|什么|啥)${GENERIC_WORK}`,
    `的任务|重点工作|${GENERIC_WORK}有哪些|清单|列表|干什么|做什么|干啥|职责`,
    // "财政局的工作内容": nothing after the generic nouns but a question
    `的${GENERIC_WORK}+(?:有哪些|是什么|包括什么|呢)?[?？]?$`,
  ].join("|"),
);

function asksDepartmentTasks(q: ParsedQuestion): boolean {
  return (
    q.departments.length > 0 &&
    q.taskNo === null &&
    (!q.topic || ASKS_FOR_TASKS.test(q.normalized)) &&
    !/谁/.test(q.normalized)
  );
}

/** Whether the department named is what the question is about: its tasks, how they stand, or it beside another. */
export function asksAboutDepartment(q: ParsedQuestion): boolean {
  return (
    asksDepartmentTasks(q) ||
    (q.intents.has("status") && q.taskNo === null) ||
    (q.departments.length > 1 && COMPARE_DEPARTMENTS.test(q.normalized))
  );
}

/**
 * "科技局牵头哪些任务" then "目标呢" / "进展如何": the follow-up asks about that department's tasks. The department
 * becomes the subject, as if named: nothing else is asked about.
 */
export function departmentFollowUp(q: ParsedQuestion, previous: Resolution | null): ParsedQuestion {
  if (
    previous?.kind === "dept_tasks" &&
    q.departments.length === 0 &&
    q.taskNo === null &&
    (!q.topic || TRIVIAL_TOPIC.test(q.topic)) &&
    !q.intents.has("goals") &&
    (q.intents.has("targets") || q.intents.has("progress"))
  ) {
    const name = previous.department;
    return { ...q, departments: [{ name, said: name }], topic: "" };
  }
  return q;
}

export const SHARED_TASKS: QuestionKind = {
  name: "the tasks several departments share",
  resolve({ q, plan }, scope) {
    if (!asksDepartmentTasks(q) || q.departments.length < 2 || /分别|各自/.test(q.normalized)) return undefined;
    const names = q.departments.map((d) => d.name);
    // No plan named: the plan that names them all (市监局 and 税务局 of one plan, not the first plan loaded).
    const namesAll = (p: ResponsibilityMatrix) =>
      names.every((n) => scope.departmentTasks(n).some((e) => e.plan === p));
    const home = plan ?? scope.loaded.plans.find(namesAll) ?? scope.loaded.plans[0];
    if (!home) return undefined;
    const tasks = home.tasks.filter((t) => names.every((n) => t.lead.includes(n) || t.partners.includes(n)));
    return { kind: "shared_tasks", departments: names, plan: home, tasks };
  },
};

export const DEPARTMENT_TASKS: QuestionKind = {
  name: "a department's tasks",
  resolve({ q, plan }, scope) {
    const dept = q.departments[0];
    if (!dept || !asksDepartmentTasks(q)) return undefined;
    const entries = scope.departmentTasks(dept.name);
    if (entries.length === 0)
      return { kind: "not_covered", subject: dept.name, why: "department_leads_nothing", nearest: [] };
    // "财政局负责的任务进展如何": how the targets of the tasks it leads stand.
    const leadsHere = plan && entries.some((e) => e.plan === plan && e.lead.length > 0);
    if (q.intents.has("progress") && plan && leadsHere) {
      return { kind: "status_overview", plan, only: null, department: dept.name };
    }
    return {
      kind: "dept_tasks",
      department: dept.name,
      plans: entries,
      ...(dept.corrected ? { saidAs: dept.said } : {}),
      // "科技局牵头的任务有哪些目标": each led task with its targets.
      ...(q.intents.has("targets") && /目标|指标/.test(q.normalized) ? { withTargets: true } : {}),
    };
  },
};
