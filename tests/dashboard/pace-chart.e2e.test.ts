// The task page's chart in Chromium for a plan that states a baseline (由2024年的68%提高到90%): the pace line is drawn
// from the baseline, and its legend says where it starts. Screenshot: test-artifacts/dashboard/task-baseline.png.
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPlan } from "../../src/plan/import/import-plan.js";
import { artifactPath, chromiumMissing, launchChromium } from "./browser.js";
import { type Harness, startHarness } from "./harness.js";

const FIXTURE = "tests/fixtures/plans/pace-baselines.txt";

describe.skipIf(chromiumMissing)("pace line from a baseline, in Chromium", () => {
  let h: Harness;
  let browser: Browser;

  beforeAll(async () => {
    const plan = importPlan(readFileSync(FIXTURE, "utf8"), { slug: "xihu-health", sourceFile: FIXTURE }).matrix;
    const report = {
      plan: plan.slug,
      taskNo: 1,
      targetId: "t1-1",
      unit: "%",
      reporterId: "li",
      source: "chat",
    } as const;
    h = await startHarness(
      [plan],
      [
        { ...report, value: 71, text: "一季度签约率71%", asOf: "2025-03-31" },
        { ...report, value: 73, text: "上半年签约率73%", asOf: "2025-06-30" },
      ],
      "2025-07-01",
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it("starts the line at the plan's baseline and names it in the legend", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(`${h.url}/tasks/xihu-health/1`);
    const canvas = page.locator('canvas[data-chart="t1-1"][data-drawn="true"]');
    await canvas.waitFor();
    const drawn = await canvas.evaluate((c) => {
      const chart = (window as unknown as { Chart: { getChart(c: unknown): ChartLike } }).Chart.getChart(c);
      const pace = chart.data.datasets[1];
      return { label: pace?.label, start: pace?.data[0]?.y, legend: chart.legend.legendItems.map((i) => i.text) };
    });
    expect(drawn.start).toBe(68);
    expect(drawn.label).toBe("按期完成的直线进度（起点：基线 68%（方案，2024年））");
    expect(drawn.legend).toContain(drawn.label);
    await expect(page.locator("#chart-t1-1 .pace-note").textContent()).resolves.toBe(
      "直线进度起点：基线 68%（方案，2024年）",
    );
    await page.locator("#chart-t1-1").screenshot({ path: artifactPath("task-baseline.png") });
    await page.close();
    expect(problems).toEqual([]);
  });
});

interface ChartLike {
  data: { datasets: { label?: string; data: { y: number }[] }[] };
  legend: { legendItems: { text: string }[] };
}
