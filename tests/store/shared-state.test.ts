// What several processes (replicas) on one database share, on each engine: a record written through one shows in the
// other's answers, a WeCom message id is processed once, an idempotency key answers once, a digest is stored once and
// each outbox row is leased to one worker at a time.
import { afterEach, expect, it, vi } from "vitest";
import { createBotFeedback } from "../../src/store/bot-feedback.js";
import { createIdempotencyKeys, requestHash } from "../../src/store/idempotency-keys.js";
import { createSqliteLeases } from "../../src/store/leases.js";
import { createProgressStore } from "../../src/store/progress-store.js";
import { createOutbox } from "../../src/wecom/outbox.js";
import { createSeenMessages, openSeenMessages } from "../../src/wecom/seen-messages.js";
import { describeEachEngine, describeOnPostgres, type EngineDb } from "./engines.js";

const audit = { actor: "test:zhang", via: "test" };
const base = {
  plan: "p",
  taskNo: 9,
  text: "新增企业45家",
  reporterId: "zhang",
  source: "chat" as const,
  asOf: "2024-05-01",
};

describeEachEngine("state shared by two processes", (engine) => {
  let e: EngineDb | undefined;
  afterEach(async () => {
    await e?.cleanup();
    e = undefined;
  });

  it("a record added through one shows in the other's answers without asking it to look", async () => {
    e = engine.open();
    const here = createProgressStore(e.db, { othersVisibleWithinMs: 0 });
    const there = createProgressStore(e.another());
    expect(here.forTask("p", 9)).toEqual([]); // cached from now on
    const rec = there.add(base, audit);
    await vi.waitFor(() => expect(here.forTask("p", 9).map((r) => r.id)).toEqual([rec.id]), { interval: 5 });
  });

  it("a state-changing message id claimed by one is not processed by the other, and gets its reply once done", async () => {
    e = engine.open();
    const clock = 1_000_000;
    const one = createSeenMessages(e.db, { now: () => clock, knownIdsCapacity: 0 });
    const two = createSeenMessages(e.another(), { now: () => clock, knownIdsCapacity: 0 });
    // produced on a later turn: until then the id is only claimed
    const claimed = one.once("bot", "m1", async () => "已记录", { durable: true });
    expect(claimed).toMatchObject({ kind: "running", first: true });
    expect(two.once("bot", "m1", async () => "again", { durable: true })).toEqual({ kind: "elsewhere" });
    expect(two.once("bot", "m1", async () => "again")).toEqual({ kind: "elsewhere" });
    if (claimed.kind === "running") await claimed.reply;
    expect(two.once("bot", "m1", async () => "again", { durable: true })).toEqual({ kind: "stored", reply: "已记录" });
  });

  it("a plain question answered by one is given the same reply by the other once written", async () => {
    e = engine.open();
    const one = createSeenMessages(e.db, { knownIdsCapacity: 0, flushAfterMs: 0 });
    const two = createSeenMessages(e.another(), { knownIdsCapacity: 0 });
    const first = one.once("bot", "q1", async () => "答复");
    if (first.kind === "running") await first.reply;
    one.flush();
    expect(two.once("bot", "q1", async () => "second")).toEqual({ kind: "stored", reply: "答复" });
  });

  it("an idempotency key runs its request once across both", () => {
    e = engine.open();
    let now = 1_000_000;
    const a = createIdempotencyKeys(e.db, { ttlMs: 10_000, abandonedAfterMs: 1_000, now: () => now });
    const b = createIdempotencyKeys(e.another(), { ttlMs: 10_000, abandonedAfterMs: 1_000, now: () => now });
    const sha = requestHash({ a: 1 });
    expect(a.claim("s", "k", sha).kind).toBe("new");
    expect(b.claim("s", "k", sha).kind).toBe("running");
    a.complete("s", "k", 201, { id: 1 });
    expect(b.claim("s", "k", sha)).toEqual({ kind: "replay", status: 201, body: { id: 1 } });
    expect(b.claim("s", "k", requestHash({ a: 2 })).kind).toBe("mismatch");
    now += 10_000;
    expect(b.claim("s", "k", requestHash({ a: 2 })).kind).toBe("new");
  });

  it("a chat's digest for a day is stored once, and each row is leased to one worker until its lease ends", () => {
    e = engine.open();
    const a = createOutbox(e.db);
    const b = createOutbox(e.another());
    const t0 = 1_700_000_000_000;
    expect(a.enqueueDigest("推进群", "2025-03-10", ["一", "二"], t0)).toBe(true);
    expect(b.enqueueDigest("推进群", "2025-03-10", ["另一份"], t0)).toBe(false);
    expect(b.hasDigest("推进群", "2025-03-10")).toBe(true);
    const leased = a.claimDue(t0, 30_000);
    expect(leased.map((r) => [r.part, r.attempts])).toEqual([[1, 1]]);
    expect(b.claimDue(t0 + 1, 30_000)).toEqual([]); // held by a, and part 2 waits for part 1
    // a dies without marking it: after the lease, b takes the part over
    expect(b.claimDue(t0 + 30_000, 30_000).map((r) => [r.part, r.attempts])).toEqual([[1, 2]]);
    b.markSent(leased[0]?.id ?? 0, t0 + 30_001);
    expect(b.claimDue(t0 + 30_002, 30_000).map((r) => r.part)).toEqual([2]);
    expect(a.list({ status: "sent" }).map((r) => r.part)).toEqual([1]);
  });
});

