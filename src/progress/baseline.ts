// The starting level a plan states for a target (由2024年的68%提高到90%, 由12%降至8%), as a point in time: where both
// the pace line and the share attained are measured from.
import type { Target } from "../plan/schema.js";

export interface Baseline {
  /** YYYY-MM-DD: the day the level held */
  date: string;
  value: number;
}

/**
 * The plan's stated starting level, on the target's scale, or undefined when it states none (or in another unit).
 * A baseline dated to a year (由2024年的68%) is that year's figure, known at its end — the same reading as a target
 * due "到2027年" on 2027-12-31; an undated one (由12%降至8%) is the level when the period starts.
 */
export function baselineOf(target: Target, period: { start: string }): Baseline | undefined {
  const from = target.from;
  if (!from || from.unit !== target.unit) return undefined;
  return { date: from.year === null ? period.start : `${from.year}-12-31`, value: from.value };
}
