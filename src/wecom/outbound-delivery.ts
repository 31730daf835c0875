// Wires outbound delivery for one process: chats file, outbox, group-robot sender and the worker that connects them.
import type { Runtime } from "../runtime.js";
import type { DigestBuilder } from "../schedule/digest-schedule.js";
import { progressDigestBuilder } from "../schedule/progress-digest-builder.js";
import { type ChatConfig, chatsFromEnv, chatTransport } from "./chats.js";
import { type Clock, systemClock } from "./clock.js";
import type { LongConnPusher } from "./longconn/push-sender.js";
import { createOutbox, type Outbox } from "./outbox.js";
import { createOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from "./outbox-worker.js";
import { createWebhookSender, type WebhookSender, type WebhookSenderOptions } from "./webhook.js";

export interface OutboundOptions {
  /** default: the file named by PLANBOT_CHATS (none = no chats) */
  chats?: ChatConfig[];
  /** default: the progress digest built from the runtime's store */
  buildDigest?: DigestBuilder;
  clock?: Clock;
  fetch?: typeof fetch;
  sender?: Pick<WebhookSenderOptions, "rateLimit" | "retry" | "timeoutMs">;
  worker?: Pick<OutboxWorkerOptions, "pollMs" | "leaseMs" | "maxAttempts" | "backoff">;
  /**
   * Pushes over the intelligent bot's long connection, for chats with a chatid and no webhook; only the process
   * that holds the connection has one (`planbot serve`). Elsewhere such rows wait in the outbox for it.
   */
  longConnection?: LongConnPusher;
}

export interface OutboundDelivery {
  chats: ChatConfig[];
  outbox: Outbox;
  sender: WebhookSender;
  worker: OutboxWorker;
  buildDigest: DigestBuilder;
  clock: Clock;
}

type RuntimeParts = Pick<Runtime, "env" | "db" | "plans" | "store" | "reporters">;

export function createOutboundDelivery(runtime: RuntimeParts, options: OutboundOptions = {}): OutboundDelivery {
  const chats = options.chats ?? chatsFromEnv(runtime);
  const byName = new Map(chats.map((c) => [c.name, c]));
  const clock = options.clock ?? systemClock;
  const outbox = createOutbox(runtime.db);
  const sender = createWebhookSender({
    apiBase: runtime.env.WECOM_API_BASE,
    fetch: options.fetch,
    clock,
    ...options.sender,
  });
  const retryMs = runtime.env.PLANBOT_OUTBOX_RETRY_MS;
  const worker = createOutboxWorker({
    outbox,
    clock,
    backoff: { baseMs: retryMs, maxMs: Math.max(retryMs, 30 * 60_000) },
    pollMs: Math.min(15_000, retryMs),
    ...options.worker,
    kinds: ["digest", "announcement"],
    async deliver(row, hooks) {
      const chat = byName.get(row.chat);
      // Rows outlive config: a chat removed from the file can no longer be reached.
      if (!chat) return { ok: false, retryable: false, error: `chat "${row.chat}" is not in the chats file` };
      const transport = chatTransport(chat);
      if (transport.kind === "long-connection") {
        if (!options.longConnection) {
          return { ok: false, retryable: true, error: "no long connection in this process: planbot serve sends it" };
        }
        return options.longConnection(transport.chatid, row.content);
      }
      const result = await sender.sendMarkdown(transport.robot, row.content, hooks);
      if (result.ok) return { ok: true };
      const { retryable, error, maybeDelivered } = result;
      return { ok: false, retryable, error, maybeDelivered };
    },
  });
  return {
    chats,
    outbox,
    sender,
    worker,
    buildDigest: options.buildDigest ?? progressDigestBuilder(runtime),
    clock,
  };
}
