// Example questions for help and "not found" replies, taken from the loaded plans: a plan from another district
// gets examples in its own words, not this project's seed plan's.
import type { ResponsibilityMatrix } from "../plan/schema.js";

export interface Examples {
  /** a target's metric, short enough to type ("上市公司数量") */
  subject: string;
  /** its unit, for a progress example */
  unit: string;
  /** the task carrying it, as a progress command names it ("任务7") */
  taskRef: string;
  /** the department that leads most tasks */
  department: string;
  /** a task number to ask about ("第3项任务") */
  taskOrdinal: string;
  /** two targets of one task, for a message that reports both */
  pair?: { taskRef: string; first: string; second: string };
}

const FALLBACK: Examples = {
  subject: "某项指标",
  unit: "",
  taskRef: "任务1",
  department: "某部门",
  taskOrdinal: "第1项任务",
};

export function examplesFrom(plans: readonly ResponsibilityMatrix[]): Examples {
  const plan = plans[0];
  if (!plan) return FALLBACK;
  const carriers = plan.tasks.flatMap((task) => task.targets.map((target) => ({ task, target })));
  // A target in the plan's commonest unit reads most like what people ask about (in the seed plan, 家 of enterprises).
  const commonUnit = mostCommon(carriers.map(({ target }) => target.unit));
  const typable = carriers.filter(({ target }) => target.metric.length <= 8 && !/[()(]/.test(target.metric));
  const short = typable.find(({ target }) => target.unit === commonUnit) ?? typable[0] ?? carriers[0];
  const department = mostCommon(plan.tasks.flatMap((t) => t.lead)) ?? FALLBACK.department;
  const n = Math.min(3, plan.tasks.length);
  const twoTargets = plan.tasks.find((t) => t.targets.length >= 2);
  const [first, second] = twoTargets?.targets ?? [];
  return {
    subject: short?.target.metric ?? FALLBACK.subject,
    unit: short?.target.unit ?? "",
    taskRef: short ? `任务${short.task.no}` : FALLBACK.taskRef,
    department,
    taskOrdinal: n > 0 ? `第${n}项任务` : FALLBACK.taskOrdinal,
    ...(twoTargets && first && second
      ? {
          pair: {
            taskRef: `任务${twoTargets.no}`,
            first: `${first.metric}…${first.unit}`,
            second: `${second.metric}…${second.unit}`,
          },
        }
      : {}),
  };
}

/** The value that occurs most often (the first of those on a tie), or undefined for none. */
function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}
