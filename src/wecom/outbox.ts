// The outbox: every push is stored before it is sent, marked 'sending' (durably) just before its request leaves and
// settled by WeCom's answer, so a crash neither loses a message silently nor repeats one WeCom may have shown.
import { z } from "zod";
import type { Db } from "../store/database.js";
import { redactSecrets } from "./redact-secrets.js";

export const OutboxKind = z.enum(["digest", "announcement", "app"]);
export type OutboxKind = z.infer<typeof OutboxKind>;

export const OutboxStatus = z.enum(["pending", "sending", "sent", "failed", "unknown"]);
export type OutboxStatus = z.infer<typeof OutboxStatus>;

export const OutboxRow = z.object({
  id: z.number().int(),
  idempotencyKey: z.string(),
  /** the chat's name (digest, announcement) or the user's id (app) */
  chat: z.string(),
  kind: OutboxKind,
  /** YYYY-MM-DD the digest is for; null for announcements and app answers */
  day: z.string().nullable(),
  /** 1-based part number and part count of the message it belongs to */
  part: z.number().int(),
  parts: z.number().int(),
  content: z.string(),
  /**
   * pending: to send (at nextAttemptAt); sending: its request is out; sent: WeCom accepted it; failed: given up;
   * unknown: its request may have reached WeCom without an answer saying so, and its kind is not resent then
   */
  status: OutboxStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  /** ms since the epoch; while a worker holds the row, the end of its lease */
  nextAttemptAt: z.number().int(),
  createdAt: z.number().int(),
  sentAt: z.number().int().nullable(),
  /** the worker process holding the row (see store/process-holder.ts); null when nobody does */
  holder: z.string().nullable(),
});
export type OutboxRow = z.infer<typeof OutboxRow>;

export function digestKey(chat: string, day: string, part: number): string {
  return `digest:${chat}:${day}:${part}`;
}

export interface ClaimOptions {
  chat?: string;
  /** only rows of these kinds (each worker delivers its own kinds) */
  kinds?: OutboxKind[];
  /** who takes the rows; default "unnamed" */
  holder?: string;
  /** take at most this many rows */
  limit?: number;
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
  /** Stores an app answer to `touser` under the callback's message id; false when that id was stored before. */
  enqueueAppAnswer(touser: string, msgid: string, parts: string[], now: number): boolean;
  hasDigest(chat: string, day: string): boolean;
  /**
   * Takes the oldest due pending row of each chat whose earlier parts are all settled (parts go out in order),
   * counts an attempt and leases it to `holder` until now + leaseMs, so a second worker does not take it meanwhile.
   */
  claimDue(now: number, leaseMs: number, options?: ClaimOptions): OutboxRow[];
  /**
   * Marks a held row 'sending', committed before its request leaves. False when the holder lost it (its lease ran
   * out and another worker took it): the request must not be made then.
   */
  markSending(id: number, holder: string): boolean;
  /** after a request that certainly did not arrive, back to held-but-not-sending while the sender waits to retry */
  markNotSent(id: number, holder: string): void;
  markSent(id: number, now: number): void;
  markRetry(id: number, error: string, nextAttemptAt: number): void;
  markFailed(id: number, error: string): void;
  /** the request may have reached WeCom and the row's kind is not resent: settled, reported, never sent again */
  markUnknown(id: number, error: string): void;
  /**
   * Rows held by a worker that is gone (`isGone(holder)`) or whose lease ran out, of the given kinds. A held row not
   * yet 'sending' never left: it is simply due again. 'sending' rows are returned for the caller to settle.
   */
  releaseAbandoned(now: number, isGone: (holder: string) => boolean, kinds?: OutboxKind[]): OutboxRow[];
  list(filter?: { chat?: string; status?: OutboxStatus }): OutboxRow[];
  /** the earliest next_attempt_at of a pending row, or null when nothing is pending */
  nextDueAt(): number | null;
}

const COLUMNS = `id, idempotency_key AS "idempotencyKey", chat, kind, day, part, parts, content, status, attempts,
  last_error AS "lastError", next_attempt_at AS "nextAttemptAt", created_at AS "createdAt", sent_at AS "sentAt", holder`;

// @kinds: the kinds comma-joined, or null for all (LIKE, as SQLite and PostgreSQL both read it)
const KINDS_FILTER = "(CAST(@kinds AS TEXT) IS NULL OR ',' || @kinds || ',' LIKE '%,' || kind || ',%')";

