// The task page's chart series: where the pace line starts (the plan's baseline, a first record, zero only for
// 新增), no line for a level the plan keeps, and the start said in words — read from a small plan imported here.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { targetCharts } from "../../src/dashboard/chart-series.js";
import { buildTaskRow } from "../../src/dashboard/matrix-rows.js";
import { renderTaskPage } from "../../src/dashboard/task-page.js";
import { importPlan } from "../../src/plan/import/import-plan.js";
import type { ResponsibilityMatrix, Target } from "../../src/plan/schema.js";
import { memoryProgressReader } from "../../src/progress/memory-reader.js";
import type { ProgressRecord } from "../../src/progress/schema.js";
import { demoRecord } from "../progress/fixtures.js";

const FIXTURE = "tests/fixtures/plans/pace-baselines.txt";
const plan = importPlan(readFileSync(FIXTURE, "utf8"), { slug: "xihu-health", sourceFile: FIXTURE }).matrix;

function targetOf(p: ResponsibilityMatrix, id: string): Target {
  const t = p.tasks.flatMap((task) => task.targets).find((x) => x.id === id);
  if (!t) throw new Error(`${FIXTURE}: no target ${id}`);
  return t;
}

let nextId = 1;
function rec(target: Target, asOf: string, value: number): ProgressRecord {
  return demoRecord({
    id: nextId++,
    plan: plan.slug,
    taskNo: target.taskNo,
    targetId: target.id,
    value,
    unit: target.unit,
    text: `${target.metric}${value}${target.unit}`,
    asOf,
  });
}

function chartOf(id: string, records: ProgressRecord[] = [], p: ResponsibilityMatrix = plan) {
  const chart = targetCharts(p, [targetOf(p, id)], records)[0];
  if (!chart) throw new Error(`no chart for ${id}`);
  return chart;
}

// What the importer reads from the fixture, so a failure below is about the chart, not the reading.
const signing = targetOf(plan, "t1-1"); // 家庭医生签约率由2024年的68%提高到90%, 到2027年
const complications = targetOf(plan, "t2-1"); // 并发症发生率由12%降至8%, 到2027年
const vaccination = targetOf(plan, "t3-1"); // 接种率保持在95%以上
const beds = targetOf(plan, "t4-1"); // 到2026年床位数达到6张
const stations = targetOf(plan, "t5-1"); // 到2027年新增社区卫生服务站20个

describe("the fixture plan as imported", () => {
  it("holds the baselines, the kept level, and the period the lines run over", () => {
    expect(plan.period).toEqual({ startYear: 2025, endYear: 2027 });
    expect(signing).toMatchObject({ value: 90, unit: "%", year: 2027, from: { value: 68, unit: "%", year: 2024 } });
    expect(complications).toMatchObject({ value: 8, comparison: "不超过", from: { value: 12, unit: "%", year: null } });
    expect(vaccination).toMatchObject({ value: 95, comparison: "不少于", year: null });
    expect(vaccination.from).toBeUndefined();
    expect(beds).toMatchObject({ value: 6, unit: "张", year: 2026 });
    expect(beds.from).toBeUndefined();
    expect(stations).toMatchObject({ value: 20, comparison: "新增", year: 2027 });
  });
});

