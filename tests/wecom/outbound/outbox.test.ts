import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../../src/store/database.js";
import type { Clock } from "../../../src/wecom/clock.js";
import { createOutbox, digestKey, type OutboxRow } from "../../../src/wecom/outbox.js";
import { createOutboxWorker, type DeliveryResult, type OutboxWorkerOptions } from "../../../src/wecom/outbox-worker.js";
import { startWecomSimulatorApi, type WecomSimulatorApi } from "../../../src/wecom/simulator/api-server.js";
import { createWebhookSender } from "../../../src/wecom/webhook.js";
import { started } from "./simulator-lifecycle.js";

const KEY = "robot-key-outbox-1";
const T0 = Date.parse("2025-03-10T01:00:00Z");

const dbFile = () => join(mkdtempSync(join(tmpdir(), "planbot-outbox-")), "planbot.sqlite");

const shiftedClock = (offsetMs: number): Clock => ({
  now: () => Date.now() + offsetMs,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
});

/** A worker delivering to the simulator's robot, as the service wires it. */
function workerFor(
  db: ReturnType<typeof openDatabase>,
  s: WecomSimulatorApi,
  extra: Partial<Pick<OutboxWorkerOptions, "maxAttempts" | "backoff" | "clock">> = {},
) {
  const outbox = createOutbox(db);
  const sender = createWebhookSender({ apiBase: s.url, retry: { maxAttempts: 1, baseMs: 1, maxMs: 1 } });
  let before: (row: OutboxRow) => void = () => {};
  const worker = createOutboxWorker({
    outbox,
    backoff: { baseMs: 0, maxMs: 0 },
    ...extra,
    deliver: async (row): Promise<DeliveryResult> => {
      before(row);
      const r = await sender.sendMarkdown({ key: KEY }, row.content);
      return r.ok ? { ok: true } : { ok: false, retryable: r.retryable, error: r.error };
    },
  });
  return {
    outbox,
    worker,
    onDeliver: (fn: (row: OutboxRow) => void) => {
      before = fn;
    },
  };
}

