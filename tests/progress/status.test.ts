import { describe, expect, it } from "vitest";
import type { Target, Task } from "../../src/plan/schema.js";
import { memoryProgressReader } from "../../src/progress/memory-reader.js";
import { NO_PROGRESS, renderTargetLine, renderTaskProgress } from "../../src/progress/render.js";
import type { ProgressRecord } from "../../src/progress/schema.js";
import {
  attainedShare,
  elapsedShare,
  PACE_TOLERANCE,
  targetProgress,
  taskProgress,
} from "../../src/progress/status.js";
import { demoPlan, demoRecord } from "./fixtures.js";

const plan = demoPlan();
const task1 = plan.tasks[0];
const t11 = task1?.targets[0];
if (!task1 || !t11) throw new Error("fixture");

let nextId = 1;
function rec(fields: Partial<ProgressRecord>): ProgressRecord {
  return demoRecord({ id: nextId++, plan: plan.slug, recordedAt: "2024-07-01T01:00:00.000Z", ...fields });
}

describe("pace", () => {
  it("measures elapsed share from the period start to the end of the due year", () => {
    const period = { start: "2023-01-01", end: "2025-12-31" };
    expect(elapsedShare(period, "2022-06-01")).toBe(0);
    expect(elapsedShare(period, "2024-07-01")).toBeCloseTo(547 / 1095, 5);
    expect(elapsedShare(period, "2026-01-01")).toBe(1);
  });

  // 2024-07-01 is 50% of 2023-2025; 300/600 = 50%
  it.each([
    ["2024-07-01", 300, "on_pace"],
    ["2024-07-01", 600 * (0.5 - PACE_TOLERANCE) + 6, "on_pace"],
    ["2024-07-01", 200, "behind"],
    ["2024-07-01", 600, "done"],
    ["2024-07-01", 700, "done"],
    ["2024-09-15", 200, "stale"], // 77 days after the 2024-06-30 record, stale after 30
    ["2026-01-10", 500, "missed"],
    ["2026-01-10", 600, "done"],
  ])("on %s with %d of 600 the target is %s", (today, value, status) => {
    const latest = rec({ value });
    expect(targetProgress(plan, t11, latest, today, 30).status).toBe(status);
  });

  it("treats a target never reported as stale once the period is older than staleDays", () => {
    expect(targetProgress(plan, t11, null, "2023-01-20", 30).status).toBe("no_record");
    expect(targetProgress(plan, t11, null, "2023-03-01", 30).status).toBe("stale");
    expect(targetProgress(plan, t11, null, "2026-03-01", 30).status).toBe("no_record");
  });

  it("shows no pace without a plan period", () => {
    const noPeriod = demoPlan({ period: null });
    const p = targetProgress(noPeriod, t11, rec({ value: 10 }), "2024-07-01", 30);
    expect(p).toMatchObject({ status: "recorded", expected: null, ended: false });
  });

  it("measures 提升 targets by the change achieved", () => {
    const t21 = plan.tasks[1]?.targets[0];
    if (!t21) throw new Error("fixture");
    const p = targetProgress(
      plan,
      t21,
      rec({ taskNo: 2, targetId: "t2-1", value: 0.3, unit: "个百分点" }),
      "2024-07-01",
      30,
    );
    expect(p.attained).toBeCloseTo(0.6);
    expect(p.status).toBe("on_pace");
  });

  it("cannot measure against a target whose number the source lost", () => {
    const t41 = plan.tasks[3]?.targets[0];
    if (!t41) throw new Error("fixture");
    const p = targetProgress(plan, t41, rec({ taskNo: 4, targetId: "t4-1", value: 3, unit: "个" }), "2024-07-01", 30);
    expect(p).toMatchObject({ attained: null, status: "recorded" });
  });

  it("marks a task stale from its latest record of any target", () => {
    const reader = memoryProgressReader([rec({ asOf: "2024-05-01", targetId: null, value: null })]);
    expect(taskProgress(plan, task1, reader, "2024-05-20", 30).stale).toBe(false);
    expect(taskProgress(plan, task1, reader, "2024-06-20", 30).stale).toBe(true);
  });
});

