// Pushes markdown to group robots (群机器人): size-split, at most 20 a minute per robot, retried with backoff on errors
// that certainly kept the message from being shown, and never repeated after a request whose fate is unknown.
import { callWecomJson, WecomApiError } from "./api-error.js";
import { backoffDelay } from "./backoff.js";
import { type Clock, systemClock } from "./clock.js";
import { recordPush } from "./delivery-metrics.js";
import { SlidingWindowLimiter } from "./rate-limiter.js";
import { markdownBytes, splitMarkdown, WECOM_MARKDOWN_MAX_BYTES } from "./split-markdown.js";

/** A robot, by its webhook key (sent to WECOM_API_BASE) or by the full webhook URL. Both are secrets. */
export type RobotTarget = { key: string } | { url: string };

export type PushResult =
  | { ok: true; attempts: number }
  | {
      ok: false;
      attempts: number;
      retryable: boolean;
      errcode: number | null;
      error: string;
      /** the last request was written and no answer came: the chat may show it (see delivery-guarantees.ts) */
      maybeDelivered: boolean;
    };

/**
 * How long to wait for webhook/send's answer. WeCom answers it in well under a second; a request it has not answered
 * in 30 s is stuck or lost. Waiting that long (the old 10 s cut slow answers short and resent them) keeps a slow
 * answer from looking like a failure, and the outbox lease (2 min) outlasts it, so no other worker resends meanwhile.
 */
export const WEBHOOK_ANSWER_TIMEOUT_MS = 30_000;

export interface WebhookSenderOptions {
  apiBase: string;
  fetch?: typeof fetch;
  clock?: Clock;
  /** per robot; WeCom allows 20 messages a minute */
  rateLimit?: { limit: number; windowMs: number };
  /** attempts per message before giving up for now (the outbox tries again later) */
  retry?: { maxAttempts: number; baseMs: number; maxMs: number; random?: () => number };
  /** default WEBHOOK_ANSWER_TIMEOUT_MS */
  timeoutMs?: number;
}

export interface SendHooks {
  /** called right before each request is written (the outbox marks the row 'sending'); a throw stops the send */
  beforeRequest?(): void;
  /** called after a request that certainly did not arrive, before waiting to retry it */
  afterNotSent?(): void;
}

export interface WebhookSender {
  /**
   * One message of at most 4096 bytes. Messages to one robot go out one after another, in call order. Retried here
   * only while the failure says WeCom did not take it (refused connection, 5xx, errcode such as 45009).
   */
  sendMarkdown(robot: RobotTarget, content: string, hooks?: SendHooks): Promise<PushResult>;
  /** Splits `markdown` into parts and sends them in order, stopping at the first part that fails. */
  pushMarkdown(robot: RobotTarget, markdown: string): Promise<{ parts: number; sent: number; result: PushResult }>;
}

export function robotUrl(robot: RobotTarget, apiBase: string): string {
  if ("url" in robot) return robot.url;
  return `${apiBase.replace(/\/+$/, "")}/cgi-bin/webhook/send?key=${encodeURIComponent(robot.key)}`;
}

export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const fetchImpl = options.fetch ?? fetch;
  const clock = options.clock ?? systemClock;
  // Quick retries stay within the outbox lease; longer outages are the outbox's backoff.
  const retry = options.retry ?? { maxAttempts: 3, baseMs: 1000, maxMs: 4000 };
  const timeoutMs = options.timeoutMs ?? WEBHOOK_ANSWER_TIMEOUT_MS;
  const limiter = new SlidingWindowLimiter({ ...(options.rateLimit ?? { limit: 20, windowMs: 60_000 }), clock });
  /** per robot URL: the previous message's promise, so the next one starts when it is settled (keeps order) */
  const queues = new Map<string, Promise<unknown>>();

  const attempt = async (url: string, content: string, hooks: SendHooks): Promise<void> => {
    const release = await limiter.acquire(url);
    try {
      hooks.beforeRequest?.();
      await callWecomJson(fetchImpl, "webhook/send", url, {
        method: "POST",
        body: { msgtype: "markdown", markdown: { content } },
        timeoutMs,
      });
    } finally {
      release();
    }
  };

  const deliver = async (url: string, content: string, hooks: SendHooks): Promise<PushResult> => {
    for (let n = 1; ; n++) {
      try {
        await attempt(url, content, hooks);
        recordPush("webhook", "sent");
        return { ok: true, attempts: n };
      } catch (err) {
        if (!(err instanceof WecomApiError)) throw err; // e.g. the outbox's ClaimLostError: nothing was sent
        const e = err;
        recordPush("webhook", e.retryable ? "transient_error" : "permanent_error");
        if (!e.retryable || e.maybeDelivered || n >= retry.maxAttempts) {
          const { retryable, errcode, message: error, maybeDelivered } = e;
          return { ok: false, attempts: n, retryable, errcode, error, maybeDelivered };
        }
        hooks.afterNotSent?.();
        await clock.sleep(backoffDelay(n, retry));
      }
    }
  };

  const sendMarkdown = (robot: RobotTarget, content: string, hooks: SendHooks = {}): Promise<PushResult> => {
    if (markdownBytes(content) > WECOM_MARKDOWN_MAX_BYTES) {
      const error = `webhook/send: content is ${markdownBytes(content)} bytes, over ${WECOM_MARKDOWN_MAX_BYTES}`;
      return Promise.resolve({ ok: false, attempts: 0, retryable: false, errcode: null, error, maybeDelivered: false });
    }
    const url = robotUrl(robot, options.apiBase);
    const previous = queues.get(url) ?? Promise.resolve();
    const mine = previous.then(() => deliver(url, content, hooks));
    const settled = mine.then(
      () => undefined,
      () => undefined,
    );
    queues.set(url, settled);
    // Forget an idle robot's queue so the map does not grow with every robot ever used.
    void settled.then(() => {
      if (queues.get(url) === settled) queues.delete(url);
    });
    return mine;
  };

  return {
    sendMarkdown,
    async pushMarkdown(robot, markdown) {
      const parts = splitMarkdown(markdown);
      let sent = 0;
      let attempts = 0;
      for (const part of parts) {
        const result = await sendMarkdown(robot, part);
        if (!result.ok) return { parts: parts.length, sent, result };
        sent++;
        attempts += result.attempts;
      }
      return { parts: parts.length, sent, result: { ok: true, attempts } };
    },
  };
}
