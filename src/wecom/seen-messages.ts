// Each WeCom message id is processed once: across retries, concurrent duplicates and restarts (SQLite table with a TTL).
import Database from "better-sqlite3";
import type { Db } from "../store/database.js";

/** What a delivery of a message id should do. */
export type Claim =
  /** processed before (possibly before a restart): give the stored reply again */
  | { kind: "stored"; reply: string }
  /** being processed in this process; first is true only for the delivery that started it */
  | { kind: "running"; reply: Promise<string>; first: boolean }
  /** claimed moments ago by another process: do not process, answer nothing */
  | { kind: "elsewhere" };

export interface SeenMessagesOptions {
  /** how long a message id is remembered (WeCom retries within seconds; a day is generous) */
  ttlMs?: number;
  /** a pending claim older than this was left by a crashed process and may be taken over */
  reclaimAfterMs?: number;
  now?: () => number;
}

export interface SeenMessages {
  once(channel: string, msgid: string, produce: () => Promise<string>): Claim;
  /** Replaces the stored reply of a processed message (e.g. to note it was delivered actively). */
  record(channel: string, msgid: string, reply: string): void;
  /** Deletes expired ids; returns how many. */
  prune(): number;
}

interface Row {
  state: "pending" | "done";
  reply: string | null;
  claimed_at: number;
  expires_at: number;
}

/**
 * A second connection to the (already migrated) database file, committing with synchronous = NORMAL.
 * Why: FULL costs two fsyncs per message (~5 ms here); in WAL mode NORMAL still survives a process crash and
 * only a power loss can drop the last few ids, after which a WeCom retry would be answered again. The plan's
 * own records keep the FULL connection.
 */
export function openSeenMessagesDb(file: string): Db {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  return db;
}

export function createSeenMessages(db: Db, options: SeenMessagesOptions = {}): SeenMessages {
  const ttlMs = options.ttlMs ?? 24 * 3600_000;
  const reclaimAfterMs = options.reclaimAfterMs ?? 60_000;
  const now = options.now ?? Date.now;
  const inflight = new Map<string, Promise<string>>();

  const select = db.prepare<[string, string], Row>(
    "SELECT state, reply, claimed_at, expires_at FROM wecom_seen_messages WHERE channel = ? AND msgid = ?",
  );
  // Claims a new id, an expired one, or one whose pending claim is abandoned; changes = 0 means someone holds it.
  const claim = db.prepare<{ channel: string; msgid: string; now: number; expires: number; abandoned: number }>(
    `INSERT INTO wecom_seen_messages (channel, msgid, state, reply, claimed_at, expires_at)
     VALUES (@channel, @msgid, 'pending', NULL, @now, @expires)
     ON CONFLICT (channel, msgid) DO UPDATE SET state = 'pending', reply = NULL, claimed_at = @now, expires_at = @expires
     WHERE expires_at <= @now OR (state = 'pending' AND claimed_at <= @abandoned)`,
  );
  const finish = db.prepare<[string, string, string]>(
    "UPDATE wecom_seen_messages SET state = 'done', reply = ? WHERE channel = ? AND msgid = ?",
  );
  const release = db.prepare<[string, string]>(
    "DELETE FROM wecom_seen_messages WHERE channel = ? AND msgid = ? AND state = 'pending'",
  );
  const expire = db.prepare<[number]>("DELETE FROM wecom_seen_messages WHERE expires_at <= ?");

  return {
    once(channel, msgid, produce) {
      const key = `${channel}\u0000${msgid}`;
      const running = inflight.get(key);
      if (running) return { kind: "running", reply: running, first: false };
      const t = now();
      // Claim first: a new id (the usual case) costs one statement; only a refused claim needs a look at the row.
      const claimed = claim.run({ channel, msgid, now: t, expires: t + ttlMs, abandoned: t - reclaimAfterMs });
      if (claimed.changes === 0) {
        const row = select.get(channel, msgid);
        if (row && row.expires_at > t && row.state === "done") return { kind: "stored", reply: row.reply ?? "" };
        return { kind: "elsewhere" };
      }
      const reply = Promise.resolve()
        .then(produce)
        .then(
          (text) => {
            finish.run(text, channel, msgid);
            inflight.delete(key);
            return text;
          },
          (err: unknown) => {
            // Nothing was delivered: let WeCom's next retry try again.
            release.run(channel, msgid);
            inflight.delete(key);
            throw err;
          },
        );
      inflight.set(key, reply);
      return { kind: "running", reply, first: true };
    },
    record(channel, msgid, reply) {
      finish.run(reply, channel, msgid);
    },
    prune() {
      return expire.run(now()).changes;
    },
  };
}
