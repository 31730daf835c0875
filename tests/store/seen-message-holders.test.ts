// A chat command's message id is claimed by a named process (its holder): WeCom's retry takes a claim over at once
// when that process is certainly gone (SIGKILLed while producing), and never while it runs, here or on another host.
import { afterEach, expect, it, vi } from "vitest";
import { thisProcessHolder } from "../../src/store/process-holder.js";
import { createSeenMessages } from "../../src/wecom/seen-messages.js";
import { describeEachEngine, type EngineDb } from "./engines.js";
import { type OtherProcess, startOtherProcess } from "./processes.js";

const never = () => new Promise<string>(() => {});

describeEachEngine("a chat command's claim and its holder", (engine) => {
  let e: EngineDb | undefined;
  let other: OtherProcess | undefined;
  afterEach(async () => {
    await other?.kill();
    other = undefined;
    await e?.cleanup();
    e = undefined;
  });

  it("names this process as the holder of each claim it writes", () => {
    e = engine.open();
    const seen = createSeenMessages(e.db, { knownIdsCapacity: 0 });
    seen.once("bot", "m1", never, { durable: true });
    expect(e.db.prepare("SELECT state, holder FROM wecom_seen_messages WHERE msgid = 'm1'").get()).toEqual({
      state: "pending",
      holder: thisProcessHolder,
    });
  });

  it("is left to a process that still runs, and taken over at once when that process is killed", async () => {
    e = engine.open();
    other = await startOtherProcess();
    const clock = 1_000_000; // never advances: no claim grows old enough to count as abandoned
    const killed = createSeenMessages(e.db, { now: () => clock, knownIdsCapacity: 0, holder: other.holder });
    killed.once("bot", "m1", never, { durable: true });
    const retried = createSeenMessages(e.another(), { now: () => clock, knownIdsCapacity: 0 });
    let runs = 0;
    const apply = async () => `已记录 ${++runs}`;
    expect(retried.once("bot", "m1", apply, { durable: true })).toEqual({ kind: "elsewhere" });
    await other.kill();
    const taken = retried.once("bot", "m1", apply, { durable: true });
    expect(taken).toMatchObject({ kind: "running", first: true });
    if (taken.kind === "running") expect(await taken.reply).toBe("已记录 1");
    // applied once: later deliveries, here or on another connection, get the stored reply
    expect(retried.once("bot", "m1", apply, { durable: true })).toEqual({ kind: "stored", reply: "已记录 1" });
    const third = createSeenMessages(e.another(), { now: () => clock, knownIdsCapacity: 0 });
    expect(third.once("bot", "m1", apply, { durable: true })).toEqual({ kind: "stored", reply: "已记录 1" });
    expect(runs).toBe(1);
  });

  it("held on another host, is never presumed gone: it is taken over only once abandoned", () => {
    e = engine.open();
    let clock = 1_000_000;
    const there = createSeenMessages(e.db, { now: () => clock, knownIdsCapacity: 0, holder: "another-host:1:1" });
    there.once("bot", "m1", never, { durable: true });
    const here = createSeenMessages(e.another(), { now: () => clock, knownIdsCapacity: 0, reclaimAfterMs: 60_000 });
    expect(here.once("bot", "m1", async () => "x", { durable: true })).toEqual({ kind: "elsewhere" });
    clock += 60_000;
    expect(here.once("bot", "m1", async () => "x", { durable: true })).toMatchObject({ kind: "running", first: true });
  });

  it("a slow holder whose claim was taken over leaves the new holder's claim in place when its own run fails", async () => {
    e = engine.open();
    let clock = 1_000_000;
    let failSlow: ((err: Error) => void) | undefined;
    const slow = createSeenMessages(e.db, { now: () => clock, knownIdsCapacity: 0, holder: "another-host:1:1" });
    const first = slow.once("bot", "m1", () => new Promise<string>((_, reject) => (failSlow = reject)), {
      durable: true,
    });
    clock += 60_000; // abandoned by the clock: another process takes it over and is still at work
    const taker = createSeenMessages(e.another(), { now: () => clock, knownIdsCapacity: 0 });
    expect(taker.once("bot", "m1", never, { durable: true })).toMatchObject({ kind: "running", first: true });
    await vi.waitFor(() => expect(failSlow).toBeDefined());
    failSlow?.(new Error("the slow run fails"));
    if (first.kind === "running") await first.reply.catch(() => {});
    // the taker's claim is still there: a third delivery is told it is handled elsewhere, not run again
    const third = createSeenMessages(e.another(), { now: () => clock, knownIdsCapacity: 0 });
    expect(third.once("bot", "m1", never, { durable: true })).toEqual({ kind: "elsewhere" });
  });

  it("is taken over from a gone holder by one delivery only, when two find it gone together", () => {
    e = engine.open();
    const gone = "gone-host:1:1";
    const left = createSeenMessages(e.db, { knownIdsCapacity: 0, holder: gone });
    left.once("bot", "m1", never, { durable: true });
    const b = createSeenMessages(e.another(), { knownIdsCapacity: 0, holder: "host:202:1", isGone: (h) => h === gone });
    let bTook: unknown;
    // a's check of the holder is where b gets in: b takes the claim over between a's read of the row and a's update
    const a = createSeenMessages(e.another(), {
      knownIdsCapacity: 0,
      holder: "host:101:1",
      isGone: (h) => {
        bTook ??= b.once("bot", "m1", never, { durable: true });
        return h === gone;
      },
    });
    expect(a.once("bot", "m1", never, { durable: true })).toEqual({ kind: "elsewhere" });
    expect(bTook).toMatchObject({ kind: "running", first: true });
    expect(e.db.prepare("SELECT holder FROM wecom_seen_messages WHERE msgid = 'm1'").get()).toEqual({
      holder: "host:202:1",
    });
  });
});
