// Counts outbound WeCom delivery attempts on the service's metrics (src/http/metrics.ts), in one place.
import { failures, pushes } from "../http/metrics.js";

export type PushChannel = "webhook" | "app";
export type PushOutcome = "sent" | "transient_error" | "permanent_error";

const resultLabel: Record<PushOutcome, string> = { sent: "ok", transient_error: "retry", permanent_error: "failed" };

export function recordPush(channel: PushChannel, outcome: PushOutcome): void {
  pushes().inc({ kind: channel, result: resultLabel[outcome] });
  if (outcome === "permanent_error") failures().inc({ kind: "push_failed" });
}

/** A message the outbox gave up on (permanent error or out of attempts). */
export function recordUndeliverable(): void {
  failures().inc({ kind: "outbox_undeliverable" });
}

/** A request that may have reached WeCom without an answer saying so (cut connection, timeout, crash mid-send). */
export function recordUncertain(): void {
  failures().inc({ kind: "outbox_uncertain" });
}
