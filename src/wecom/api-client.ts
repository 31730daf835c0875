// The self-built app's active send API: markdown to a user, with the token refreshed once when WeCom calls it invalid,
// and WeCom's duplicate check on, so that a send repeated after a lost answer is not shown twice.
import { createAccessTokenCache } from "./access-token.js";
import { callWecomJson, TOKEN_ERRCODES, WecomApiError } from "./api-error.js";
import type { Clock } from "./clock.js";
import { APP_DUPLICATE_CHECK_INTERVAL_S } from "./delivery-guarantees.js";
import { recordPush } from "./delivery-metrics.js";
import type { DeliveryResult } from "./outbox-worker.js";
import { splitMarkdown } from "./split-markdown.js";

/** Markdown content limit of an application message (发送应用消息, path/90236), smaller than the robot's 4096. */
export const APP_MARKDOWN_MAX_BYTES = 2048;

export interface WecomApiClientOptions {
  apiBase: string;
  corpId: string;
  corpSecret: string;
  agentId: string | number;
  fetch?: typeof fetch;
  clock?: Clock;
  timeoutMs?: number;
}

export interface WecomApiClient {
  /** Sends markdown to one user (or "a|b" several), split into as many messages as the size limit needs. */
  sendAppMessage(touser: string, markdown: string): Promise<{ parts: number }>;
  /**
   * Sends one part (≤ 2048 bytes) once, for the outbox; `beforeRequest` runs right before message/send is written.
   * The same touser and content always make the same request, so WeCom's duplicate check recognises a repeat.
   */
  sendAppPart(touser: string, content: string, hooks?: { beforeRequest?(): void }): Promise<DeliveryResult>;
}

export function createWecomApiClient(options: WecomApiClientOptions): WecomApiClient {
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const base = options.apiBase.replace(/\/+$/, "");
  const tokens = createAccessTokenCache({
    apiBase: base,
    corpId: options.corpId,
    corpSecret: options.corpSecret,
    fetch: fetchImpl,
    clock: options.clock,
    timeoutMs,
  });
  const agentid = Number(options.agentId);

  /** One send; on 40014/42001 the token is dropped, a fresh one fetched, and the send tried once more. */
  const sendOne = async (touser: string, content: string, beforeRequest?: () => void): Promise<void> => {
    const body = {
      touser,
      msgtype: "markdown",
      agentid,
      markdown: { content },
      enable_duplicate_check: 1,
      duplicate_check_interval: APP_DUPLICATE_CHECK_INTERVAL_S,
    };
    for (let attempt = 1; ; attempt++) {
      const token = await tokens.get();
      beforeRequest?.();
      try {
        await callWecomJson(fetchImpl, "message/send", `${base}/cgi-bin/message/send?access_token=${token}`, {
          method: "POST",
          body,
          timeoutMs,
        });
        return;
      } catch (err) {
        const tokenRefused = err instanceof WecomApiError && err.errcode !== null && TOKEN_ERRCODES.has(err.errcode);
        if (!tokenRefused || attempt > 1) throw err;
        tokens.invalidate(token);
      }
    }
  };

  return {
    async sendAppPart(touser, content, hooks = {}) {
      try {
        await sendOne(touser, content, hooks.beforeRequest);
        recordPush("app", "sent");
        return { ok: true };
      } catch (err) {
        if (!(err instanceof WecomApiError)) throw err; // e.g. the outbox's ClaimLostError: nothing was sent
        recordPush("app", err.retryable ? "transient_error" : "permanent_error");
        return { ok: false, retryable: err.retryable, error: err.message, maybeDelivered: err.maybeDelivered };
      }
    },
    async sendAppMessage(touser, markdown) {
      const parts = splitMarkdown(markdown, APP_MARKDOWN_MAX_BYTES);
      for (const part of parts) {
        try {
          await sendOne(touser, part);
          recordPush("app", "sent");
        } catch (err) {
          recordPush("app", err instanceof WecomApiError && err.retryable ? "transient_error" : "permanent_error");
          throw err;
        }
      }
      return { parts: parts.length };
    },
  };
}