describeOnPostgres("seen message ids of a replica", () => {
  let e: EngineDb | undefined;
  afterEach(async () => {
    await e?.cleanup();
    e = undefined;
  });

  it("are written in the background, and another replica learns them and gives the stored reply", async () => {
    const { engines } = await import("./engines.js");
    e = (engines.find((x) => x.name === "postgres") as (typeof engines)[number]).open();
    const here = openSeenMessages("unused.sqlite", e.db);
    const other = e.another();
    const there = openSeenMessages("unused.sqlite", other);
    const answered = here.seen.once("wecom-bot", "q1", async () => "答复");
    if (answered.kind === "running") await answered.reply;
    here.seen.flush();
    const stored = other.prepare("SELECT reply FROM wecom_seen_messages WHERE msgid = 'q1'");
    await vi.waitFor(() => expect(stored.get()).toEqual({ reply: "答复" }), { interval: 5 });
    // its index learns the id from the notification: until then a lookup is not made and the question would be
    // answered again (a producer that fails here stores nothing, so the next poll asks afresh)
    await vi.waitFor(
      () => {
        const claim = there.seen.once("wecom-bot", "q1", async () => {
          throw new Error("not yet known");
        });
        if (claim.kind === "running") claim.reply.catch(() => {});
        expect(claim).toEqual({ kind: "stored", reply: "答复" });
      },
      { interval: 5 },
    );
    await here.close();
    await there.close();
  });

  it("a batch of many ids, one of them recorded twice, is written whole with the last reply of each", async () => {
    const { engines } = await import("./engines.js");
    e = (engines.find((x) => x.name === "postgres") as (typeof engines)[number]).open();
    const here = openSeenMessages("unused.sqlite", e.db);
    // more rows than one statement takes (50), and a stream's "" then its answer inside the same batch
    for (let i = 0; i < 120; i++) here.seen.record("wecom-bot", `m${i}`, `答复${i}`);
    here.seen.record("wecom-bot-stream", "s1", "");
    here.seen.record("wecom-bot-stream", "s1", "完整答复");
    here.seen.flush();
    const count = e.db.prepare("SELECT count(*) AS n FROM wecom_seen_messages WHERE channel = 'wecom-bot'");
    await vi.waitFor(() => expect(count.get()).toEqual({ n: 120 }), { interval: 5 });
    const stream = e.db.prepare("SELECT reply FROM wecom_seen_messages WHERE channel = 'wecom-bot-stream'");
    await vi.waitFor(() => expect(stream.all()).toEqual([{ reply: "完整答复" }]), { interval: 5 });
    expect(e.db.prepare("SELECT reply FROM wecom_seen_messages WHERE msgid = 'm77'").get()).toEqual({
      reply: "答复77",
    });
    await here.close();
  });
});

describeEachEngine("leases and feedback shared by two processes", (engine) => {
  let e: EngineDb | undefined;
  afterEach(async () => {
    await e?.cleanup();
    e = undefined;
  });

  it("a lease is held by one process until it lapses or is given up", () => {
    e = engine.open();
    const a = createSqliteLeases(e.db);
    const b = createSqliteLeases(e.another());
    expect(a.acquire("longconn", "a", 1_000, 0)).toBe(true);
    expect(b.acquire("longconn", "b", 1_000, 10)).toBe(false);
    expect(a.renew("longconn", "a", 1_000, 500)).toBe(true);
    expect(b.acquire("longconn", "b", 1_000, 1_499)).toBe(false);
    expect(b.acquire("longconn", "b", 1_000, 1_500)).toBe(true); // a's renewal lapsed
    expect(a.renew("longconn", "a", 1_000, 1_600)).toBe(false);
    b.release("longconn", "b");
    expect(a.acquire("longconn", "a", 1_000, 1_700)).toBe(true);
  });

  it("a person's latest judgement of an answer replaces the earlier one and keeps its question", () => {
    e = engine.open();
    const a = createBotFeedback(e.db);
    const b = createBotFeedback(e.another());
    const row = { feedbackId: "f1", userid: "u1", chatid: null, comment: null, reasons: null };
    a.record({ ...row, rating: "like", question: "谁牵头", reply: "数据局", at: "2025-03-10T01:00:00Z" });
    b.record({ ...row, rating: "dislike", question: null, reply: null, at: "2025-03-10T01:01:00Z" });
    b.record({ ...row, feedbackId: "f2", rating: "dislike", question: "q2", reply: "r2", at: "2025-03-10T01:01:00Z" });
    expect(a.disliked().map((r) => [r.feedbackId, r.question])).toEqual([
      ["f2", "q2"],
      ["f1", "谁牵头"],
    ]);
  });
});
