// The data behind a target's chart: recorded values over time and the straight line from 0 at the period's start to
// the target at its due day — the same line the progress module's pace rule measures against.
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
  /** two points, (period start, 0) and (due day, target value); empty when the plan states no period */
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
    const paceLine = period
      ? [
          { date: period.start, value: 0 },
          { date: period.end, value: target.value },
        ]
      : [];
    return [
      { targetId: target.id, metric: target.metric, unit: target.unit, actual, paceLine, targetValue: target.value },
    ];
  });
}
