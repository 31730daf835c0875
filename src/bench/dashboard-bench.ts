// Dashboard speed: server render time and browser first contentful paint, for the seed plan(s) and a 200-task plan.
import { performance } from "node:perf_hooks";
import { loadPlans } from "../plan/knowledge.js";
import type { ResponsibilityMatrix } from "../plan/schema.js";
import { chromiumAvailable, launchChromium } from "./dashboard-chromium.js";
import { startDashboardFixture } from "./dashboard-fixture.js";
import { syntheticMatrix, syntheticRecords } from "./dashboard-synthetic-plan.js";

const SERVER_RUNS = 20;
const BROWSER_RUNS = 5;
const TODAY = "2025-06-30";

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const m = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Math.round(m * 10) / 10;
}

/** Wall time of a whole HTTP GET (client side) and the server's own render time from its Server-Timing header. */
async function serverTimes(url: string): Promise<{ wallMs: number; renderMs: number; kb: number }> {
  const wall: number[] = [];
  const render: number[] = [];
  let bytes = 0;
  for (let i = 0; i < SERVER_RUNS + 3; i++) {
    const started = performance.now();
    const res = await fetch(url);
    const body = await res.text();
    const elapsed = performance.now() - started;
    if (!res.ok) throw new Error(`dashboard bench: ${url} answered ${res.status}`);
    if (i < 3) continue; // warm-up
    wall.push(elapsed);
    render.push(Number(/render;dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "")?.[1] ?? Number.NaN));
    bytes = Buffer.byteLength(body);
  }
  return { wallMs: median(wall), renderMs: median(render), kb: Math.round(bytes / 102.4) / 10 };
}

/** First contentful paint in a fresh browser context (empty cache) each run: a first visit's time to first render. */
async function firstPaint(browser: Awaited<ReturnType<typeof launchChromium>>, url: string): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < BROWSER_RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "load" });
    const fcp = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const entry = performance.getEntriesByName("first-contentful-paint")[0];
          if (entry) return resolve(entry.startTime);
          new PerformanceObserver((list) => resolve(list.getEntries()[0]?.startTime ?? Number.NaN)).observe({
            type: "paint",
            buffered: true,
          });
        }),
    );
    samples.push(fcp);
    await context.close();
  }
  return median(samples);
}

interface Scenario {
  name: string;
  plans: ResponsibilityMatrix[];
}

function scenarios(): Scenario[] {
  const list: Scenario[] = [];
  try {
    const seed = loadPlans(process.env.PLANBOT_KNOWLEDGE ?? "./knowledge").plans;
    if (seed.length > 0) list.push({ name: "seed", plans: seed });
  } catch {
    // no knowledge folder: only the synthetic plan is measured
  }
  list.push({ name: "synthetic200", plans: [syntheticMatrix(200)] });
  return list;
}

export async function runDashboardBench(): Promise<Record<string, number | string>> {
  const results: Record<string, number | string> = {};
  const browser = chromiumAvailable() ? await launchChromium() : undefined;
  if (!browser) results["dashboard.browser"] = "skipped: /usr/bin/chromium not installed";
  try {
    for (const scenario of scenarios()) {
      const records = scenario.plans.flatMap((p) => syntheticRecords(p));
      const fixture = await startDashboardFixture({ plans: scenario.plans, records, today: TODAY });
      try {
        const key = `dashboard.${scenario.name}`;
        const first = scenario.plans[0];
        const taskPath = first?.tasks[0] ? `/tasks/${first.slug}/${first.tasks[0].no}` : "/";
        results[`${key}.tasks`] = scenario.plans.reduce((n, p) => n + p.tasks.length, 0);
        results[`${key}.records`] = records.length;
        const matrix = await serverTimes(`${fixture.url}/`);
        results[`${key}.matrix_http_ms_p50`] = matrix.wallMs;
        results[`${key}.matrix_render_ms_p50`] = matrix.renderMs;
        results[`${key}.matrix_html_kb`] = matrix.kb;
        const task = await serverTimes(fixture.url + taskPath);
        results[`${key}.task_http_ms_p50`] = task.wallMs;
        results[`${key}.task_render_ms_p50`] = task.renderMs;
        if (browser) {
          results[`${key}.matrix_fcp_ms_p50`] = await firstPaint(browser, `${fixture.url}/`);
          results[`${key}.task_fcp_ms_p50`] = await firstPaint(browser, fixture.url + taskPath);
        }
      } finally {
        await fixture.close();
      }
    }
  } finally {
    await browser?.close();
  }
  return results;
}
