// Delivers due outbox rows: each chat's parts in order, chats side by side, retries spread out over time, give-ups
// and uncertain sends reported, rows left behind by a dead worker taken over at once.
import { type Logger, logger as rootLogger } from "../log.js";
import { backoffDelay } from "./backoff.js";
import { type Clock, systemClock } from "./clock.js";
import { resendWhenUncertain } from "./delivery-guarantees.js";
import { recordUncertain, recordUndeliverable } from "./delivery-metrics.js";
import type { Outbox, OutboxKind, OutboxRow } from "./outbox.js";
import { holderIsGone, thisProcessHolder } from "./outbox-holder.js";
import { redactSecrets } from "./redact-secrets.js";

export type DeliveryResult =
  | { ok: true }
  | {
      ok: false;
      retryable: boolean;
      error: string;
      /** the request was written and no answer came: WeCom may have shown it */
      maybeDelivered?: boolean;
    };

/** Thrown by `beforeRequest` when the row is no longer this worker's: the deliverer must not send it. */
export class ClaimLostError extends Error {
  override readonly name = "ClaimLostError";
}

export interface DeliveryHooks {
  /**
   * Call right before the request that may reach WeCom: marks the row 'sending' durably, so a crash from here on is
   * known to be a crash mid-send. Throws ClaimLostError when another worker has taken the row meanwhile.
   */
  beforeRequest(): void;
  /** Call after a request that certainly did not arrive (5xx, errcode, refused) when retrying it in place. */
  afterNotSent(): void;
}

export interface OutboxWorkerOptions {
  outbox: Outbox;
  /** sends one row's content; must not throw (but a throw counts as a retryable failure that never left) */
  deliver(row: OutboxRow, hooks: DeliveryHooks): Promise<DeliveryResult>;
  /** the kinds this worker delivers; default all */
  kinds?: OutboxKind[];
  clock?: Clock;
  /** how often to look for rows whose retry time has come; default 15 s */
  pollMs?: number;
  /**
   * How long a claimed row is held before another worker may take it: longer than one deliver() call (default 2 min:
   * a rate-limit window of 60 s plus a 30 s answer timeout and quick retries). A row held by a process of this host
   * that has died is taken over at once, whatever its lease.
   */
  leaseMs?: number;
  /** attempts before a row is given up (status failed) */
  maxAttempts?: number;
  /** delay between attempts of a row (on top of the sender's own quick retries) */
  backoff?: { baseMs: number; maxMs: number; random?: () => number };
  /**
   * Chats (queues) served at once; default 8. Bounds what a crash leaves uncertain: only rows whose request is
   * really on its way are 'sending', not hundreds waiting for a socket.
   */
  maxConcurrent?: number;
  /** this worker's name in the holder column; default host:pid:start */
  holder?: string;
  /** whether another holder is certainly gone; default: a dead process on this host */
  isHolderGone?: (holder: string) => boolean;
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

export const DEFAULT_LEASE_MS = 2 * 60_000;

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { outbox, kinds } = options;
  const clock = options.clock ?? systemClock;
  const pollMs = options.pollMs ?? 15_000;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const maxAttempts = options.maxAttempts ?? 20;
  const backoff = options.backoff ?? { baseMs: 30_000, maxMs: 30 * 60_000 };
  const holder = options.holder ?? thisProcessHolder;
  const maxConcurrent = options.maxConcurrent ?? 8;
  const isHolderGone = options.isHolderGone ?? ((h: string) => holderIsGone(h, holder));
  const log = (options.log ?? rootLogger).child({ component: "outbox" });
  /** queue (chat or app user) → its delivery loop; one loop per queue keeps its parts in order */
  const running = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const retryOrGiveUp = (row: OutboxRow, error: string, retryable: boolean, where: object) => {
    if (retryable && row.attempts < maxAttempts) {
      const at = clock.now() + backoffDelay(row.attempts, backoff);
      outbox.markRetry(row.id, error, at);
      log.warn({ ...where, error, retryAt: new Date(at).toISOString() }, "outbox delivery failed, will retry");
    } else {
      outbox.markFailed(row.id, error);
      recordUndeliverable();
      log.error({ ...where, error }, "outbox message given up");
    }
  };

  /** A request that may have reached WeCom: resent where WeCom drops repeats, otherwise settled as unknown. */
  const uncertain = (row: OutboxRow, error: string, where: object) => {
    recordUncertain();
    if (resendWhenUncertain[row.kind]) {
      retryOrGiveUp(row, error, true, where);
      return;
    }
    const why = `${error}; may have been shown, not sent again (a repeat would show twice)`;
    outbox.markUnknown(row.id, why);
    log.error({ ...where, error }, "outbox message may or may not have been shown; not sent again");
  };

  const settle = async (row: OutboxRow): Promise<boolean> => {
    const where = { chat: row.chat, message: row.idempotencyKey, attempt: row.attempts };
    let result: DeliveryResult;
    try {
      result = await options.deliver(row, {
        beforeRequest() {
          if (!outbox.markSending(row.id, holder)) throw new ClaimLostError(`row ${row.id} was taken over`);
        },
        afterNotSent() {
          outbox.markNotSent(row.id, holder);
        },
      });
    } catch (err) {
      if (err instanceof ClaimLostError) {
        log.warn(where, "outbox row taken over by another worker (lease ran out); not sent here");
        return false;
      }
      result = { ok: false, retryable: true, error: err instanceof Error ? err.message : String(err) };
    }
    if (result.ok) {
      outbox.markSent(row.id, clock.now());
      log.info(where, "outbox message delivered");
      return true;
    }
    // A deliverer's error text may quote a URL: scrub it before it reaches the log or the table.
    const error = redactSecrets(result.error);
    if (result.maybeDelivered) uncertain(row, error, where);
    else retryOrGiveUp(row, error, result.retryable, where);
    return false;
  };

  /** Rows a dead worker (or one whose lease ran out) left: never-sent ones are due again, mid-send ones settled. */
  const takeOverAbandoned = () => {
    for (const row of outbox.releaseAbandoned(clock.now(), isHolderGone, kinds)) {
      uncertain(row, "interrupted while sending (the sending process ended or its lease ran out)", {
        chat: row.chat,
        message: row.idempotencyKey,
        attempt: row.attempts,
      });
    }
  };

  const chatLoop = async (first: OutboxRow): Promise<void> => {
    let row: OutboxRow | undefined = first;
    while (row) {
      const delivered = await settle(row);
      // After a failure the chat's later parts wait for this one's retry, so parts never arrive out of order.
      row =
        delivered && !stopped ? outbox.claimDue(clock.now(), leaseMs, { chat: row.chat, kinds, holder })[0] : undefined;
    }
  };

  const tick = (): void => {
    if (stopped) return;
    takeOverAbandoned();
    const room = maxConcurrent - running.size;
    if (room <= 0) return;
    for (const row of outbox.claimDue(clock.now(), leaseMs, { kinds, holder, limit: room })) {
      // app answers to a user and a chat of the same name are separate queues
      const queue = `${row.kind === "app" ? "app" : "chat"}:${row.chat}`;
      const loop = chatLoop(row)
        .catch((err: unknown) => log.error({ chat: row.chat, err }, "outbox loop failed"))
        .finally(() => {
          running.delete(queue);
          tick(); // a queue is free: let the next chat in
        });
      running.set(queue, loop);
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
