// The fault-injection suite, small: real `planbot serve` processes built from this tree, SIGKILLed during progress
// writes, chat commands and digest sending. The large run is `npm run faults -- --ops 1000` (README).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleApp } from "../../scripts/bundle-app.js";
import { runFaultSuite } from "../../src/faults/run.js";

const root = resolve(import.meta.dirname, "../..");
let work: string;

beforeAll(async () => {
  // inside the repo so the built files resolve node_modules
  mkdirSync(join(root, "test-artifacts"), { recursive: true });
  work = mkdtempSync(join(root, "test-artifacts", "faults-"));
  execFileSync(
    process.execPath,
    [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json"), "--outDir", work],
    { cwd: root, stdio: "pipe" },
  );
  // the fault run kills the app as `npm start` runs it: bundled
  await bundleApp(join(work, "app"));
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("fault-injection suite (small, seeded)", () => {
  it("loses and misplaces nothing acknowledged, never shows a digest part twice, loses no app answer", async () => {
    const report = await runFaultSuite({
      ops: 40,
      chats: 4,
      seed: 7,
      opsPerKill: 15,
      distDir: work,
      knowledge: join(root, "tests/fixtures/wecom/knowledge"),
    });
    // every phase was killed at least once (the kill points are seeded; they always come)
    expect(report.kills.writes).toBeGreaterThan(0);
    expect(report.kills.chat).toBeGreaterThan(0);
    expect(report.kills.digest).toBeGreaterThan(0);
    expect(report.app.kills).toBeGreaterThan(0);

    // every write is resent under its Idempotency-Key until acknowledged: stored exactly once
    expect(report.writes).toMatchObject({ operations: 40, lost: 0, duplicated: 0, misplaced: 0, unacknowledged: 0 });

    // a command's record and its message id's done mark commit together: never applied twice
    expect(report.chat).toMatchObject({ operations: 20, lost: 0, duplicated: 0, misplaced: 0 });

    const d = report.digest;
    expect(d.parts).toBeGreaterThanOrEqual(4);
    expect(d).toMatchObject({ duplicated: 0, misplaced: 0 });
    // a part missing from its chat is never a silent loss: it is one whose request may have arrived (unknown)
    expect(d.lost).toBeLessThanOrEqual(d.unknown + d.failed);

    // app answers: at least once, and WeCom's duplicate check drops the repeats
    expect(report.app).toMatchObject({ answers: 40, lost: 0, duplicated: 0, failed: 0 });
  }, 90_000);
});
