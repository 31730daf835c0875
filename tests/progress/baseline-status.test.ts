// A target whose plan states its starting level (由68%提高到90%): the share attained, the time elapsed and the status
// are measured from that level, where the pace line starts, so the badge and the chart agree.
import { describe, expect, it } from "vitest";
import type { Target } from "../../src/plan/schema.js";
import { daysBetween } from "../../src/progress/dates.js";
import { paceLine } from "../../src/progress/pace-line.js";
import { renderTargetLine } from "../../src/progress/render.js";
import type { ProgressRecord } from "../../src/progress/schema.js";
import { PACE_TOLERANCE, targetProgress } from "../../src/progress/status.js";
import { demoPlan, demoRecord } from "./fixtures.js";

const plan = demoPlan(); // period 2023–2025
const base = plan.tasks[0]?.targets[0];
if (!base) throw new Error("fixture");
const rate = (from: Target["from"], fields: Partial<Target> = {}): Target => ({
  ...base,
  metric: "家庭医生签约率",
  comparison: "达到",
  value: 90,
  valueText: "90",
  unit: "%",
  year: 2025,
  from,
  ...fields,
});
const undated = rate({ value: 68, valueText: "68", unit: "%", year: null });
const dated = rate({ value: 68, valueText: "68", unit: "%", year: 2023 });

let id = 1;
const at = (value: number, asOf = "2024-07-01"): ProgressRecord =>
  demoRecord({ id: id++, plan: plan.slug, targetId: base.id, value, unit: "%", asOf });

describe("a target with a stated starting level", () => {
  it("counts the share of the way from the start: 75% is 7 of 22 points, behind at half time", () => {
    const p = targetProgress(plan, undated, at(75), "2024-07-01", 400);
    expect(p.attained).toBeCloseTo(7 / 22, 5);
    expect(p.expected).toBeCloseTo(547 / 1095, 5);
    expect(p.status).toBe("behind");
    expect(p.baseline).toEqual({ date: "2023-01-01", value: 68 });
    // from zero the same figure read 83% against 50% of the time: on pace
    const fromZero = targetProgress(plan, rate(undefined), at(75), "2024-07-01", 400);
    expect(fromZero.attained).toBeCloseTo(75 / 90, 5);
    expect(fromZero.status).toBe("on_pace");
  });

  it("measures time from the day a dated level held (由2023年的68%: its end)", () => {
    const p = targetProgress(plan, dated, at(79), "2024-12-31", 400);
    expect(p.expected).toBeCloseTo(
      daysBetween("2023-12-31", "2024-12-31") / daysBetween("2023-12-31", "2025-12-31"),
      5,
    );
    expect(p.attained).toBeCloseTo(0.5, 5);
    expect(p.status).toBe("on_pace");
  });

  it("agrees with the pace line: behind exactly when the figure is under the line by more than the tolerance", () => {
    for (const target of [undated, dated]) {
      const line = paceLine(plan, target as Target & { value: number }, undefined);
      if (!line.start) throw new Error("a stated start gives a line");
      const { start, end } = line;
      for (const today of ["2024-03-01", "2024-07-01", "2025-02-01", "2025-09-30"]) {
        const share = Math.max(0, daysBetween(start.date, today) / daysBetween(start.date, end.date));
        const onLine = start.value + (end.value - start.value) * share;
        const slack = PACE_TOLERANCE * (end.value - start.value);
        for (const value of [69, 72, 75, 78, 81, 84, 87, 89]) {
          const p = targetProgress(plan, target, at(value, today), today, 400);
          expect(p.status, `${target.from?.year} ${today} ${value}`).toBe(
            value < onLine - slack - 1e-9 ? "behind" : "on_pace",
          );
        }
      }
    }
  });

  it("says in the reply line where the share is measured from", () => {
    const line = renderTargetLine(targetProgress(plan, undated, at(75), "2024-07-01", 400));
    expect(line).toContain("75%/90%");
    expect(line).toContain("31%(自68%起)"); // 7/22 = 31.8%, shown rounded down as every share is
    expect(line).toContain("还差 15%");
    expect(line).toContain("进度滞后");
  });

  it("keeps the share from zero where the start is in another unit or above the target", () => {
    const otherUnit = rate({ value: 68, valueText: "68", unit: "个", year: null });
    expect(targetProgress(plan, otherUnit, at(75), "2024-07-01", 400).attained).toBeCloseTo(75 / 90, 5);
    const falling = rate({ value: 95, valueText: "95", unit: "%", year: null });
    expect(targetProgress(plan, falling, at(75), "2024-07-01", 400).baseline).toBeUndefined();
  });
});
