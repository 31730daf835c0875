// Targets by year: "2025年要完成哪些目标" (every target due that year) and "每年都要完成的目标有哪些" (年均, 每年).
import { RECURRING, type ResponsibilityMatrix, type Target } from "../../plan/schema.js";
import { plannedYears } from "../figures-asked.js";
import { EVERY_YEAR, EVERY_YEAR_WORDS, TRIVIAL_TOPIC } from "../question-forms.js";
import type { Resolution } from "../resolution.js";
import type { QuestionKind } from "./scope.js";

export const EVERY_YEAR_TARGETS: QuestionKind = {
  name: "the targets set for every year",
  resolve({ q, plan }) {
    if (!plan || q.taskNo !== null || !EVERY_YEAR.test(q.normalized)) return undefined;
    if (!TRIVIAL_TOPIC.test(q.topic.replace(EVERY_YEAR_WORDS, ""))) return undefined;
    const groups = plan.tasks
      .map((task) => ({ task, targets: task.targets.filter((t) => RECURRING.test(t.metric)) }))
      .filter((g) => g.targets.length > 0);
    return groups.length > 0 ? { kind: "year_targets", plan, year: null, groups } : undefined;
  },
};

/** Every target due in `year`: dated that year, recurring (每年, 年均) within the period, or undated at its end. */
export function yearTargets(plan: ResponsibilityMatrix, year: number): Resolution {
  const period = plan.period;
  const inPeriod = !period || (year >= period.startYear && year <= period.endYear);
  // A 年均 target holds in every year of the period, whatever year its sentence runs to ("到2025年…年均下降3%").
  const recurring = (t: Target) => RECURRING.test(t.metric) && inPeriod;
  const due = (t: Target) => {
    if (recurring(t)) return true;
    if (t.year !== null) return t.year === year;
    if (RECURRING.test(t.sentence)) return inPeriod;
    return period?.endYear === year;
  };
  const groups = [
    { task: null, targets: plan.goals.targets.filter(due) },
    ...plan.tasks.map((task) => ({ task, targets: task.targets.filter(due) })),
  ].filter((g) => g.targets.length > 0);
  const planned = plannedYears([...plan.goals.targets, ...plan.tasks.flatMap((t) => t.targets)]);
  if (groups.length > 0) {
    // Only the yearly ones fall in this year: say that the plan sets nothing for the year itself.
    const onlyRecurring = groups.every((g) => g.targets.every((t) => t.year !== year && recurring(t)));
    return { kind: "year_targets", plan, year, groups, ...(onlyRecurring ? { plannedYears: planned } : {}) };
  }
  return { kind: "not_covered", subject: `${year}年的目标`, why: "year", nearest: [], plannedYears: planned, plan };
}
