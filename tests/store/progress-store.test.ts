import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { latestPerTarget } from "../../src/progress/effective.js";
import { ProgressRejected } from "../../src/progress/errors.js";
import type { NewProgress } from "../../src/progress/schema.js";
import { migrate } from "../../src/store/database.js";
import { migrations } from "../../src/store/migrations/index.js";
import { createProgressStore } from "../../src/store/progress-store.js";
import { describeEachEngine, type EngineDb } from "./engines.js";
import { type TempDb, tempDb, tickingClock } from "./helpers.js";

const audit = { actor: "test:zhang", via: "test" };
const base: NewProgress = {
  plan: "p",
  taskNo: 9,
  text: "新增企业45家",
  reporterId: "zhang",
  reporterName: "张三",
  department: "市经信局",
  source: "chat",
  asOf: "2024-05-01",
};

let t: TempDb | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

describe("migrations", () => {
  it("bring an empty file to the newest version with the progress tables", () => {
    t = tempDb();
    const version = t.db.pragma("user_version", { simple: true });
    expect(version).toBe(migrations.at(-1)?.version);
    const tables = t.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(["progress", "progress_audit", "digest_runs", "meta"]));
    expect(t.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(t.db.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("move seen message ids from the version-2 layout into the rowid table without losing any", () => {
    const db = new Database(":memory:");
    for (const m of migrations.filter((x) => x.version <= 2)) m.up(db);
    db.pragma("user_version = 2");
    db.prepare(
      "INSERT INTO wecom_seen_messages (channel, msgid, state, reply, claimed_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
    ).run("wecom-bot", "m1", "done", "答复", 1, 2);
    migrate(db);
    expect(db.prepare("SELECT id, channel, msgid, state, reply FROM wecom_seen_messages").all()).toEqual([
      { id: 1, channel: "wecom-bot", msgid: "m1", state: "done", reply: "答复" },
    ]);
    const insertAgain = db.prepare(
      "INSERT INTO wecom_seen_messages (channel, msgid, state, claimed_at, expires_at) VALUES ('wecom-bot', 'm1', 'pending', 3, 4)",
    );
    expect(() => insertAgain.run()).toThrow(/UNIQUE/);
    db.close();
  });

  it("are not applied twice", () => {
    t = tempDb();
    createProgressStore(t.db).add(base, audit);
    migrate(t.db);
    expect(createProgressStore(t.db).count()).toBe(1);
  });
});

describe("progress store on SQLite alone", () => {
  it("a task's effective records follow every write: this connection's at once, another connection's from the next turn", async () => {
    t = tempDb();
    const store = createProgressStore(t.db, { othersVisibleWithinMs: 0 });
    const other = createProgressStore(new Database(t.file));
    expect(store.forTask("p", 9)).toEqual([]); // now cached
    const mine = store.add({ ...base, value: 1 }, audit);
    expect(store.forTask("p", 9).map((r) => r.id)).toEqual([mine.id]);
    const theirs = other.add({ ...base, value: 2, asOf: "2024-06-01" }, audit);
    // Within one synchronous run the reads share one snapshot, as in a transaction.
    expect(store.forTask("p", 9).map((r) => r.id)).toEqual([mine.id]);
    await Promise.resolve();
    expect(store.forTask("p", 9).map((r) => r.id)).toEqual([theirs.id, mine.id]);
    const raw = t.db
      .prepare(
        `INSERT INTO progress (plan, task_no, text, reporter_id, source, kind, as_of, recorded_at)
         VALUES ('p', 9, 'raw', 'x', 'chat', 'report', '2024-07-01', '2024-07-01T00:00:00Z')`,
      )
      .run();
    expect(store.forTask("p", 9, 1).map((r) => r.id)).toEqual([Number(raw.lastInsertRowid)]);
    other.add({ ...base, kind: "retraction", text: "撤销", supersedes: theirs.id }, audit);
    await Promise.resolve();
    expect(store.forTask("p", 9).map((r) => r.id)).toEqual([Number(raw.lastInsertRowid), mine.id]);
    expect(store.forTask("p", 9, 0)).toEqual([]);
    // Shared between callers, so nobody can change them.
    expect(() => {
      (store.forTask("p", 9)[0] as { value: number | null }).value = 99;
    }).toThrow(TypeError);
  });

  it("asks whether another connection committed at most every othersVisibleWithinMs", async () => {
    t = tempDb();
    let clock = 0;
    const store = createProgressStore(t.db, { othersVisibleWithinMs: 50, monotonicMs: () => clock });
    const other = createProgressStore(new Database(t.file));
    expect(store.forTask("p", 9)).toEqual([]); // asked at 0, now cached
    const theirs = other.add(base, audit);
    clock = 49;
    await Promise.resolve();
    expect(store.forTask("p", 9)).toEqual([]);
    clock = 50;
    await Promise.resolve();
    expect(store.forTask("p", 9).map((r) => r.id)).toEqual([theirs.id]);
    // This connection's own writes never wait.
    const mine = store.add({ ...base, asOf: "2024-06-01" }, audit);
    expect(store.forTask("p", 9).map((r) => r.id)).toEqual([mine.id, theirs.id]);
  });
});

describeEachEngine("progress store", (engine) => {
  let e: EngineDb | undefined;
  afterEach(async () => {
    await e?.cleanup();
    e = undefined;
  });

  it("stores a record and its audit entry", () => {
    e = engine.open();
    const store = createProgressStore(e.db, { now: tickingClock("2024-05-01T02:00:00Z") });
    const rec = store.add({ ...base, targetId: "t9-1", value: 520, unit: "家" }, audit);
    expect(rec).toMatchObject({ id: 1, targetId: "t9-1", value: 520, kind: "report", supersedes: null });
    expect(rec.recordedAt).toBe("2024-05-01T02:00:00.000Z");
    expect(store.get(rec.id)).toEqual(rec);
    expect(store.audit(rec.id)).toEqual([
      { progressId: 1, action: "add", actor: "test:zhang", via: "test", at: "2024-05-01T02:00:00.000Z" },
    ]);
  });

  it("corrects by appending: the old record stays, only the new one counts", () => {
    e = engine.open();
    const store = createProgressStore(e.db);
    const first = store.add({ ...base, targetId: "t9-1", value: 520, unit: "家" }, audit);
    const fix = store.add({ ...base, targetId: "t9-1", value: 502, unit: "家", supersedes: first.id }, audit);
    expect(store.list().map((r) => r.id)).toEqual([first.id, fix.id]);
    expect(store.get(first.id)?.value).toBe(520);
    expect(store.forTask("p", 9).map((r) => r.id)).toEqual([fix.id]);
    expect(latestPerTarget(store.forTask("p", 9)).get("t9-1")?.value).toBe(502);
    expect(store.supersededBy(first.id)?.id).toBe(fix.id);
    expect(store.audit(fix.id)[0]?.action).toBe("correct");
  });

  it("retracts by appending a retraction that hides the record", () => {
    e = engine.open();
    const store = createProgressStore(e.db);
    const first = store.add(base, audit);
    store.add({ ...base, kind: "retraction", text: "撤销", supersedes: first.id }, audit);
    expect(store.forTask("p", 9)).toEqual([]);
    expect(store.count()).toBe(2);
  });

  it("refuses to correct twice, across tasks, a missing record, or a retraction", () => {
    e = engine.open();
    const store = createProgressStore(e.db);
    const first = store.add(base, audit);
    const fix = store.add({ ...base, supersedes: first.id }, audit);
    expect(() => store.add({ ...base, supersedes: first.id }, audit)).toThrow(/已被 #2 更正/);
    expect(() => store.add({ ...base, taskNo: 3, supersedes: fix.id }, audit)).toThrow(/另一项任务/);
    expect(() => store.add({ ...base, supersedes: 99 }, audit)).toThrow(ProgressRejected);
    const undo = store.add({ ...base, kind: "retraction", supersedes: fix.id }, audit);
    expect(() => store.add({ ...base, supersedes: undo.id }, audit)).toThrow(/撤销记录/);
    expect(() => store.add({ ...base, kind: "retraction" }, audit)).toThrow(/撤销哪一条/);
  });

  it("rejects invalid input before touching the file", () => {
    e = engine.open();
    const store = createProgressStore(e.db);
    expect(() => store.add({ ...base, asOf: "2024-02-30" }, audit)).toThrow(ProgressRejected);
    expect(() => store.add({ ...base, text: "" }, audit)).toThrow(ProgressRejected);
    expect(store.count()).toBe(0);
  });

  it("cannot be edited or deleted, even with raw SQL", () => {
    e = engine.open();
    const store = createProgressStore(e.db);
    store.add(base, audit);
    expect(() => e?.db.prepare("UPDATE progress SET value = 1").run()).toThrow(/append-only/);
    expect(() => e?.db.prepare("DELETE FROM progress").run()).toThrow(/append-only/);
    expect(() => e?.db.prepare("DELETE FROM progress_audit").run()).toThrow(/append-only/);
  });

  it("stores a batch all or nothing", () => {
    e = engine.open();
    const store = createProgressStore(e.db);
    const good = [base, { ...base, taskNo: 2 }];
    expect(store.addMany(good, audit)).toHaveLength(2);
    expect(() => store.addMany([base, { ...base, supersedes: 999 }], audit)).toThrow(ProgressRejected);
    expect(store.count()).toBe(2);
  });

  it("lists effective records stored in a window as they stood when it closed", () => {
    e = engine.open();
    const store = createProgressStore(e.db, { now: tickingClock("2024-05-01T00:00:00Z") });
    const a = store.add(base, audit); // 00:00:00
    const b = store.add({ ...base, taskNo: 2 }, audit); // 00:00:01
    store.add({ ...base, supersedes: a.id, text: "更正" }, audit); // 00:00:02, after the window
    const ids = store.effectiveRecordedBetween("2024-05-01T00:00:00.000Z", "2024-05-01T00:00:02.000Z").map((r) => r.id);
    expect(ids.sort()).toEqual([a.id, b.id]);
    const later = store.effectiveRecordedBetween("2024-05-01T00:00:00.000Z", "2024-05-02T00:00:00.000Z");
    expect(later.map((r) => r.text).sort()).toEqual(["新增企业45家", "更正"].sort());
  });

  it("remembers digest runs per chat and day", () => {
    e = engine.open();
    const store = createProgressStore(e.db);
    const run = { chat: "g1", date: "2024-05-02", since: "a", until: "b", parts: 1, sha256: "x" };
    store.recordDigestRun(run);
    store.recordDigestRun({ ...run, sha256: "y" });
    expect(store.digestRun("g1", "2024-05-02")?.sha256).toBe("x");
    expect(store.lastDigestRun("g1", "2024-05-03")?.date).toBe("2024-05-02");
    expect(store.lastDigestRun("g1", "2024-05-02")).toBeUndefined();
    expect(store.lastDigestRun("g2", "2024-05-03")).toBeUndefined();
  });

  it("stores an imported row once under its key, whatever imports it again", () => {
    e = engine.open();
    const store = createProgressStore(e.db);
    const again = createProgressStore(e.another());
    const rows = [
      { rowKey: "sheet:1", records: [base] },
      { rowKey: null, records: [{ ...base, taskNo: 2 }] },
    ];
    expect(store.addRows(rows, audit)).toHaveLength(2);
    expect(again.hasRowKey("sheet:1")).toBe(true);
    expect(again.addRows([rows[0] as (typeof rows)[0]], audit)).toEqual([]);
    expect(store.count()).toBe(2);
  });
});
