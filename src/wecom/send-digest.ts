// `planbot digest --send`: builds today's (or a given day's) digest for one chat or all, stores it in the outbox and delivers it now.
import type { Runtime } from "../runtime.js";
import { type EnqueueStatus, enqueueDigestFor } from "../schedule/digest-schedule.js";
import { localDateTime } from "../schedule/local-time.js";
import { createOutboundDelivery, type OutboundOptions } from "./outbound-delivery.js";

export interface SendDigestResult {
  chat: string;
  day: string;
  /** enqueued = built and stored now; already = this chat had this day's digest (sent or on its way); empty = nothing to send */
  status: EnqueueStatus;
  /** unknown = its request may have reached WeCom without an answer; not sent again (README: delivery guarantees) */
  parts: { sent: number; pending: number; failed: number; unknown: number };
  /** the last error of each part not sent (no secrets) */
  errors: string[];
}

export async function sendDigestNow(
  runtime: Pick<Runtime, "env" | "db" | "plans" | "store" | "reporters">,
  request: { chat?: string; date?: string } = {},
  options: OutboundOptions = {},
): Promise<SendDigestResult[]> {
  const delivery = createOutboundDelivery(runtime, options);
  const { chats, outbox, worker, clock } = delivery;
  if (chats.length === 0) {
    throw new Error("no chats configured: set PLANBOT_CHATS to a chats file (see chats.example.yaml)");
  }
  const chosen = request.chat === undefined ? chats : chats.filter((c) => c.name === request.chat);
  if (chosen.length === 0) {
    throw new Error(`unknown chat "${request.chat}"; configured chats: ${chats.map((c) => c.name).join(", ")}`);
  }
  const day = request.date ?? localDateTime(clock.now()).day;
  const outcomes = [];
  for (const chat of chosen) {
    outcomes.push(await enqueueDigestFor({ outbox, buildDigest: delivery.buildDigest, now: clock.now }, chat, day));
  }
  // The same path as the schedule: whatever is due goes out now, failures stay in the outbox for the service to retry.
  await worker.drain();
  await worker.stop();
  return outcomes.map((o) => {
    const rows = outbox.list({ chat: o.chat }).filter((r) => r.kind === "digest" && r.day === day);
    return {
      chat: o.chat,
      day,
      status: o.status,
      parts: {
        sent: rows.filter((r) => r.status === "sent").length,
        pending: rows.filter((r) => r.status === "pending" || r.status === "sending").length,
        failed: rows.filter((r) => r.status === "failed").length,
        unknown: rows.filter((r) => r.status === "unknown").length,
      },
      errors: rows.filter((r) => r.status !== "sent" && r.lastError).map((r) => `第${r.part}部分: ${r.lastError}`),
    };
  });
}

/** One line per chat for the command line; true when every part of every chat went out. */
export function describeSendResults(results: SendDigestResult[], write: (line: string) => void): boolean {
  let allSent = true;
  for (const r of results) {
    const total = r.parts.sent + r.parts.pending + r.parts.failed + r.parts.unknown;
    const state =
      r.status === "empty"
        ? "nothing to send"
        : `${r.status === "already" ? "already in the outbox; " : ""}sent ${r.parts.sent}/${total}` +
          (r.parts.pending > 0 ? `, ${r.parts.pending} pending (planbot serve retries them)` : "") +
          (r.parts.failed > 0 ? `, ${r.parts.failed} failed` : "") +
          (r.parts.unknown > 0 ? `, ${r.parts.unknown} may or may not have arrived (not resent)` : "");
    write(`${r.chat} ${r.day}: ${state}`);
    for (const e of r.errors) write(`  ${e}`);
    if (r.parts.pending > 0 || r.parts.failed > 0 || r.parts.unknown > 0) allSent = false;
  }
  return allSent;
}