describe("progress in answers", () => {
  it("says there is no progress when nothing is recorded", () => {
    const lines = renderTaskProgress(plan, task1, { today: "2023-01-10", staleDays: 30 });
    expect(lines[0]).toBe(NO_PROGRESS);
  });

  it("shows the latest record, attainment with a bar and the status", () => {
    const reader = memoryProgressReader([
      rec({ id: 100, value: 300, asOf: "2024-06-30" }),
      rec({ id: 101, value: 2, targetId: "t1-2", text: "上市公司2家", asOf: "2024-06-20" }),
    ]);
    const lines = renderTaskProgress(plan, task1, { today: "2024-07-01", staleDays: 30, progress: reader });
    expect(lines).toEqual([
      "最新进展(2024-06-30,张三·市经信局):专精特新企业累计达到300家",
      "- 专精特新企业:300家/600家 ▓▓▓▓▓░░░░░ 50% · 还差 300家 · 进度正常(时间进度 49%)",
      "- 上市公司:2家/12家 ▓░░░░░░░░░ 16% · 还差 10家 · 进度滞后(时间进度 49%)",
    ]);
  });

  it("shows final attainment once the period has ended", () => {
    const reader = memoryProgressReader([rec({ value: 540, asOf: "2025-12-20" })]);
    const lines = renderTaskProgress(plan, task1, { today: "2026-02-01", staleDays: 30, progress: reader });
    expect(lines).toContain("- 专精特新企业(最终):540家/600家 ▓▓▓▓▓▓▓▓▓░ 90% · 还差 60家 · 期末未完成");
    expect(lines).toContain("- 上市公司(最终):目标 12家 · 暂无记录");
  });

  it("says how far from the target only while short of it", () => {
    const reader = memoryProgressReader([rec({ value: 620, asOf: "2024-06-30" })]);
    const [, done] = renderTaskProgress(plan, task1, { today: "2024-07-01", staleDays: 30, progress: reader });
    expect(done).toBe("- 专精特新企业:620家/600家 ▓▓▓▓▓▓▓▓▓▓ 103% · 已完成");
  });
});

describe("rank targets (进入前N位)", () => {
  const rank = { ...(plan.tasks[0]?.targets[0] as Target), comparison: "进入前" as const, value: 10, unit: "位" };
  const rankPlan = { ...plan, tasks: [{ ...(plan.tasks[0] as Task), targets: [rank] }] };
  it("is done at that place or better, never a share, and reads as a place", () => {
    const eighth = targetProgress(rankPlan, rank, rec({ value: 8, unit: "位" }), "2024-07-01", 30);
    expect(eighth.status).toBe("done");
    expect(eighth.attained).toBeNull();
    expect(renderTargetLine(eighth)).toContain("第8位(2024-06-30)/目标 前10位");
    const twelfth = targetProgress(rankPlan, rank, rec({ value: 12, unit: "位" }), "2024-07-01", 30);
    expect(twelfth.status).not.toBe("done");
  });
});

describe("cap targets (不超过)", () => {
  const cap = { ...(plan.tasks[0]?.targets[0] as Target), comparison: "不超过" as const, value: 1, unit: "个工作日" };
  const capPlan = { ...plan, tasks: [{ ...(plan.tasks[0] as Task), targets: [cap] }] };
  it("is done when the latest figure is at or under the cap, and never a share", () => {
    const under = targetProgress(capPlan, cap, rec({ value: 1, unit: "个工作日" }), "2024-07-01", 30);
    expect(under.status).toBe("done");
    expect(under.attained).toBeNull();
    const over = targetProgress(capPlan, cap, rec({ value: 3, unit: "个工作日" }), "2024-07-01", 30);
    expect(over.status).not.toBe("done");
    expect(attainedShare(cap, rec({ value: 3, unit: "个工作日" }))).toBeNull();
  });
});
