// App answers that go out actively (message/send) pass through the outbox: stored before the first attempt, retried
// after 5xx, 45009, a refused or cut connection or a crash, until WeCom accepts them or they are too late to send.
import type { Db } from "../../store/database.js";
import { APP_MARKDOWN_MAX_BYTES } from "../api-client.js";
import { type Clock, systemClock } from "../clock.js";
import { APP_DUPLICATE_CHECK_INTERVAL_S } from "../delivery-guarantees.js";
import { createOutbox } from "../outbox.js";
import { createOutboxWorker, type OutboxWorkerOptions } from "../outbox-worker.js";
import { splitMarkdown } from "../split-markdown.js";
import type { AppMessageSender } from "./sender.js";

export interface AppAnswerOutbox {
  /** stores the answer to the callback `msgid` (once, whatever is tried again) and starts sending it */
  enqueue(touser: string, msgid: string, markdown: string): void;
  stop(): Promise<void>;
}

export type AppOutboxOptions = Pick<OutboxWorkerOptions, "pollMs" | "backoff" | "maxAttempts" | "leaseMs" | "clock">;

/**
 * Answers are resent only inside WeCom's duplicate-check window, measured from the first attempt with a margin for the
 * last request's own time: later, a repeat of a send whose answer was lost would be shown twice. An answer that late
 * is stale anyway; it is given up (status failed, logged, counted).
 */
export const APP_RESEND_HORIZON_MS = APP_DUPLICATE_CHECK_INTERVAL_S * 1000 - 60_000;

export function createAppAnswerOutbox(
  db: Db,
  sender: AppMessageSender,
  options: AppOutboxOptions = {},
): AppAnswerOutbox {
  const clock: Clock = options.clock ?? systemClock;
  const outbox = createOutbox(db);
  const worker = createOutboxWorker({
    outbox,
    kinds: ["app"],
    clock,
    // A person is waiting: retry within seconds, not the digest's minutes, and look often for due retries.
    pollMs: 2000,
    backoff: { baseMs: 2000, maxMs: 60_000 },
    maxAttempts: 50,
    ...options,
    async deliver(row, hooks) {
      if (clock.now() - row.createdAt > APP_RESEND_HORIZON_MS) {
        return { ok: false, retryable: false, error: "too late: past the duplicate-check window, not sent" };
      }
      return sender.sendAppPart(row.chat, row.content, hooks);
    },
  });
  worker.start();
  return {
    enqueue(touser, msgid, markdown) {
      outbox.enqueueAppAnswer(touser, msgid, splitMarkdown(markdown, APP_MARKDOWN_MAX_BYTES), clock.now());
      worker.kick();
    },
    stop: () => worker.stop(),
  };
}