describe("pace line", () => {
  it("starts from the plan's baseline at the end of the year the plan dates it to, not from the first record", () => {
    const chart = chartOf("t1-1", [rec(signing, "2025-06-30", 75), rec(signing, "2025-03-31", 71)]);
    expect(chart.actual).toEqual([
      { date: "2025-03-31", value: 71 },
      { date: "2025-06-30", value: 75 },
    ]);
    expect(chart.paceLine).toEqual([
      { date: "2024-12-31", value: 68 },
      { date: "2027-12-31", value: 90 },
    ]);
    expect(chart.paceStart).toMatchObject({ source: "baseline", label: "基线 68%（方案，2024年）" });
    expect(chart.paceNote).toBe("直线进度起点：基线 68%（方案，2024年）");
  });

  it("draws the baseline's line before anything is recorded", () => {
    const chart = chartOf("t1-1");
    expect(chart.actual).toEqual([]);
    expect(chart.paceLine[0]).toEqual({ date: "2024-12-31", value: 68 });
  });

  it("starts an undated baseline at the plan's period start, and falls with a decreasing target", () => {
    const chart = chartOf("t2-1", [rec(complications, "2025-09-30", 11)]);
    expect(chart.paceLine).toEqual([
      { date: "2025-01-01", value: 12 },
      { date: "2027-12-31", value: 8 },
    ]);
    expect(chart.paceStart?.label).toBe("基线 12%（方案）");
  });

  it("without a baseline starts from the first recorded value, and says so", () => {
    const chart = chartOf("t4-1", [rec(beds, "2025-12-31", 5.2), rec(beds, "2025-06-30", 4.8)]);
    expect(chart.paceLine).toEqual([
      { date: "2025-06-30", value: 4.8 },
      { date: "2026-12-31", value: 6 },
    ]);
    expect(chart.paceStart).toMatchObject({ source: "first_record", label: "首次记录 4.8张（2025-06-30）" });
  });

  it("without a baseline and nothing recorded has no line and never starts at zero", () => {
    const chart = chartOf("t4-1");
    expect(chart.paceLine).toEqual([]);
    expect(chart.paceStart).toBeNull();
    expect(chart.paceNote).toBe("方案未写基线，截止日前也无数值记录，暂无直线进度");
  });

  it("draws no line for a level the plan keeps (保持在95%以上), however it is recorded", () => {
    const chart = chartOf("t3-1", [rec(vaccination, "2025-03-31", 93), rec(vaccination, "2025-06-30", 96)]);
    expect(chart.actual).toHaveLength(2);
    expect(chart.paceLine).toEqual([]);
    expect(chart.paceStart).toBeNull();
    expect(chart.paceNote).toBe("原文要求保持这一水平，不画直线进度");
  });

  it("keeps a 新增 target counting from zero at the period's start, said as such", () => {
    const chart = chartOf("t5-1", [rec(stations, "2025-06-30", 4)]);
    expect(chart.paceLine).toEqual([
      { date: "2025-01-01", value: 0 },
      { date: "2027-12-31", value: 20 },
    ]);
    expect(chart.paceStart?.label).toBe("期初 0个（新增量从零计）");
  });

  it("falls back to the first record when the baseline is on another scale or dated at the due year", () => {
    const withFrom = (from: NonNullable<Target["from"]>): ResponsibilityMatrix => ({
      ...plan,
      tasks: plan.tasks.map((t) => ({ ...t, targets: t.targets.map((x) => (x.id === "t1-1" ? { ...x, from } : x)) })),
    });
    const records = [rec(signing, "2025-06-30", 75)];
    for (const from of [
      { value: 0.68, valueText: "0.68", unit: "", year: 2024 },
      { value: 68, valueText: "68", unit: "%", year: 2027 },
    ]) {
      const chart = chartOf("t1-1", records, withFrom(from));
      expect(chart.paceStart).toMatchObject({ source: "first_record", date: "2025-06-30", value: 75 });
    }
  });

  it("has no line when the plan states no period to end on, baseline or not", () => {
    const chart = chartOf("t1-1", [rec(signing, "2025-06-30", 75)], { ...plan, period: null });
    expect(chart.paceLine).toEqual([]);
    expect(chart.paceNote).toBe("方案未写明实施期限，不画直线进度");
  });
});

describe("task page", () => {
  const page = (taskNo: number, records: ProgressRecord[]) => {
    const task = plan.tasks.find((t) => t.no === taskNo);
    if (!task) throw new Error(`no task ${taskNo}`);
    const progress = memoryProgressReader(records);
    return renderTaskPage({
      row: buildTaskRow(plan, task, { progress, today: "2025-07-01", staleDays: 90 }),
      history: progress.forTask(plan.slug, taskNo),
    });
  };
  const chartData = (html: string) =>
    JSON.parse(/<script type="application\/json" id="chart-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "[]");

  it("labels where each line starts, under the chart and in its description", () => {
    const html = page(1, [rec(signing, "2025-03-31", 71)]);
    expect(html).toContain('<p class="pace-note">直线进度起点：基线 68%（方案，2024年）</p>');
    expect(html).toMatch(/aria-label="[^"]*直线进度起点：基线 68%（方案，2024年）"/);
    expect(chartData(html)[0].paceStart.label).toBe("基线 68%（方案，2024年）");
  });

  it("draws a baseline's line with nothing recorded, and says nothing is recorded", () => {
    const html = page(1, []);
    expect(html).toContain('<canvas data-chart="t1-1"');
    expect(html).toMatch(/aria-label="[^"]*尚无数值记录。直线进度起点：基线 68%/);
    expect(chartData(html)).toHaveLength(1);
  });
});