export function createOutbox(db: Db): Outbox {
  const insert = db.prepare(`INSERT INTO wecom_outbox
    (idempotency_key, chat, kind, day, part, parts, content, status, next_attempt_at, created_at)
    VALUES (@key, @chat, @kind, @day, @part, @parts, @content, 'pending', @now, @now) ON CONFLICT DO NOTHING`);
  const digestExists = db.prepare("SELECT 1 FROM wecom_outbox WHERE chat = ? AND kind = 'digest' AND day = ? LIMIT 1");
  const keyExists = db.prepare("SELECT 1 FROM wecom_outbox WHERE idempotency_key = ? LIMIT 1");
  // A chat's rows go out in id order; app answers to a user are a queue apart from a chat of the same name.
  const dueHeads = db.prepare(`SELECT ${COLUMNS} FROM wecom_outbox o
    WHERE status = 'pending' AND next_attempt_at <= @now AND (CAST(@chat AS TEXT) IS NULL OR chat = @chat) AND ${KINDS_FILTER}
      AND NOT EXISTS (SELECT 1 FROM wecom_outbox p WHERE p.chat = o.chat AND p.status IN ('pending', 'sending')
        AND p.id < o.id AND (p.kind = 'app') = (o.kind = 'app'))
    ORDER BY id LIMIT @limit`);
  const lease = db.prepare(`UPDATE wecom_outbox SET attempts = attempts + 1, next_attempt_at = @until, holder = @holder
    WHERE id = @id AND status = 'pending' AND next_attempt_at <= @now`);
  const sending = db.prepare(
    "UPDATE wecom_outbox SET status = 'sending' WHERE id = ? AND status IN ('pending', 'sending') AND holder = ?",
  );
  const notSent = db.prepare(
    "UPDATE wecom_outbox SET status = 'pending' WHERE id = ? AND status = 'sending' AND holder = ?",
  );
  const settle = (status: OutboxStatus, extra = "") =>
    db.prepare(`UPDATE wecom_outbox SET status = '${status}', holder = NULL${extra}
      WHERE id = @id AND status IN ('pending', 'sending')`);
  const sent = settle("sent", ", sent_at = @now, last_error = NULL");
  const retry = settle("pending", ", last_error = @error, next_attempt_at = @at");
  const failed = settle("failed", ", last_error = @error");
  const unknown = settle("unknown", ", last_error = @error");
  const held = db.prepare(`SELECT ${COLUMNS} FROM wecom_outbox
    WHERE status IN ('pending', 'sending') AND holder IS NOT NULL AND ${KINDS_FILTER}`);
  const release = db.prepare(
    "UPDATE wecom_outbox SET holder = NULL, next_attempt_at = @now WHERE id = @id AND status = 'pending'",
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
  const enqueueKeyed = db.transaction(
    (kind: OutboxKind, chat: string, keyPrefix: string, parts: string[], now: number): boolean => {
      const keys = parts.map((_, i) => `${keyPrefix}:${i + 1}`);
      if (parts.length === 0 || keyExists.get(keys[0])) return false;
      insertParts(chat, kind, null, keys, parts, now);
      return true;
    },
  );
  const claimDue = db.transaction((now: number, leaseMs: number, options: ClaimOptions): OutboxRow[] => {
    const claimed: OutboxRow[] = [];
    const holder = options.holder ?? "unnamed";
    const filter = {
      now,
      chat: options.chat ?? null,
      kinds: options.kinds ? options.kinds.join(",") : null,
      // no limit: a number both engines take (PostgreSQL refuses SQLite's -1)
      limit: options.limit ?? 2_147_483_647,
    };
    for (const raw of dueHeads.all(filter)) {
      const row = OutboxRow.parse(raw);
      if (lease.run({ id: row.id, until: now + leaseMs, now, holder }).changes === 1) {
        claimed.push({ ...row, attempts: row.attempts + 1, nextAttemptAt: now + leaseMs, holder });
      }
    }
    return claimed;
  });
  const releaseAbandoned = db.transaction(
    (now: number, isGone: (holder: string) => boolean, kinds?: OutboxKind[]): OutboxRow[] => {
      const interrupted: OutboxRow[] = [];
      for (const raw of held.all({ kinds: kinds ? kinds.join(",") : null })) {
        const row = OutboxRow.parse(raw);
        if (row.nextAttemptAt > now && !(row.holder && isGone(row.holder))) continue;
        if (row.status === "sending") interrupted.push(row);
        else release.run({ id: row.id, now });
      }
      return interrupted;
    },
  );
  const scrub = (error: string) => redactSecrets(error).slice(0, 500);

  return {
    enqueueDigest: (chat, day, parts, now, alongside) => enqueueDigest.immediate(chat, day, parts, now, alongside),
    enqueueAnnouncement: (chat, key, parts, now) =>
      enqueueKeyed.immediate("announcement", chat, `announcement:${chat}:${key}`, parts, now),
    enqueueAppAnswer: (touser, msgid, parts, now) => enqueueKeyed.immediate("app", touser, `app:${msgid}`, parts, now),
    hasDigest: (chat, day) => digestExists.get(chat, day) !== undefined,
    claimDue: (now, leaseMs, options = {}) => claimDue.immediate(now, leaseMs, options),
    markSending: (id, holder) => sending.run(id, holder).changes === 1,
    markNotSent(id, holder) {
      notSent.run(id, holder);
    },
    markSent(id, now) {
      sent.run({ id, now });
    },
    markRetry(id, error, nextAttemptAt) {
      retry.run({ id, error: scrub(error), at: nextAttemptAt });
    },
    markFailed(id, error) {
      failed.run({ id, error: scrub(error) });
    },
    markUnknown(id, error) {
      unknown.run({ id, error: scrub(error) });
    },
    releaseAbandoned: (now, isGone, kinds) => releaseAbandoned.immediate(now, isGone, kinds),
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
