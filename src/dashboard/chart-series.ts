// The data behind a target's chart: recorded values over time and the pace line (progress/pace-line.ts), with
// where that line starts said in words, so a reader knows whether it is the plan's baseline or a first record.
import type { ResponsibilityMatrix, Target } from "../plan/schema.js";
import { type PaceLine, type PaceStart, paceLine } from "../progress/pace-line.js";
import type { ProgressRecord } from "../progress/schema.js";
import { formatNumber } from "./fragments.js";

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
  /** two points, the pace start and (due day, target value); empty when there is no line (see paceNote) */
  paceLine: ChartPoint[];
  /** where the line starts and, in words, where that level comes from (基线 68%（方案，2024年）) */
  paceStart: (PaceStart & { label: string }) | null;
  /** one sentence for the page: where the line starts, or why there is none */
  paceNote: string;
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
    return [
      {
        targetId: target.id,
        metric: target.metric,
        unit: target.unit,
        actual,
        ...pace(target, paceLine(plan, { ...target, value: target.value }, actual[0])),
        targetValue: target.value,
      },
    ];
  });
}

function pace(target: Target, line: PaceLine): Pick<TargetChart, "paceLine" | "paceStart" | "paceNote"> {
  if (line.start === null) return { paceLine: [], paceStart: null, paceNote: MISSING_NOTE[line.missing] };
  const label = startLabel(target, line.start);
  const { date, value } = line.start;
  return {
    paceLine: [{ date, value }, line.end],
    paceStart: { ...line.start, label },
    paceNote: `直线进度起点：${label}`,
  };
}

function startLabel(target: Target, start: PaceStart): string {
  const level = `${formatNumber(start.value)}${target.unit}`;
  if (start.source === "baseline") {
    const year = target.from?.year;
    return `基线 ${level}（方案${year != null ? `，${year}年` : ""}）`;
  }
  if (start.source === "additions") return `期初 ${level}（新增量从零计）`;
  return `首次记录 ${level}（${start.date}）`;
}

const MISSING_NOTE: Record<Extract<PaceLine, { start: null }>["missing"], string> = {
  holds_level: "原文要求保持这一水平，不画直线进度",
  no_period: "方案未写明实施期限，不画直线进度",
  no_start: "方案未写基线，截止日前也无数值记录，暂无直线进度",
};
