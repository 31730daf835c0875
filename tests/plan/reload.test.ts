// A running service takes up an imported or reviewed plan without a restart, whole: each question is answered by
// the old matrix or the new, and a folder that does not load leaves the old plans serving with an error log line.
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadEnv } from "../../src/config/env.js";
import { logger } from "../../src/log.js";
import { writeFileAtomically } from "../../src/plan/write-atomically.js";
import { openRuntime, type Runtime } from "../../src/runtime.js";
import { FIXTURE_KNOWLEDGE, startHarness } from "../wecom/support/harness.js";

let dir: string;
let runtime: Runtime;
const matrixFile = () => join(dir, "knowledge", "demo-plan", "matrix.json");
const ask = (q: string) => runtime.handleMessage({ text: q, userid: "u1", channel: "http" });
/** the demo plan with task 1 led by another department */
function reassignTaskOne(lead: string): void {
  const matrix = JSON.parse(readFileSync(matrixFile(), "utf8"));
  matrix.tasks[0].lead = [lead];
  writeFileAtomically(matrixFile(), JSON.stringify(matrix));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "planbot-reload-"));
  cpSync(FIXTURE_KNOWLEDGE, join(dir, "knowledge"), { recursive: true });
  runtime = openRuntime(loadEnv({ PLANBOT_KNOWLEDGE: join(dir, "knowledge"), PLANBOT_DB: join(dir, "db.sqlite") }));
});
afterEach(() => {
  runtime.close();
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe("reloading plans in a running service", () => {
  it("answers from the new matrix after a reload", async () => {
    expect((await ask("接入部门谁牵头")).markdown).toContain("数据资源局");
    reassignTaskOne("大数据中心");
    expect(runtime.reload()).toBe(true);
    const reply = (await ask("接入部门谁牵头")).markdown;
    expect(reply).toContain("大数据中心");
    expect(runtime.plans.plans[0]?.tasks[0]?.lead).toEqual(["大数据中心"]);
  });

  it("answers a question already under way from the matrix it started with", async () => {
    const underway = ask("接入部门谁牵头");
    reassignTaskOne("大数据中心");
    runtime.reload();
    expect((await underway).markdown).toContain("数据资源局");
    expect((await underway).markdown).not.toContain("大数据中心");
  });

  it("keeps the old plans serving when the new matrix does not validate, and logs why", async () => {
    const errors = vi.spyOn(logger, "error");
    const matrix = JSON.parse(readFileSync(matrixFile(), "utf8"));
    matrix.tasks[0].no = -1;
    writeFileAtomically(matrixFile(), JSON.stringify(matrix));
    expect(runtime.reload()).toBe(false);
    expect((await ask("接入部门谁牵头")).markdown).toContain("数据资源局");
    const [fields, message] = errors.mock.calls.at(-1) ?? [];
    expect(message).toBe(
      "plans not reloaded: the knowledge folder does not load; the plans loaded before keep serving",
    );
    expect(JSON.stringify(fields)).toContain("demo-plan");
  });

  it("notices a changed matrix by itself when watching the folder", async () => {
    runtime.watchKnowledge(20);
    reassignTaskOne("大数据中心");
    await expect
      .poll(async () => (await ask("接入部门谁牵头")).markdown, { timeout: 5_000, interval: 20 })
      .toContain("大数据中心");
  });
});

describe("the bot's worker thread", () => {
  it("reloads its own copy of the plans", async () => {
    const h = await startHarness({
      env: { PLANBOT_KNOWLEDGE: join(dir, "knowledge"), PLANBOT_RELOAD_MS: "20" },
      server: { botWorker: true },
    });
    try {
      expect((await h.sim.askBot("接入部门谁牵头", { chatid: "g1" })).answer).toContain("数据资源局");
      reassignTaskOne("大数据中心");
      await expect
        .poll(async () => (await h.sim.askBot("接入部门谁牵头", { chatid: "g1" })).answer, {
          timeout: 10_000,
          interval: 50,
        })
        .toContain("大数据中心");
    } finally {
      await h.dispose();
    }
  }, 30_000);
});
