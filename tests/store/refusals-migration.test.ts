// Migration 5 rebuilds the audit table to take refusals: earlier entries stay, and it stays append-only.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, expect, it } from "vitest";
import { migrate } from "../../src/store/database.js";
import { migrations } from "../../src/store/migrations/index.js";
import { createProgressStore } from "../../src/store/progress-store.js";

const dir = mkdtempSync(join(tmpdir(), "planbot-m5-"));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it("keeps the audit entries written before it and accepts refusals after it", () => {
  const db = new Database(join(dir, "old.sqlite"));
  for (const m of migrations.filter((x) => x.version <= 3)) m.up(db);
  db.pragma("user_version = 3");
  db.prepare(
    "INSERT INTO progress (plan, task_no, text, reporter_id, source, as_of, recorded_at) VALUES ('p', 1, 'x', 'r', 'cli', '2024-01-01', 't')",
  ).run();
  db.prepare(
    "INSERT INTO progress_audit (progress_id, action, actor, via, at) VALUES (1, 'add', 'a', 'cli', 't')",
  ).run();
  migrate(db);
  const store = createProgressStore(db);
  expect(store.audit(1)).toEqual([{ progressId: 1, action: "add", actor: "a", via: "cli", at: "t" }]);
  store.recordRefusal({ actor: "wecom:li", via: "chat:wecom-bot", detail: "撤销 #1", reason: "无权" });
  expect(store.auditTrail().map((a) => a.action)).toEqual(["refuse", "add"]);
  expect(() => db.prepare("DELETE FROM progress_audit").run()).toThrow(/append-only/);
  expect(() =>
    db
      .prepare("INSERT INTO progress_audit (progress_id, action, actor, via, at) VALUES (NULL, 'add', 'a', 'b', 't')")
      .run(),
  ).toThrow(/CHECK/);
  db.close();
});
