// Where a target should be by now: the straight line from a known starting level to the target on its due day.
// The start is a level somebody stated — the plan's baseline, else the first recorded value — never zero by
// default: a level target whose starting level nobody stated would otherwise look far ahead or behind of a line it
// never started on. Zero only for a 新增 target, which counts additions from the period's start.
import { holdsLevel } from "../plan/holds-level.js";
import type { ResponsibilityMatrix, Target } from "../plan/schema.js";
import { baselineOf } from "./baseline.js";
import { type Period, targetPeriod } from "./status.js";

export interface PacePoint {
  /** YYYY-MM-DD */
  date: string;
  value: number;
}

export interface PaceStart extends PacePoint {
  /** baseline: the plan's 由…提高到 level; additions: a 新增 target from zero; first_record: the first figure recorded */
  source: "baseline" | "additions" | "first_record";
}

export type PaceLine =
  | { start: PaceStart; end: PacePoint }
  /**
   * no line: the plan keeps a level (保持在95%以上), states no period to end on, or no start is known before the
   * due day (no baseline, nothing recorded)
   */
  | { start: null; missing: "holds_level" | "no_period" | "no_start" };

/**
 * The pace line of a numeric target; firstRecord is the earliest recorded figure on the target's scale, if any.
 * A target without a number has no line: the caller leaves it out.
 */
export function paceLine(
  plan: ResponsibilityMatrix,
  target: Target & { value: number },
  firstRecord: PacePoint | undefined,
): PaceLine {
  if (holdsLevel(target)) return { start: null, missing: "holds_level" };
  const period = targetPeriod(plan, target);
  if (!period) return { start: null, missing: "no_period" };
  const recorded: PaceStart | undefined = firstRecord && {
    date: firstRecord.date,
    value: firstRecord.value,
    source: "first_record",
  };
  // in this order: a level the plan states wins over one recorded later
  const start = [baselineStart(target, period), additionsStart(target, period), recorded].find(
    (s) => s !== undefined && s.date < period.end,
  );
  return start ? { start, end: { date: period.end, value: target.value } } : { start: null, missing: "no_start" };
}

function baselineStart(target: Target, period: Period): PaceStart | undefined {
  const baseline = baselineOf(target, period);
  return baseline && { ...baseline, source: "baseline" };
}

function additionsStart(target: Target, period: Period): PaceStart | undefined {
  return target.comparison === "新增" ? { date: period.start, value: 0, source: "additions" } : undefined;
}
