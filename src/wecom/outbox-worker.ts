// Delivers due outbox rows: each chat's parts in order, chats side by side, retries spread out over time, give-ups reported.
import { type Logger, logger as rootLogger } from "../log.js";
import { backoffDelay } from "./backoff.js";
import { type Clock, systemClock } from "./clock.js";
import { recordUndeliverable } from "./delivery-metrics.js";
import type { Outbox, OutboxRow } from "./outbox.js";
import { redactSecrets } from "./redact-secrets.js";

export type DeliveryResult = { ok: true } | { ok: false; retryable: boolean; error: string };

export interface OutboxWorkerOptions {
  outbox: Outbox;
  /** sends one row's content to its chat; must not throw, but a throw counts as a retryable failure */
  deliver(row: OutboxRow): Promise<DeliveryResult>;
  clock?: Clock;
  /** how often to look for rows whose retry time has come; default 15 s */
  pollMs?: number;
  /** how long a claimed row is held before another worker may take it; longer than one delivery with its retries */
  leaseMs?: number;
  /** attempts before a row is given up (status failed) */
  maxAttempts?: number;
  /** delay between attempts of a row (on top of the sender's own quick retries) */
  backoff?: { baseMs: number; maxMs: number; random?: () => number };
  log?: Logger;
}

export interface OutboxWorker {
  /** polls in the background until stop() */
  start(): void;
  /** look now (after an enqueue) instead of waiting for the next poll */
  kick(): void;
  /** delivers everything due now, including parts that become due as earlier ones go out; then resolves */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { outbox } = options;
  const clock = options.clock ?? systemClock;
  const pollMs = options.pollMs ?? 15_000;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const maxAttempts = options.maxAttempts ?? 20;
  const backoff = options.backoff ?? { baseMs: 30_000, maxMs: 30 * 60_000 };
  const log = (options.log ?? rootLogger).child({ component: "outbox" });
  /** chat → its delivery loop; one loop per chat keeps that chat's parts in order */
  const running = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const settle = async (row: OutboxRow): Promise<boolean> => {
    let result: DeliveryResult;
    try {
      result = await options.deliver(row);
    } catch (err) {
      result = { ok: false, retryable: true, error: err instanceof Error ? err.message : String(err) };
    }
    const where = { chat: row.chat, message: row.idempotencyKey, attempt: row.attempts };
    if (result.ok) {
      outbox.markSent(row.id, clock.now());
      log.info(where, "outbox message delivered");
      return true;
    }
    // A deliverer's error text may quote a URL: scrub it before it reaches the log or the table.
    const error = redactSecrets(result.error);
    if (result.retryable && row.attempts < maxAttempts) {
      const at = clock.now() + backoffDelay(row.attempts, backoff);
      outbox.markRetry(row.id, error, at);
      log.warn({ ...where, error, retryAt: new Date(at).toISOString() }, "outbox delivery failed, will retry");
    } else {
      outbox.markFailed(row.id, error);
      recordUndeliverable();
      log.error({ ...where, error }, "outbox message given up");
    }
    return false;
  };

  const chatLoop = async (first: OutboxRow): Promise<void> => {
    let row: OutboxRow | undefined = first;
    while (row) {
      const delivered = await settle(row);
      // After a failure the chat's later parts wait for this one's retry, so parts never arrive out of order.
      row = delivered && !stopped ? outbox.claimDue(clock.now(), leaseMs, row.chat)[0] : undefined;
    }
  };

  const tick = (): void => {
    if (stopped) return;
    for (const row of outbox.claimDue(clock.now(), leaseMs)) {
      const loop = chatLoop(row)
        .catch((err: unknown) => log.error({ chat: row.chat, err }, "outbox loop failed"))
        .finally(() => running.delete(row.chat));
      running.set(row.chat, loop);
    }
  };

  const schedulePoll = () => {
    timer = setTimeout(() => {
      tick();
      if (!stopped) schedulePoll();
    }, pollMs);
    timer.unref();
  };

  return {
    start() {
      stopped = false;
      tick();
      schedulePoll();
    },
    kick: tick,
    async drain() {
      for (;;) {
        tick();
        if (running.size === 0) return;
        await Promise.all(running.values());
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.all(running.values());
    },
  };
}
