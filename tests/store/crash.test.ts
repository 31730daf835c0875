// A writer killed with SIGKILL mid-stream loses no write it had acknowledged.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.js";
import { createProgressStore } from "../../src/store/progress-store.js";

const root = resolve(import.meta.dirname, "../..");
let work: string;
let compiled: string;

beforeAll(() => {
  // inside the repo so the compiled files resolve node_modules; only the store and what it imports is compiled
  mkdirSync(join(root, "test-artifacts"), { recursive: true });
  work = mkdtempSync(join(root, "test-artifacts", "crash-"));
  compiled = join(work, "js");
  execFileSync(
    process.execPath,
    [
      join(root, "node_modules/typescript/bin/tsc"),
      "--ignoreConfig",
      ...["--outDir", compiled, "--rootDir", join(root, "src")],
      ...["--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022"],
      ...["--strict", "--skipLibCheck", "--types", "node"],
      join(root, "src/store/database.ts"),
      join(root, "src/store/progress-store.ts"),
    ],
    { cwd: root, stdio: "pipe" },
  );
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("crash safety", () => {
  it("keeps every acknowledged write after SIGKILL", async () => {
    const dbFile = join(work, "crash.sqlite");
    const child = spawn(process.execPath, [join(import.meta.dirname, "fixtures/writer.mjs"), compiled, dbFile], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const acked = new Map<number, number>();
    let buffered = "";
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += String(d);
    });
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on("exit", (_code, signal) => done(signal)));
    await new Promise<void>((done, fail) => {
      child.stdout.on("data", (chunk) => {
        buffered += String(chunk);
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        for (const line of lines) {
          const [, id, seq] = line.split(" ");
          acked.set(Number(id), Number(seq));
        }
        if (acked.size >= 400 && !child.killed) {
          child.kill("SIGKILL");
          done();
        }
      });
      child.on("exit", () => fail(new Error(`writer exited early: ${stderr}`)));
    }).catch((e) => {
      if (acked.size < 400) throw e;
    });
    expect(await exited).toBe("SIGKILL");

    const db = openDatabase(dbFile);
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      const store = createProgressStore(db);
      for (const [id, seq] of acked) expect(store.get(id)?.text).toBe(`write ${seq}`);
      expect(store.count()).toBeGreaterThanOrEqual(acked.size);
    } finally {
      db.close();
    }
  });
});
