// The data behind a target's chart: recorded values over time and the straight line to the target at its due day.
// The line starts where the target's level is known — its first recorded value — and from zero only for a target
// that counts additions from the period's start (新增): a level target whose starting level nobody recorded would
// otherwise look far ahead or behind of a line it never started on.
import type { ResponsibilityMatrix, Target } from "../plan/schema.js";
import type { ProgressRecord } from "../progress/schema.js";
import { targetPeriod } from "../progress/status.js";

export interface ChartPoint {
  /** YYYY-MM-DD */
  date: string;
  value: number;
}

export interface TargetChart {
  targetId: string;
  metric: string;
  unit: string;
  actual: ChartPoint[];
  /**
   * two points, (first record, its value) — or (period start, 0) for a 新增 target — and (due day, target value);
   * empty when the plan states no period or nothing is recorded yet
   */
  paceLine: ChartPoint[];
  targetValue: number;
}

/** A chart for every target with a numeric value; records are the task's effective history in any order. */
export function targetCharts(
  plan: ResponsibilityMatrix,
  targets: readonly Target[],
  records: readonly ProgressRecord[],
): TargetChart[] {
  return targets.flatMap((target) => {
    if (target.value === null) return [];
    const actual = records
      // a figure in another unit is not on this target's scale (the status rule ignores it too)
      .filter((r) => r.targetId === target.id && r.value !== null && (r.unit === null || r.unit === target.unit))
      .map((r) => ({ date: r.asOf, value: r.value as number, id: r.id }))
      .sort((a, b) => (a.date === b.date ? a.id - b.id : a.date < b.date ? -1 : 1))
      .map(({ date, value }) => ({ date, value }));
    const period = targetPeriod(plan, target);
    const from = target.comparison === "新增" && period ? { date: period.start, value: 0 } : actual[0];
    const paceLine =
      period && from && from.date < period.end
        ? [
            { date: from.date, value: from.value },
            { date: period.end, value: target.value },
          ]
        : [];
    return [
      { targetId: target.id, metric: target.metric, unit: target.unit, actual, paceLine, targetValue: target.value },
    ];
  });
}
