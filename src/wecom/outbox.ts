// The outbox: every push is stored before it is sent and marked sent only when WeCom accepted it, so a crash neither loses nor repeats one.
import { z } from "zod";
import type { Db } from "../store/database.js";
import { redactSecrets } from "./redact-secrets.js";

export const OutboxKind = z.enum(["digest", "announcement"]);
export type OutboxKind = z.infer<typeof OutboxKind>;

export const OutboxRow = z.object({
  id: z.number().int(),
  idempotencyKey: z.string(),
  chat: z.string(),
  kind: OutboxKind,
  /** YYYY-MM-DD the digest is for; null for announcements */
  day: z.string().nullable(),
  /** 1-based part number and part count of the message it belongs to */
  part: z.number().int(),
  parts: z.number().int(),
  content: z.string(),
  status: z.enum(["pending", "sent", "failed"]),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  /** ms since the epoch; while a worker holds the row, the end of its lease */
  nextAttemptAt: z.number().int(),
  createdAt: z.number().int(),
  sentAt: z.number().int().nullable(),
});
export type OutboxRow = z.infer<typeof OutboxRow>;

export function digestKey(chat: string, day: string, part: number): string {
  return `digest:${chat}:${day}:${part}`;
}

export interface Outbox {
  /**
   * Stores a chat's digest for `day`, one row per part, in one transaction.
   * Returns false (and stores nothing) when that chat already has a digest for that day, whatever its state.
   * `alongside` runs inside the same transaction when the digest is stored (e.g. recording the digest's window).
   */
  enqueueDigest(chat: string, day: string, parts: string[], now: number, alongside?: () => void): boolean;
  /** Stores an announcement under the caller's key; false when the key was used before. */
  enqueueAnnouncement(chat: string, key: string, parts: string[], now: number): boolean;
  hasDigest(chat: string, day: string): boolean;
  /**
   * Takes the oldest due pending row of each chat whose earlier parts are all settled (parts go out in order),
   * counts an attempt and leases it until now + leaseMs, so a second worker does not take it meanwhile
   * and a worker that dies mid-send leaves it to be retried after the lease.
   */
  claimDue(now: number, leaseMs: number, chat?: string): OutboxRow[];
  markSent(id: number, now: number): void;
  markRetry(id: number, error: string, nextAttemptAt: number): void;
  markFailed(id: number, error: string): void;
  list(filter?: { chat?: string; status?: OutboxRow["status"] }): OutboxRow[];
  /** the earliest next_attempt_at of a pending row, or null when nothing is pending */
  nextDueAt(): number | null;
}

const COLUMNS = `id, idempotency_key AS "idempotencyKey", chat, kind, day, part, parts, content, status, attempts,
  last_error AS "lastError", next_attempt_at AS "nextAttemptAt", created_at AS "createdAt", sent_at AS "sentAt"`;

export function createOutbox(db: Db): Outbox {
  const insert = db.prepare(`INSERT INTO wecom_outbox
    (idempotency_key, chat, kind, day, part, parts, content, status, next_attempt_at, created_at)
    VALUES (@key, @chat, @kind, @day, @part, @parts, @content, 'pending', @now, @now) ON CONFLICT DO NOTHING`);
  const digestExists = db.prepare("SELECT 1 FROM wecom_outbox WHERE chat = ? AND kind = 'digest' AND day = ? LIMIT 1");
  const keyExists = db.prepare("SELECT 1 FROM wecom_outbox WHERE idempotency_key = ? LIMIT 1");
  const dueHeads = db.prepare(`SELECT ${COLUMNS} FROM wecom_outbox o
    WHERE status = 'pending' AND next_attempt_at <= @now AND (CAST(@chat AS TEXT) IS NULL OR chat = @chat)
      AND NOT EXISTS (SELECT 1 FROM wecom_outbox p WHERE p.chat = o.chat AND p.status = 'pending' AND p.id < o.id)
    ORDER BY id`);
  const lease = db.prepare(`UPDATE wecom_outbox SET attempts = attempts + 1, next_attempt_at = @until
    WHERE id = @id AND status = 'pending' AND next_attempt_at <= @now`);
  const sent = db.prepare(
    "UPDATE wecom_outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ? AND status = 'pending'",
  );
  const retry = db.prepare(
    "UPDATE wecom_outbox SET last_error = ?, next_attempt_at = ? WHERE id = ? AND status = 'pending'",
  );
  const failed = db.prepare(
    "UPDATE wecom_outbox SET status = 'failed', last_error = ? WHERE id = ? AND status = 'pending'",
  );
  const nextDue = db.prepare("SELECT MIN(next_attempt_at) AS at FROM wecom_outbox WHERE status = 'pending'");

  const insertParts = (
    chat: string,
    kind: OutboxKind,
    day: string | null,
    keys: string[],
    parts: string[],
    now: number,
  ) =>
    parts.forEach((content, i) => {
      insert.run({ key: keys[i], chat, kind, day, part: i + 1, parts: parts.length, content, now });
    });

  const enqueueDigest = db.transaction(
    (chat: string, day: string, parts: string[], now: number, alongside?: () => void): boolean => {
      if (parts.length === 0 || digestExists.get(chat, day)) return false;
      insertParts(
        chat,
        "digest",
        day,
        parts.map((_, i) => digestKey(chat, day, i + 1)),
        parts,
        now,
      );
      alongside?.();
      return true;
    },
  );
  const enqueueAnnouncement = db.transaction((chat: string, key: string, parts: string[], now: number): boolean => {
    const keys = parts.map((_, i) => `announcement:${chat}:${key}:${i + 1}`);
    if (parts.length === 0 || keyExists.get(keys[0])) return false;
    insertParts(chat, "announcement", null, keys, parts, now);
    return true;
  });
  const claimDue = db.transaction((now: number, leaseMs: number, chat?: string): OutboxRow[] => {
    const claimed: OutboxRow[] = [];
    for (const raw of dueHeads.all({ now, chat: chat ?? null })) {
      const row = OutboxRow.parse(raw);
      if (lease.run({ id: row.id, until: now + leaseMs, now }).changes === 1) {
        claimed.push({ ...row, attempts: row.attempts + 1, nextAttemptAt: now + leaseMs });
      }
    }
    return claimed;
  });

  return {
    enqueueDigest: (chat, day, parts, now, alongside) => enqueueDigest.immediate(chat, day, parts, now, alongside),
    enqueueAnnouncement: (chat, key, parts, now) => enqueueAnnouncement.immediate(chat, key, parts, now),
    hasDigest: (chat, day) => digestExists.get(chat, day) !== undefined,
    claimDue: (now, leaseMs, chat) => claimDue.immediate(now, leaseMs, chat),
    markSent(id, now) {
      sent.run(now, id);
    },
    markRetry(id, error, nextAttemptAt) {
      retry.run(redactSecrets(error).slice(0, 500), nextAttemptAt, id);
    },
    markFailed(id, error) {
      failed.run(redactSecrets(error).slice(0, 500), id);
    },
    list(filter = {}) {
      const rows = db
        .prepare(`SELECT ${COLUMNS} FROM wecom_outbox
          WHERE (CAST(@chat AS TEXT) IS NULL OR chat = @chat) AND (CAST(@status AS TEXT) IS NULL OR status = @status) ORDER BY id`)
        .all({ chat: filter.chat ?? null, status: filter.status ?? null });
      return rows.map((r) => OutboxRow.parse(r));
    },
    nextDueAt() {
      const row = nextDue.get() as { at: number | null };
      return row.at;
    },
  };
}
