import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Db, openDatabase } from "../../src/store/database.js";
import { createSeenMessages } from "../../src/wecom/seen-messages.js";

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

  it("does not take over another process's fresh claim, but does take over an abandoned one", () => {
    const crashed = createSeenMessages(db, { now });
    crashed.once("bot", "m1", () => new Promise<string>(() => {}));
    const restarted = createSeenMessages(db, { now, reclaimAfterMs: 60_000 });
    expect(restarted.once("bot", "m1", async () => "x")).toEqual({ kind: "elsewhere" });
    clock += 60_000;
    expect(restarted.once("bot", "m1", async () => "x")).toMatchObject({ kind: "running", first: true });
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
});
