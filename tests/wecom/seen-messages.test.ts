import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { type Db, openDatabase } from "../../src/store/database.js";
import { createSeenMessages, startSeenMessagesWriter } from "../../src/wecom/seen-messages.js";

let dir: string;
let db: Db;
let clock = 1_000_000;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "planbot-seen-"));
  db = openDatabase(join(dir, "db.sqlite"));
  clock = 1_000_000;
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const now = () => clock;

describe("seen message ids", () => {
  it("runs the producer once and gives the stored reply afterwards", async () => {
    const seen = createSeenMessages(db, { now });
    let runs = 0;
    const produce = async () => `reply ${++runs}`;
    const first = seen.once("bot", "m1", produce);
    const second = seen.once("bot", "m1", produce);
    expect(first).toMatchObject({ kind: "running", first: true });
    expect(second).toMatchObject({ kind: "running", first: false });
    if (first.kind !== "running") throw new Error("unreachable");
    expect(await first.reply).toBe("reply 1");
    expect(seen.once("bot", "m1", produce)).toEqual({ kind: "stored", reply: "reply 1" });
    // Another channel's id space is separate.
    expect(seen.once("app", "m1", produce)).toMatchObject({ kind: "running", first: true });
  });

  it("forgets an id after its TTL, and prune deletes it", async () => {
    const seen = createSeenMessages(db, { now, ttlMs: 1000 });
    const c = seen.once("bot", "m1", async () => "a");
    if (c.kind === "running") await c.reply;
    clock += 999;
    expect(seen.once("bot", "m1", async () => "b").kind).toBe("stored");
    clock += 1;
    expect(seen.prune()).toBe(1);
    expect(seen.once("bot", "m1", async () => "b")).toMatchObject({ kind: "running", first: true });
  });

  it("a state-changing message is claimed durably: a fresh claim is not taken over, an abandoned one is", () => {
    const crashed = createSeenMessages(db, { now });
    crashed.once("bot", "m1", () => new Promise<string>(() => {}), { durable: true });
    const restarted = createSeenMessages(db, { now, reclaimAfterMs: 60_000 });
    expect(restarted.once("bot", "m1", async () => "x", { durable: true })).toEqual({ kind: "elsewhere" });
    // A plain delivery of the same id respects the claim too.
    expect(restarted.once("bot", "m1", async () => "x")).toEqual({ kind: "elsewhere" });
    clock += 60_000;
    expect(restarted.once("bot", "m1", async () => "x", { durable: true })).toMatchObject({
      kind: "running",
      first: true,
    });
  });

  it("writes plain replies together after flushAfterMs, and a durable message's reply at once", async () => {
    const seen = createSeenMessages(db, { now, flushAfterMs: 30 });
    const rows = () => db.prepare("SELECT msgid, state, reply FROM wecom_seen_messages ORDER BY msgid").all();
    const plain = seen.once("bot", "q1", async () => "answer");
    if (plain.kind === "running") await plain.reply;
    expect(rows()).toEqual([]);
    const durable = seen.once("bot", "d1", async () => "recorded", { durable: true });
    // Claimed in the table before the producer runs.
    expect(rows()).toEqual([{ msgid: "d1", state: "pending", reply: null }]);
    if (durable.kind === "running") await durable.reply;
    // Finished at once; the plain reply waits for its batch.
    expect(rows()).toEqual([{ msgid: "d1", state: "done", reply: "recorded" }]);
    const later = seen.once("bot", "q2", async () => "later");
    if (later.kind === "running") await later.reply;
    expect(rows()).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 60));
    expect(rows()).toHaveLength(3);
    // A new process on the same file gives the stored replies without producing.
    const restarted = createSeenMessages(db, { now });
    expect(restarted.once("bot", "q2", async () => "again")).toEqual({ kind: "stored", reply: "later" });
  });

  it("keeps only memoryEntries replies in memory and reads older ones back from the table", async () => {
    const seen = createSeenMessages(db, { now, memoryEntries: 2 });
    for (const id of ["a", "b", "c"]) {
      const c = seen.once("bot", id, async () => `reply ${id}`);
      if (c.kind === "running") await c.reply;
    }
    seen.flush();
    db.prepare("UPDATE wecom_seen_messages SET reply = 'from table' WHERE msgid IN ('a', 'c')").run();
    expect(seen.once("bot", "a", async () => "x")).toEqual({ kind: "stored", reply: "from table" });
    expect(seen.once("bot", "c", async () => "x")).toEqual({ kind: "stored", reply: "reply c" });
  });

  it("a crash before the flush forgets plain questions only: they are answered again, never state changes", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] }); // the crashed instance's flush never comes
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const crashed = createSeenMessages(db, { now });
    const question = crashed.once("bot", "q1", async () => "answer");
    const command = crashed.once("bot", "p1", async () => "recorded", { durable: true });
    if (question.kind !== "running" || command.kind !== "running") throw new Error("unreachable");
    await Promise.all([question.reply, command.reply]);
    crashed.once("bot", "q2", async () => "unflushed"); // queued, then the process dies without flushing
    const restarted = createSeenMessages(db, { now });
    expect(restarted.once("bot", "p1", async () => "twice", { durable: true })).toEqual({
      kind: "stored",
      reply: "recorded",
    });
    expect(restarted.once("bot", "q2", async () => "again")).toMatchObject({ kind: "running", first: true });
  });

  it("asks the table only about ids it may hold: those stored at start, its own, and all after an overflow", async () => {
    const answer = async (seen: ReturnType<typeof createSeenMessages>, id: string) => {
      const c = seen.once("bot", id, async () => `reply ${id}`);
      if (c.kind === "running") await c.reply;
      return c;
    };
    const first = createSeenMessages(db, { now });
    await answer(first, "before");
    first.flush();
    const restarted = createSeenMessages(db, { now, memoryEntries: 1, knownIdsCapacity: 4 });
    // Stored before the restart: found in the table.
    expect(restarted.once("bot", "before", async () => "again")).toEqual({ kind: "stored", reply: "reply before" });
    // Another live process's later plain reply is not looked up: answered again, which is harmless.
    const other = createSeenMessages(db, { now });
    await answer(other, "elsewhere");
    await answer(other, "late");
    other.flush();
    expect(restarted.once("bot", "elsewhere", async () => "again")).toMatchObject({ kind: "running", first: true });
    // Its own ids beyond the one reply kept in memory are read back from the table.
    await answer(restarted, "own1");
    await answer(restarted, "own2");
    restarted.flush();
    expect(restarted.once("bot", "own1", async () => "x")).toEqual({ kind: "stored", reply: "reply own1" });
    // Over capacity, the table is asked again about unknown ids: the other process's is found now.
    await answer(restarted, "own3");
    restarted.flush();
    expect(restarted.once("bot", "late", async () => "x")).toEqual({ kind: "stored", reply: "reply late" });
  });

  it("releases the id when producing fails, so WeCom's retry can try again", async () => {
    const seen = createSeenMessages(db, { now });
    const failed = seen.once("bot", "m1", async () => {
      throw new Error("boom");
    });
    if (failed.kind !== "running") throw new Error("unreachable");
    await expect(failed.reply).rejects.toThrow("boom");
    expect(seen.once("bot", "m1", async () => "ok")).toMatchObject({ kind: "running", first: true });
  });

  it("with a background writer, plain replies are written on its thread and durable ones here, at once", async () => {
    const writer = startSeenMessagesWriter(join(dir, "db.sqlite"));
    const seen = createSeenMessages(db, { now, writer, flushAfterMs: 5 });
    const rows = () => db.prepare("SELECT msgid, state, reply FROM wecom_seen_messages ORDER BY msgid").all();
    const durable = seen.once("bot", "d1", async () => "recorded", { durable: true });
    if (durable.kind === "running") await durable.reply;
    expect(rows()).toEqual([{ msgid: "d1", state: "done", reply: "recorded" }]);
    const plain = seen.once("bot", "q1", async () => "answer");
    if (plain.kind === "running") await plain.reply;
    seen.flush();
    await writer.close(); // writes what it was sent before it stops
    expect(rows()).toEqual([
      { msgid: "d1", state: "done", reply: "recorded" },
      { msgid: "q1", state: "done", reply: "answer" },
    ]);
  });
});
