// What each kind of outbound message promises when a request's fate is unknown (README: "Delivery guarantees").
// A request is "uncertain" when it was written to WeCom and no answer came back: the connection was cut, the answer
// did not come in time, or the process died while waiting. WeCom may have shown it; nothing can tell.
import type { OutboxKind } from "./outbox.js";

/**
 * true = at-least-once: an uncertain request is sent again. Only where WeCom drops the repeat itself: the app's
 * message/send with enable_duplicate_check. false = at-most-once for uncertain requests: the group-robot webhook has
 * no duplicate check, so a repeat would be shown twice to a whole group; the part is marked 'unknown' instead.
 * Requests that certainly did not arrive (refused connection, 5xx, errcode such as 45009) are retried for every kind.
 */
export const resendWhenUncertain: Record<OutboxKind, boolean> = {
  digest: false,
  announcement: false,
  app: true,
};

/** The app's duplicate check window (seconds) sent with every message/send; WeCom's default and our retry horizon. */
export const APP_DUPLICATE_CHECK_INTERVAL_S = 1800;
