// Migration 4 keeps how each record's figure came to its target; records from before it are listed for review.
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrate } from "../../src/store/database.js";
import { migrations } from "../../src/store/migrations/index.js";
import { createProgressStore } from "../../src/store/progress-store.js";

const audit = { actor: "test", via: "test" };
const record = {
  plan: "demo",
  taskNo: 1,
  text: "累计达到300家",
  reporterId: "zhang",
  source: "chat" as const,
  asOf: "2024-06-30",
};

describe("bound_by (migration 4)", () => {
  it("leaves older records without it, rewrites none, and lists them with the ones bound by rule", () => {
    const db = new Database(":memory:");
    for (const m of migrations.filter((x) => x.version <= 3)) m.up(db);
    db.pragma("user_version = 3");
    db.prepare(
      `INSERT INTO progress (plan, task_no, target_id, value, unit, text, reporter_id, source, as_of, recorded_at)
       VALUES ('demo', 1, 't1-1', 300, '家', '累计达到300家', 'zhang', 'chat', '2024-06-30', '2024-06-30T00:00:00Z')`,
    ).run();
    migrate(db);
    const store = createProgressStore(db);
    expect(store.get(1)).toMatchObject({ targetId: "t1-1", value: 300, boundBy: null });
    store.add({ ...record, targetId: "t1-1", value: 310, unit: "家", boundBy: "explicit" }, audit);
    store.add({ ...record, targetId: "t1-1", value: 320, unit: "家", boundBy: "named" }, audit);
    store.add({ ...record, targetId: "t1-1", value: 330, unit: "家", boundBy: "sole" }, audit);
    store.add({ ...record, text: "完成评估" }, audit);
    expect(store.list({ boundByRule: true }).map((r) => [r.id, r.boundBy])).toEqual([
      [1, null],
      [3, "named"],
      [4, "sole"],
    ]);
    expect(() => db.prepare("UPDATE progress SET bound_by = 'named' WHERE id = 1").run()).toThrow(/append-only/);
    db.close();
  });
});
