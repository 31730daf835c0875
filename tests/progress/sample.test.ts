// The shipped sample (knowledge/samples/*示例*.csv) must load against the shipped plans and stay labelled as sample.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createAnswerer } from "../../src/answer/answerer.js";
import { buildDigest } from "../../src/digest/build.js";
import { loadPlans } from "../../src/plan/knowledge.js";
import { memoryProgressReader } from "../../src/progress/memory-reader.js";
import { renderTaskProgress } from "../../src/progress/render.js";
import { loadSampleProgress } from "../../src/progress/sample.js";
import { parseCsv } from "../../src/progress/table-io.js";
import { createProgressStore } from "../../src/store/progress-store.js";
import { type TempDb, tempDb } from "../store/helpers.js";
import { runtimeFixture } from "./runtime-fixture.js";

const knowledge = resolve(import.meta.dirname, "../../knowledge");
let t: TempDb | undefined;
afterEach(() => t?.cleanup());

describe("shipped sample progress", () => {
  it("is labelled 示例 in its file name and on every row", () => {
    const files = readdirSync(join(knowledge, "samples")).filter((f) => f.endsWith(".csv"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      expect(f).toContain("示例");
      for (const row of parseCsv(readFileSync(join(knowledge, "samples", f), "utf8")).rows) {
        expect(row.cells.text).toMatch(/^【示例数据，非真实】/);
        expect(row.cells.reporter_name).toContain("示例");
      }
    }
  });

  it("loads into an empty store and shows up in answers and the digest", () => {
    t = tempDb();
    const loaded = loadPlans(knowledge);
    const store = createProgressStore(t.db);
    const deps = { plans: loaded.plans, answerer: createAnswerer(loaded), today: "2026-01-05" };
    const n = loadSampleProgress(knowledge, store, deps);
    expect(n).toBeGreaterThan(5);
    expect(loadSampleProgress(knowledge, store, deps)).toBe(0);
    const plan = loaded.plans.find((p) => p.slug === "xinzhan-2023-2025");
    const task9 = plan?.tasks.find((x) => x.no === 9);
    if (!plan || !task9) throw new Error("seed plan missing");
    const lines = renderTaskProgress(plan, task9, { today: "2025-10-10", staleDays: 30, progress: store });
    expect(lines[0]).toContain("示例");
    expect(lines.join("\n")).toMatch(/560家\/600家 .* 93%/);
    const parts = buildDigest({
      date: "2026-01-05",
      plans: [plan],
      progress: memoryProgressReader(store.list()),
      newRecords: [],
      sinceDay: "2026-01-04",
      staleDays: 30,
      contactsOf: () => [],
    });
    expect(parts.join("\n")).toContain("最终完成情况");
  });
});

describe("PLANBOT_LOAD_SAMPLE", () => {
  it("keeps the sample out of the real database: nothing of it remains after a restart without the flag", () => {
    const fx = runtimeFixture();
    try {
      const withSample = fx.open({ PLANBOT_LOAD_SAMPLE: "1" });
      expect(withSample.store.count()).toBe(2);
      withSample.close();
      const after = fx.open();
      expect(after.store.count()).toBe(0);
      after.close();
    } finally {
      fx.cleanup();
    }
  });
});
