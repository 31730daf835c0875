// What applies to any task or goals found, whatever the kind of question that found it: a figure quoted narrows
// the targets ("1100万元/亩是哪个指标") or is checked ("是12家吗"), a department's role is asked ("科技局是第三项
// 任务的牵头部门吗"), a year the plan sets nothing for is said so.
import type { Task } from "../../plan/schema.js";
import { COUNTING_UNITS, MEASURED_UNITS, unitPattern } from "../../plan/units.js";
import type { DepartmentMention } from "../department-lookup.js";
import { checkMoney, checkYears, targetsWithFigure, withFigureCheck } from "../figures-asked.js";
import type { ParsedQuestion } from "../question.js";
import { ASKS_ROLE, COUNT_UNITS } from "../question-forms.js";
import type { Resolution } from "../resolution.js";
import { goalsAnswer } from "./goals-targets.js";
import type { Scope } from "./scope.js";

export function refine(found: Resolution, q: ParsedQuestion, scope: Scope): Resolution {
  let resolution = found;
  // "800亿的目标谁负责": the goals, narrowed to the one whose figure is quoted.
  if (resolution.kind === "goals" && resolution.focus === null) {
    const byFigure = targetsWithFigure(resolution.plan, q.topic);
    if (byFigure?.task === null) resolution = goalsAnswer(resolution.plan, q, scope.index, byFigure.targets);
  }
  // "1100万元/亩是哪个指标": a task found by its words, narrowed to the target whose figure is quoted.
  if (resolution.kind === "task" && !resolution.noFigureFor) {
    const all = resolution.task.targets;
    const byFigure =
      resolution.focus && resolution.focus.length < all.length
        ? undefined
        : targetsWithFigure(resolution.plan, q.topic);
    if (byFigure?.task === resolution.task) resolution = { ...resolution, focus: byFigure.targets };
  }
  if (resolution.kind === "task" && COUNT_UNITS.test(q.normalized)) resolution = { ...resolution, countUnits: true };
  // "城中村改造要建多少套安置房": the unit asked picks the task's targets counted in it (2400套, not 4个).
  // Said not set for the words, but a target in the unit asked is named by them ("小区地下管网要改多少公里":
  // 改造小区内各类老化管网165公里) also answers.
  if (resolution.kind === "task") {
    const unit = unitAsked(q.normalized);
    // ... and whose measure the question's words name (安置房 for 建设安置住房), beyond words every plan uses
    const inUnit = unit
      ? resolution.task.targets.filter((t) => (t.unit === unit || t.unit.endsWith(unit)) && namedBy(t.metric, q.topic))
      : [];
    // An empty focus says the subject has no target of its own (壮大3个支柱产业 is no target): it stays empty.
    const focus = resolution.focus ?? resolution.task.targets;
    if (inUnit.length > 0 && resolution.noFigureFor) {
      const { noFigureFor: _notSet, ...found } = resolution;
      resolution = { ...found, focus: inUnit };
    } else if (inUnit.length > 0 && focus.length > 0 && !focus.some((t) => inUnit.includes(t)))
      resolution = { ...resolution, focus: inUnit };
  }
  // "科技局是第三项任务的牵头部门吗", "投资促进局在任务一中是牵头还是协同": answered yes or no first.
  const [named1, ...others] = q.departments;
  if (named1 && others.length === 0 && ASKS_ROLE.test(q.normalized)) {
    const asked = /还是/.test(q.normalized)
      ? "either"
      : /协同|配合|参与|协助|partner|cooperat|involved|take part|join/.test(q.normalized)
        ? "partner"
        : "lead";
    const check = (department: string | undefined) => (department ? ({ department, asked } as const) : undefined);
    if (resolution.kind === "task") {
      const roleCheck = check(meant(named1, resolution.task, scope));
      if (roleCheck) resolution = { ...resolution, roleCheck };
    }
    // A goal carried by one task ("千亿产业是经贸发展局牵头吗"): that task's departments answer.
    else if (resolution.kind === "goals" && resolution.carriers?.length === 1 && resolution.carriers[0]) {
      const roleCheck = check(meant(named1, resolution.carriers[0], scope));
      if (roleCheck) resolution = { ...resolution, roleCheck };
    }
  }
  return checkMoney(checkYears(withFigureCheck(resolution, q), q), q);
}

/** pairs of characters in nearly every plan's measures: they name no measure by themselves */
const COMMON_PAIRS = new Set(["产业", "企业", "项目", "建设", "发展", "服务", "规模", "数量"]);

/** Whether the topic shares a pair of characters with the metric, other than the common ones. */
function namedBy(metric: string, topic: string): boolean {
  const words = topic.replace(/\s+/g, "");
  for (let i = 0; i + 1 < metric.length; i++) {
    const pair = metric.slice(i, i + 2);
    if (!COMMON_PAIRS.has(pair) && words.includes(pair)) return true;
  }
  return false;
}

/** 多少套, 几公里, 多少万人次: the unit a question asks a figure in. */
const UNIT_ASKED = new RegExp(`(?:多少|几)(?:[万亿])?(${unitPattern([...COUNTING_UNITS, ...MEASURED_UNITS])})`);
function unitAsked(question: string): string | undefined {
  return UNIT_ASKED.exec(question)?.[1];
}

/**
 * The department a role question means: its name; of several the words fit (财政局 of two plans), the one the task
 * names, else the one of the task's plan; none when that still leaves several (the answer then lists the task's
 * departments without a yes or no).
 */
function meant(d: DepartmentMention, task: Task, scope: Scope): string | undefined {
  if (!d.among) return d.name;
  const inTask = d.among.filter((n) => task.lead.includes(n) || task.partners.includes(n));
  if (inTask.length === 1) return inTask[0];
  const inPlan = d.among.filter((n) => scope.departmentTasks(n).some((e) => e.plan.tasks.includes(task)));
  return inPlan.length === 1 ? inPlan[0] : undefined;
}
