// Phase (c): each chat's daily digest sent by `planbot serve` to a local webhook that is slow, answers 5xx or 45009,
// or cuts connections, while the service is killed and restarted; what each chat was shown is then compared with
// the outbox.
import Database from "better-sqlite3";
import { z } from "zod";
import type { FaultWebhook, WebhookBehaviour } from "./fault-webhook.js";
import type { SeededRandom } from "./seeded-random.js";

export const WebhookProfile = z.enum(["mixed", "slow", "failing", "drops"]);
export type WebhookProfile = z.infer<typeof WebhookProfile>;

/** Each profile: cumulative shares of behaviours, drawn per request. */
const PROFILES: Record<WebhookProfile, Array<[number, (r: SeededRandom) => WebhookBehaviour]>> = {
  // mostly well, sometimes each way WeCom or the network can fail
  mixed: [
    [0.5, () => ({ kind: "ok" })],
    [0.65, (r) => ({ kind: "slow", ms: r.int(100, 1500) })],
    [0.75, () => ({ kind: "http500" })],
    [0.85, () => ({ kind: "errcode45009" })],
    [0.92, () => ({ kind: "dropBefore" })],
    [1, () => ({ kind: "dropAfter" })],
  ],
  // every answer late, up to 5 s (within the 30 s answer timeout)
  slow: [
    [0.3, () => ({ kind: "ok" })],
    [1, (r) => ({ kind: "slow", ms: r.int(500, 5000) })],
  ],
  failing: [
    [0.3, () => ({ kind: "ok" })],
    [0.65, () => ({ kind: "http500" })],
    [1, () => ({ kind: "errcode45009" })],
  ],
  drops: [
    [0.6, () => ({ kind: "ok" })],
    [0.8, () => ({ kind: "dropBefore" })],
    [1, () => ({ kind: "dropAfter" })],
  ],
};

/** How the webhook treats each request under `profile`. */
export function faultyBehaviour(random: SeededRandom, profile: WebhookProfile = "mixed"): () => WebhookBehaviour {
  return () => {
    const x = random.next();
    const pick = PROFILES[profile].find(([upTo]) => x < upTo) ?? PROFILES[profile][0];
    return (pick as [number, (r: SeededRandom) => WebhookBehaviour])[1](random);
  };
}

export interface DigestRow {
  chat: string;
  part: number;
  content: string;
  status: string;
}

/** The digest rows in the outbox, read without taking part in the service's writes. */
export function digestRows(dbFile: string): DigestRow[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare("SELECT chat, part, content, status FROM wecom_outbox WHERE kind = 'digest' ORDER BY id")
      .all() as DigestRow[];
  } catch {
    return []; // the table is not there yet (first start still migrating)
  } finally {
    db.close();
  }
}

/** Every chat has its digest stored and none of its parts is still to send. */
export function digestsSettled(dbFile: string, chats: number): boolean {
  const rows = digestRows(dbFile);
  const withDigest = new Set(rows.map((r) => r.chat));
  return withDigest.size === chats && rows.every((r) => r.status !== "pending" && r.status !== "sending");
}

export interface DigestCounts {
  chats: number;
  parts: number;
  /** parts never shown in their chat */
  lost: number;
  /** extra showings of a part */
  duplicated: number;
  /** messages shown in a chat that were not one of its parts */
  misplaced: number;
  /** parts settled 'unknown' (their request may have arrived; not resent) */
  unknown: number;
  /** parts given up ('failed') */
  failed: number;
  /** messages the webhook showed whose answer did not get back to the sender (cut, or the sender died) */
  shownUnanswered: number;
  requests: number;
}

export function countDigests(rows: DigestRow[], hook: FaultWebhook, keyOfChat: Map<string, string>): DigestCounts {
  const shown = new Map<string, number>();
  for (const m of hook.shown)
    shown.set(`${m.key}\u0000${m.content}`, (shown.get(`${m.key}\u0000${m.content}`) ?? 0) + 1);
  const counts: DigestCounts = {
    chats: keyOfChat.size,
    parts: rows.length,
    lost: 0,
    duplicated: 0,
    misplaced: 0,
    unknown: rows.filter((r) => r.status === "unknown").length,
    failed: rows.filter((r) => r.status === "failed").length,
    shownUnanswered: hook.shownUnanswered,
    requests: hook.requests,
  };
  const expected = new Set<string>();
  for (const row of rows) {
    const id = `${keyOfChat.get(row.chat) ?? "?"}\u0000${row.content}`;
    expected.add(id);
    const times = shown.get(id) ?? 0;
    if (times === 0) counts.lost++;
    counts.duplicated += Math.max(0, times - 1);
  }
  for (const [id, times] of shown) if (!expected.has(id)) counts.misplaced += times;
  return counts;
}
