// planbot db copy --to postgres://…, as a user runs it (a child process): every row of a SQLite file moves into an
// empty PostgreSQL database with its ids; the bot then reads the same records there and numbers new ones after them.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.js";
import { createIdempotencyKeys } from "../../src/store/idempotency-keys.js";
import { openPostgres } from "../../src/store/postgres/open-postgres.js";
import type { PgDb } from "../../src/store/postgres/pg-db.js";
import { createProgressStore } from "../../src/store/progress-store.js";
import { createOutbox } from "../../src/wecom/outbox.js";
import { createSeenMessages } from "../../src/wecom/seen-messages.js";
import { describeOnPostgres, freshSchemaUrl, testDatabaseUrl } from "../store/engines.js";

const audit = { actor: "test:zhang", via: "test" };
const base = {
  plan: "p",
  taskNo: 9,
  text: "新增企业45家",
  reporterId: "zhang",
  source: "chat" as const,
  asOf: "2024-05-01",
};

function planbot(args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    env: { ...process.env, LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
}

let dir: string | undefined;
let pg: PgDb | undefined;
afterEach(async () => {
  await pg?.closeAsync();
  if (dir) rmSync(dir, { recursive: true, force: true });
  pg = undefined;
  dir = undefined;
});

describeOnPostgres("planbot db copy", () => {
  it("moves every row with its id, and refuses a database that is not empty", async () => {
    dir = mkdtempSync(join(tmpdir(), "planbot-copy-"));
    const file = join(dir, "planbot.sqlite");
    const sqlite = openDatabase(file);
    const store = createProgressStore(sqlite);
    const first = store.add({ ...base, value: 45, unit: "家" }, audit);
    store.add({ ...base, value: 50, unit: "家", supersedes: first.id }, audit);
    store.addRows([{ rowKey: "sheet:1", records: [{ ...base, taskNo: 2 }] }], audit);
    store.recordRefusal({ actor: "li", via: "chat", detail: "撤销 #1", reason: "无权" });
    store.recordDigestRun({ chat: "g1", date: "2024-05-02", since: "a", until: "b", parts: 1, sha256: "x" });
    store.setMeta("k", "v");
    const seen = createSeenMessages(sqlite, { flushAfterMs: 0 });
    const answered = seen.once("wecom-bot", "m1", async () => "答复");
    if (answered.kind === "running") await answered.reply;
    seen.flush();
    createOutbox(sqlite).enqueueDigest("g1", "2024-05-02", ["一", "二"], 1_700_000_000_000);
    const keys = createIdempotencyKeys(sqlite);
    keys.claim("api", "key-1", "sha");
    keys.complete("api", "key-1", 201, { id: 1 });
    const before = { records: store.list(), trail: store.auditTrail() };
    sqlite.close();

    const { url } = freshSchemaUrl(testDatabaseUrl as string);
    const copied = planbot(["db", "copy", "--to", url, "--db", file]);
    expect(copied.stderr).toBe("");
    expect(copied.status).toBe(0);
    expect(copied.stdout).toContain("progress\t3");

    pg = openPostgres({ url });
    const there = createProgressStore(pg);
    expect(there.list()).toEqual(before.records);
    expect(there.auditTrail()).toEqual(before.trail);
    expect(there.hasRowKey("sheet:1")).toBe(true);
    expect(there.digestRun("g1", "2024-05-02")?.sha256).toBe("x");
    expect(there.getMeta("k")).toBe("v");
    expect(createSeenMessages(pg, { knownIdsCapacity: 0 }).once("wecom-bot", "m1", async () => "again")).toEqual({
      kind: "stored",
      reply: "答复",
    });
    expect(createOutbox(pg).hasDigest("g1", "2024-05-02")).toBe(true);
    expect(createIdempotencyKeys(pg).claim("api", "key-1", "sha")).toEqual({
      kind: "replay",
      status: 201,
      body: { id: 1 },
    });
    // the next record is numbered after the copied ones
    expect(there.add({ ...base, taskNo: 3 }, audit).id).toBe(4);

    const again = planbot(["db", "copy", "--to", url, "--db", file]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/已有 \d+ 行;只能复制到空数据库/);
  }, 60_000);
});