describe("outbox", () => {
  it("a digest is enqueued once per chat and day, whatever is tried again", () => {
    const db = openDatabase(dbFile());
    const outbox = createOutbox(db);
    expect(outbox.enqueueDigest("推进群", "2025-03-10", ["一", "二"], T0)).toBe(true);
    expect(outbox.enqueueDigest("推进群", "2025-03-10", ["另一份"], T0)).toBe(false);
    expect(outbox.enqueueDigest("推进群", "2025-03-11", ["次日"], T0)).toBe(true);
    expect(outbox.enqueueDigest("办公室", "2025-03-10", ["一"], T0)).toBe(true);
    expect(outbox.list().map((r) => r.idempotencyKey)).toEqual([
      digestKey("推进群", "2025-03-10", 1),
      digestKey("推进群", "2025-03-10", 2),
      digestKey("推进群", "2025-03-11", 1),
      digestKey("办公室", "2025-03-10", 1),
    ]);
    expect(outbox.hasDigest("推进群", "2025-03-10")).toBe(true);
    expect(outbox.hasDigest("推进群", "2025-03-09")).toBe(false);
    db.close();
  });

  it("an announcement is stored once under its key and goes out in order with the chat's other messages", async () => {
    const s = await started(startWecomSimulatorApi({ robots: { [KEY]: "推进群" } }));
    const db = openDatabase(dbFile());
    const { outbox, worker } = workerFor(db, s);
    expect(outbox.enqueueAnnouncement("推进群", "kickoff-2025", ["通知一", "通知二"], Date.now())).toBe(true);
    expect(outbox.enqueueAnnouncement("推进群", "kickoff-2025", ["重复通知"], Date.now())).toBe(false);
    outbox.enqueueDigest("推进群", "2025-03-10", ["日报"], Date.now());
    await worker.drain();
    expect(s.chatMessages().map((m) => m.content)).toEqual(["通知一", "通知二", "日报"]);
    expect(outbox.list().map((r) => [r.kind, r.part, r.parts])).toEqual([
      ["announcement", 1, 2],
      ["announcement", 2, 2],
      ["digest", 1, 1],
    ]);
    db.close();
  });

  it("survives a restart: pending parts are delivered once after reopening, sent ones are not resent", async () => {
    const s = await started(startWecomSimulatorApi({ robots: { [KEY]: "推进群" } }));
    const file = dbFile();
    const hour = 3_600_000;

    // Run 1: part 1 goes out, WeCom fails part 2 (retry an hour later), part 3 waits behind it; then the process stops.
    const db1 = openDatabase(file);
    const run1 = workerFor(db1, s, { backoff: { baseMs: hour, maxMs: hour } });
    run1.outbox.enqueueDigest("推进群", "2025-03-10", ["第1部分", "第2部分", "第3部分"], Date.now());
    run1.onDeliver((row) => {
      if (row.part === 2 && row.attempts === 1) s.injectFault("webhook", { kind: "http500" });
    });
    await run1.worker.drain();
    expect(s.chatMessages().map((m) => m.content)).toEqual(["第1部分"]);
    db1.close();

    // Run 2, two hours later: the rest goes out once, in order; the same digest cannot be enqueued again.
    const db2 = openDatabase(file);
    const run2 = workerFor(db2, s, { clock: shiftedClock(2 * hour) });
    await run2.worker.drain();
    expect(s.chatMessages().map((m) => m.content)).toEqual(["第1部分", "第2部分", "第3部分"]);
    expect(run2.outbox.enqueueDigest("推进群", "2025-03-10", ["重复"], Date.now())).toBe(false);
    await run2.worker.drain();
    expect(s.chatMessages()).toHaveLength(3);
    expect(run2.outbox.list().map((r) => [r.part, r.status])).toEqual([
      [1, "sent"],
      [2, "sent"],
      [3, "sent"],
    ]);

    // A crash in the middle of a send: the row was claimed, nothing reached WeCom, the process died.
    run2.outbox.enqueueDigest("推进群", "2025-03-11", ["次日"], Date.now());
    expect(run2.outbox.claimDue(Date.now(), 60_000)).toHaveLength(1);
    db2.close();
    const db3 = openDatabase(file);
    const during = workerFor(db3, s);
    await during.worker.drain(); // still leased to the dead worker
    expect(s.chatMessages()).toHaveLength(3);
    const after = workerFor(db3, s, { clock: shiftedClock(2 * 60_000) });
    await after.worker.drain();
    await after.worker.drain();
    expect(s.chatMessages().map((m) => m.content)).toEqual(["第1部分", "第2部分", "第3部分", "次日"]);
    db3.close();
  });

  it("logs deliveries and failures without the webhook key", async () => {
    const s = await started(startWecomSimulatorApi({ robots: { [KEY]: "推进群" } }));
    const db = openDatabase(dbFile());
    const outbox = createOutbox(db);
    const lines: string[] = [];
    const log = pino({ level: "info" }, { write: (line: string) => lines.push(line) });
    const worker = createOutboxWorker({
      outbox,
      log,
      backoff: { baseMs: 3_600_000, maxMs: 3_600_000 },
      deliver: async (row) =>
        row.part === 1
          ? { ok: true }
          : { ok: false, retryable: true, error: `HTTP 502 from ${s.url}/cgi-bin/webhook/send?key=${KEY}` },
    });
    outbox.enqueueDigest("推进群", "2025-03-10", ["一", "二"], Date.now());
    await worker.drain();
    expect(lines.join("")).toContain("outbox message delivered");
    expect(lines.join("")).toContain("will retry");
    expect(lines.join("")).toContain("HTTP 502");
    expect(lines.join("")).not.toContain(KEY);
    db.close();
  });

  it("records attempts and the last error without the key, and keeps later parts back until the first is sent", async () => {
    const s = await started(startWecomSimulatorApi({ robots: { [KEY]: "推进群" } }));
    const db = openDatabase(dbFile());
    const outbox = createOutbox(db);
    const sender = createWebhookSender({ apiBase: s.url, retry: { maxAttempts: 1, baseMs: 1, maxMs: 1 } });
    const worker = createOutboxWorker({
      outbox,
      backoff: { baseMs: 3_600_000, maxMs: 3_600_000 }, // next try an hour away: drain must not wait for it
      deliver: async (row) => {
        const r = await sender.sendMarkdown({ url: `${s.url}/cgi-bin/webhook/send?key=${KEY}` }, row.content);
        return r.ok ? { ok: true } : { ok: false, retryable: r.retryable, error: `${r.error} via ?key=${KEY}` };
      },
    });
    outbox.enqueueDigest("推进群", "2025-03-10", ["一", "二"], Date.now());
    s.injectFault("webhook", { kind: "http500" });
    await worker.drain();
    const [one, two] = outbox.list();
    expect(one).toMatchObject({ status: "pending", attempts: 1 });
    expect(one?.lastError).toContain("HTTP 500");
    expect(one?.lastError).not.toContain(KEY);
    expect(one?.nextAttemptAt).toBeGreaterThan(Date.now() + 1_000_000);
    expect(two).toMatchObject({ status: "pending", attempts: 0 });
    expect(s.chatMessages()).toHaveLength(0);
    db.close();
  });

  it("a permanent error (bad key) marks the row failed after one attempt; out of attempts does too", async () => {
    const s = await started(startWecomSimulatorApi({ robots: {} })); // KEY is unknown here: 93000
    const db = openDatabase(dbFile());
    const { outbox, worker } = workerFor(db, s, { maxAttempts: 3 });
    outbox.enqueueDigest("推进群", "2025-03-10", ["x"], Date.now());
    await worker.drain();
    expect(outbox.list()[0]).toMatchObject({ status: "failed", attempts: 1 });
    expect(outbox.list()[0]?.lastError).toContain("93000");
    expect(s.received).toHaveLength(1);

    s.addRobot(KEY, "推进群");
    s.injectFault("webhook", { kind: "http500" }, 100);
    outbox.enqueueDigest("推进群", "2025-03-11", ["y"], Date.now());
    for (let i = 0; i < 5; i++) await worker.drain();
    expect(outbox.list({ status: "failed" }).map((r) => [r.day, r.attempts])).toEqual([
      ["2025-03-10", 1],
      ["2025-03-11", 3],
    ]);
    expect(s.received).toHaveLength(4);
    db.close();
  });

  it("two workers on one database never send the same row twice", async () => {
    const s = await started(startWecomSimulatorApi({ robots: { [KEY]: "推进群" } }));
    const file = dbFile();
    const dbA = openDatabase(file);
    const dbB = openDatabase(file);
    const a = workerFor(dbA, s);
    const b = workerFor(dbB, s);
    a.outbox.enqueueDigest("推进群", "2025-03-10", ["1", "2", "3", "4", "5"], Date.now());
    await Promise.all([a.worker.drain(), b.worker.drain(), a.worker.drain(), b.worker.drain()]);
    await a.worker.drain();
    expect(s.chatMessages().map((m) => m.content)).toEqual(["1", "2", "3", "4", "5"]);
    dbA.close();
    dbB.close();
  });

  it("rows a dead worker left 'sending' are settled by kind: a digest part unknown, an app answer resent", async () => {
    const db = openDatabase(dbFile());
    const outbox = createOutbox(db);
    outbox.enqueueDigest("推进群", "2025-03-10", ["摘要"], T0);
    outbox.enqueueAppAnswer("lisi", "msg-1", ["回答"], T0);
    for (const row of outbox.claimDue(T0, 60_000, { holder: "dead-host:1:0" }))
      outbox.markSending(row.id, "dead-host:1:0");
    const sent: string[] = [];
    const worker = createOutboxWorker({
      outbox,
      clock: { now: () => T0 + 1000, sleep: async () => {} },
      backoff: { baseMs: 0, maxMs: 0 },
      isHolderGone: (h) => h === "dead-host:1:0",
      deliver: async (row, hooks) => {
        hooks.beforeRequest();
        sent.push(row.content);
        return { ok: true };
      },
    });
    await worker.drain();
    // within the dead worker's lease, yet taken over at once: it is gone
    expect(sent).toEqual(["回答"]);
    expect(outbox.list().map((r) => [r.kind, r.status])).toEqual([
      ["digest", "unknown"],
      ["app", "sent"],
    ]);
    db.close();
  });

  it("a row held by a live worker whose lease has not run out is left alone", async () => {
    const db = openDatabase(dbFile());
    const outbox = createOutbox(db);
    outbox.enqueueDigest("推进群", "2025-03-10", ["摘要"], T0);
    const [row] = outbox.claimDue(T0, 60_000, { holder: "other-host:1:0" });
    outbox.markSending(row?.id ?? -1, "other-host:1:0");
    const worker = createOutboxWorker({
      outbox,
      clock: { now: () => T0 + 30_000, sleep: async () => {} },
      deliver: async () => ({ ok: true }),
    });
    await worker.drain();
    expect(outbox.list().map((r) => r.status)).toEqual(["sending"]);
    db.close();
  });
});
