// Pushes markdown to group robots (群机器人): size-split, at most 20 a minute per robot, retried with backoff on transient errors.
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
  | { ok: false; attempts: number; retryable: boolean; errcode: number | null; error: string };

export interface WebhookSenderOptions {
  apiBase: string;
  fetch?: typeof fetch;
  clock?: Clock;
  /** per robot; WeCom allows 20 messages a minute */
  rateLimit?: { limit: number; windowMs: number };
  /** attempts per message before giving up for now (the outbox tries again later) */
  retry?: { maxAttempts: number; baseMs: number; maxMs: number; random?: () => number };
  timeoutMs?: number;
}

export interface WebhookSender {
  /** One message of at most 4096 bytes. Messages to one robot go out one after another, in call order. */
  sendMarkdown(robot: RobotTarget, content: string): Promise<PushResult>;
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
  const retry = options.retry ?? { maxAttempts: 5, baseMs: 1000, maxMs: 30_000 };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const limiter = new SlidingWindowLimiter({ ...(options.rateLimit ?? { limit: 20, windowMs: 60_000 }), clock });
  /** per robot URL: the previous message's promise, so the next one starts when it is settled (keeps order) */
  const queues = new Map<string, Promise<unknown>>();

  const attempt = async (url: string, content: string): Promise<void> => {
    const release = await limiter.acquire(url);
    try {
      await callWecomJson(fetchImpl, "webhook/send", url, {
        method: "POST",
        body: { msgtype: "markdown", markdown: { content } },
        timeoutMs,
      });
    } finally {
      release();
    }
  };

  const deliver = async (url: string, content: string): Promise<PushResult> => {
    for (let n = 1; ; n++) {
      try {
        await attempt(url, content);
        recordPush("webhook", "sent");
        return { ok: true, attempts: n };
      } catch (err) {
        const e = err instanceof WecomApiError ? err : new WecomApiError(`webhook/send: ${String(err)}`, null, false);
        recordPush("webhook", e.retryable ? "transient_error" : "permanent_error");
        if (!e.retryable || n >= retry.maxAttempts) {
          return { ok: false, attempts: n, retryable: e.retryable, errcode: e.errcode, error: e.message };
        }
        await clock.sleep(backoffDelay(n, retry));
      }
    }
  };

  const sendMarkdown = (robot: RobotTarget, content: string): Promise<PushResult> => {
    if (markdownBytes(content) > WECOM_MARKDOWN_MAX_BYTES) {
      const error = `webhook/send: content is ${markdownBytes(content)} bytes, over ${WECOM_MARKDOWN_MAX_BYTES}`;
      return Promise.resolve({ ok: false, attempts: 0, retryable: false, errcode: null, error });
    }
    const url = robotUrl(robot, options.apiBase);
    const previous = queues.get(url) ?? Promise.resolve();
    const mine = previous.then(() => deliver(url, content));
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
