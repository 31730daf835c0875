// Status rules for targets and tasks: done, on pace, behind pace, stale, missed — computed at a given day, never from the clock.
import { lowerIsBetter, type ResponsibilityMatrix, type Target, type Task } from "../plan/schema.js";
import { type Baseline, baselineOf } from "./baseline.js";
import { daysBetween } from "./dates.js";
import { latestPerTarget, previousPerTarget } from "./effective.js";
import type { ProgressReader, ProgressRecord } from "./schema.js";

/**
 * Behind pace = attained share of the target below the elapsed share of its period by more than this.
 * 10 percentage points: progress is reported in steps (quarterly figures), so a strict line would flag
 * every task the day before its next report.
 */
export const PACE_TOLERANCE = 0.1;

export const TargetStatus = ["done", "on_pace", "behind", "stale", "missed", "recorded", "no_record"] as const;
export type TargetStatus = (typeof TargetStatus)[number];

export const STATUS_LABEL: Record<TargetStatus, string> = {
  done: "已完成",
  on_pace: "进度正常",
  behind: "进度滞后",
  stale: "久未更新",
  missed: "期末未完成",
  recorded: "已填报",
  no_record: "暂无记录",
};

export interface Period {
  start: string;
  end: string;
}

/** The span a target is measured over: the plan's period, ending early when the target is due in an earlier year. */
export function targetPeriod(plan: ResponsibilityMatrix, target?: Target): Period | null {
  if (!plan.period) return null;
  const { startYear, endYear } = plan.period;
  const dueYear = target?.year != null && target.year >= startYear && target.year <= endYear ? target.year : endYear;
  return { start: `${startYear}-01-01`, end: `${dueYear}-12-31` };
}

/** Share of the period elapsed on `today`, 0..1. */
export function elapsedShare(period: Period, today: string): number {
  const total = daysBetween(period.start, period.end);
  if (total <= 0) return 1;
  return Math.min(1, Math.max(0, daysBetween(period.start, today) / total));
}

/**
 * Attained share of a target's value, or null when it cannot be a share: no number on either side, a different
 * unit, or a zero/negative target. For 提升/下降 targets the recorded value is the change achieved so far in the
 * target's own unit (e.g. 已提升 1.2 个百分点), so the same division applies; the recording confirmation says so.
 * With a starting level the plan states (由68%提高到90%), the share is of the way from it (75% is 7 of 22 points,
 * under a third), as the pace line measures it: 75/90 would call a target that has barely moved five-sixths done.
 */
export function attainedShare(target: Target, latest: ProgressRecord | null, baseline?: Baseline): number | null {
  // A cap (压缩至1个工作日以内) or a rank (前10位) is met or not; lower is better, so a share of it means nothing.
  if (lowerIsBetter(target.comparison)) return null;
  if (!latest || latest.value === null || target.value === null || target.value <= 0) return null;
  if (latest.unit !== null && latest.unit !== target.unit) return null;
  if (baseline && target.value > baseline.value)
    return (latest.value - baseline.value) / (target.value - baseline.value);
  return latest.value / target.value;
}

/** A cap target is met when the latest figure, in the target's unit, is at or under it. */
export function capMet(target: Target, latest: ProgressRecord | null): boolean {
  if (!lowerIsBetter(target.comparison) || !latest || latest.value === null || target.value === null) return false;
  return (latest.unit === null || latest.unit === target.unit) && latest.value <= target.value;
}

export interface TargetProgress {
  target: Target;
  latest: ProgressRecord | null;
  attained: number | null;
  /** elapsed share of the target's period, null without a period */
  expected: number | null;
  /** the period is over: figures are final */
  ended: boolean;
  status: TargetStatus;
  /** the plan's starting level, when attained and expected are measured from it rather than from zero */
  baseline?: Baseline;
  /** the record with a figure before the latest: what it moved from (set where the task's records are read) */
  previous?: ProgressRecord | null;
}

export function targetProgress(
  plan: ResponsibilityMatrix,
  target: Target,
  latest: ProgressRecord | null,
  today: string,
  staleDays: number,
): TargetProgress {
  const period = targetPeriod(plan, target);
  // A stated starting level moves both measures to where the pace line starts: the share is of the way from it,
  // the time of the span since it held.
  const baseline = period ? baselineOf(target, period) : undefined;
  const measured =
    period && baseline && baseline.date < period.end && target.value !== null && target.value > baseline.value
      ? baseline
      : undefined;
  const attained = attainedShare(target, latest, measured);
  const expected = period ? elapsedShare(measured ? { start: measured.date, end: period.end } : period, today) : null;
  const ended = period !== null && today > period.end;
  const base = { target, latest, attained, expected, ended, ...(measured ? { baseline: measured } : {}) };
  if ((attained !== null && attained >= 1) || capMet(target, latest)) return { ...base, status: "done" };
  if (ended) return { ...base, status: attained !== null || latest ? "missed" : "no_record" };
  if (isStale(period, latest, today, staleDays)) return { ...base, status: "stale" };
  if (attained !== null && expected !== null) {
    return { ...base, status: attained < expected - PACE_TOLERANCE ? "behind" : "on_pace" };
  }
  return { ...base, status: latest ? "recorded" : "no_record" };
}

/** No record for more than `staleDays` days; never reported counts from the period's start. */
function isStale(period: Period | null, latest: ProgressRecord | null, today: string, staleDays: number): boolean {
  const since = latest?.asOf ?? period?.start;
  if (!since) return false;
  if (period && today < period.start) return false;
  return daysBetween(since, today) > staleDays;
}

export interface TaskProgress {
  task: Task;
  latest: ProgressRecord | null;
  targets: TargetProgress[];
  /** no record of the task for more than staleDays (never reported counts from the period's start) */
  stale: boolean;
  ended: boolean;
}

export function taskProgress(
  plan: ResponsibilityMatrix,
  task: Task,
  reader: ProgressReader | undefined,
  today: string,
  staleDays: number,
): TaskProgress {
  // One read: each read of the store is a transaction of its own (a few µs of locking in WAL mode).
  const effective = reader?.forTask(plan.slug, task.no) ?? [];
  const latest = effective[0] ?? null;
  const byTarget = latestPerTarget(effective);
  const before = previousPerTarget(effective);
  const period = targetPeriod(plan);
  const ended = period !== null && today > period.end;
  return {
    task,
    latest,
    targets: task.targets.map((t) => ({
      ...targetProgress(plan, t, byTarget.get(t.id) ?? null, today, staleDays),
      previous: before.get(t.id) ?? null,
    })),
    stale: !ended && isStale(period, latest, today, staleDays),
    ended,
  };
}
