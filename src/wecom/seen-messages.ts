// Each WeCom message id is processed once: across retries, concurrent duplicates and restarts (SQLite table with a TTL).
import Database from "better-sqlite3";
import { logger } from "../log.js";
import { type BackgroundWriter, NO_AUTO_CHECKPOINT, startBackgroundWriter } from "../store/background-writer.js";
import type { Db } from "../store/database.js";
import { isPostgres } from "../store/postgres/pg-db.js";
import { holderIsGone, thisProcessHolder } from "../store/process-holder.js";
import { createKnownIds, type KnownIds } from "./known-ids.js";
import { trimOldest } from "./trim-oldest.js";

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
  /** replies kept in memory besides the table, a sixteenth more before a trim (older ones are read back from it) */
  memoryEntries?: number;
  /**
   * message ids indexed in memory, so that a new one needs no table read (see known-ids.ts); 0 when other processes
   * answer the same ids (replicas on PostgreSQL): then every id not held here is looked up in the table
   */
  knownIdsCapacity?: number;
  /**
   * Subscribes to the ids other processes store (replicas on PostgreSQL, through NOTIFY), so that the in-memory index
   * stays complete for them too and a new id still needs no lookup
   */
  othersStored?: (learn: (channel: string, msgid: string, expiresAt: number) => void) => void;
  /** how long finished replies of plain questions wait in memory to be written together */
  flushAfterMs?: number;
  /** writes those batches on another thread (which also checkpoints); without it they are written here */
  writer?: BackgroundWriter;
  /**
   * The connection state changes are written on (the progress store's): durable claims and their "done" marks go
   * through it, so that a command's records and its mark commit in one transaction. Default: `db`.
   */
  durableDb?: Db;
  now?: () => number;
  /** this process, as process-holder.ts names it: the holder of the claims it writes (tests name other processes) */
  holder?: string;
  /** whether a claim's holder is certainly gone; default: a process on this host that no longer runs */
  isGone?: (holder: string) => boolean;
}

export interface ClaimOptions {
  /**
   * The message changes stored state (records progress): claim it in the table before producing, so that not
   * even a crash and a retry can process it twice. Plain questions skip that commit: answering one again is harmless.
   */
  durable?: boolean;
}

/**
 * Given to the producer of a durable message: stores the reply as the id's "done" mark. The producer calls it inside
 * the transaction that writes the state change (on the durable connection), so both commit or neither does.
 */
export type CommitReply = (reply: string) => void;

export interface SeenMessages {
  /** `produce` gets a CommitReply for durable messages; a producer that never calls it is marked done afterwards. */
  once(
    channel: string,
    msgid: string,
    produce: (commit?: CommitReply) => Promise<string>,
    options?: ClaimOptions,
  ): Claim;
  /**
   * The stored reply of an id, from memory or the table, without claiming it; undefined when none is stored
   * (another process may still be producing it). For what other processes record, such as a bot stream's state.
   */
  peek(channel: string, msgid: string): string | undefined;
  /** Replaces the stored reply of a processed message (e.g. to note it was delivered actively). */
  record(channel: string, msgid: string, reply: string): void;
  /** Writes the replies still queued; close() of the owner calls this. */
  flush(): void;
  /** Deletes expired ids; returns how many rows. */
  prune(): number;
}

interface Row {
  state: "pending" | "done";
  reply: string | null;
  claimed_at: number;
  expires_at: number;
  /** the process that wrote a pending claim; null in rows from before migration 10 */
  holder: string | null;
}

/** A durable claim as written: by this process (`holder`) at `now`, kept until `expires`. */
interface ClaimParams {
  channel: string;
  msgid: string;
  now: number;
  expires: number;
  holder: string;
}

interface Done {
  channel: string;
  msgid: string;
  reply: string;
  claimedAt: number;
  expiresAt: number;
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
  // Each callback commits here: checkpoints run on the background writer's thread instead (store/background-writer.ts).
  db.pragma(NO_AUTO_CHECKPOINT);
  return db;
}

const UPSERT_DONE = `INSERT INTO wecom_seen_messages (channel, msgid, state, reply, claimed_at, expires_at)
  VALUES (?, ?, 'done', ?, ?, ?)
  ON CONFLICT (channel, msgid) DO UPDATE SET state = 'done', reply = excluded.reply`;

const asParams = (d: Done): [string, string, string, number, number] => [
  d.channel,
  d.msgid,
  d.reply,
  d.claimedAt,
  d.expiresAt,
];

/** A thread that writes seen replies for this file and checkpoints its WAL (see store/background-writer.ts). */
export function startSeenMessagesWriter(file: string): BackgroundWriter {
  return startBackgroundWriter(file, UPSERT_DONE);
}

export interface OpenedSeenMessages {
  seen: SeenMessages;
  /** stops pruning, writes what is queued, closes the connection and the writer thread */
  close(): Promise<void>;
}

/**
 * The seen ids of one thread that answers callbacks: its own connection and background writer for a database file
 * (`db` itself for ":memory:"), pruned every 10 minutes; durable claims on `db`, the store's connection.
 */
export function openSeenMessages(file: string, db: Db): OpenedSeenMessages {
  // On PostgreSQL the pool is the one connection; replicas share the ids and tell each other the ones they store.
  const shared = isPostgres(db) ? db : undefined;
  const own =
    file === ":memory:" || shared ? undefined : { db: openSeenMessagesDb(file), writer: startSeenMessagesWriter(file) };
  // `db` is the progress store's connection: state changes and their marks commit there together.
  const seen = createSeenMessages(
    own?.db ?? db,
    own
      ? { writer: own.writer, durableDb: db }
      : shared
        ? {
            writer: shared.backgroundWriter(UPSERT_DONE),
            othersStored: (learn) =>
              shared.onSeenIds((ids) => {
                for (const id of ids) learn(id.channel, id.msgid, id.expiresAt);
              }),
          }
        : {},
  );
  seen.prune();
  const pruneTimer = setInterval(() => seen.prune(), 10 * 60_000).unref();
  return {
    seen,
    async close() {
      clearInterval(pruneTimer);
      seen.flush();
      own?.db.close();
      await own?.writer.close();
    },
  };
}

const keyOf = (channel: string, msgid: string) => `${channel}\u0000${msgid}`;

/** The ids the table holds now, newest `capacity` of them; with more, the index starts incomplete. */
function loadKnownIds(db: Db, now: number, capacity: number): KnownIds {
  const rows = db
    .prepare<[number, number], { channel: string; msgid: string; expires_at: number }>(
      "SELECT channel, msgid, expires_at FROM wecom_seen_messages WHERE expires_at > ? ORDER BY expires_at DESC LIMIT ?",
    )
    .all(now, capacity + 1);
  const dropped = rows.length > capacity ? rows.pop() : undefined;
  const oldestFirst = rows.reverse().map((r): [string, number] => [keyOf(r.channel, r.msgid), r.expires_at]);
  return createKnownIds(oldestFirst, capacity, dropped?.expires_at ?? 0);
}

/** The index of a table other processes write too: it proves nothing, so every id is looked up. */
const everyIdMayBeHeld: KnownIds = { mayHold: () => true, add() {}, prune() {}, size: 0 };

/** Queued replies written at once beyond this many, whatever the timer says. */
const MAX_BATCH = 500;

/**
 * Replies of plain questions are kept in memory and written to the table together every flushAfterMs (group
 * commit): a commit per message cost more than answering the message. A crash can lose the ids of that last
 * moment; WeCom retries only what got no reply, and a retried question is simply answered again.
 */
export function createSeenMessages(db: Db, options: SeenMessagesOptions = {}): SeenMessages {
  const ttlMs = options.ttlMs ?? 24 * 3600_000;
  const reclaimAfterMs = options.reclaimAfterMs ?? 60_000;
  const memoryEntries = options.memoryEntries ?? 5_000;
  const knownIdsCapacity = options.knownIdsCapacity ?? 100_000;
  const flushAfterMs = options.flushAfterMs ?? 10;
  const now = options.now ?? Date.now;
  const holder = options.holder ?? thisProcessHolder;
  const isGone = options.isGone ?? ((h: string) => holderIsGone(h, holder));
  const inflight = new Map<string, Promise<string>>();
  /** finished replies by key; every entry has the same TTL, so insertion order is expiry order */
  const recent = new Map<string, Done>();
  let queued: Done[] = [];
  let flushTimer: NodeJS.Timeout | undefined;

  const select = db.prepare<[string, string], Row>(
    "SELECT state, reply, claimed_at, expires_at, holder FROM wecom_seen_messages WHERE channel = ? AND msgid = ?",
  );
  const durableDb = options.durableDb ?? db;
  // Claims a new id, an expired one, or one whose pending claim is abandoned; changes = 0 means someone holds it.
  const claim = durableDb.prepare<ClaimParams & { abandoned: number }>(
    `INSERT INTO wecom_seen_messages (channel, msgid, state, reply, claimed_at, expires_at, holder)
     VALUES (@channel, @msgid, 'pending', NULL, @now, @expires, @holder)
     ON CONFLICT (channel, msgid) DO UPDATE
       SET state = 'pending', reply = NULL, claimed_at = @now, expires_at = @expires, holder = @holder
     WHERE wecom_seen_messages.expires_at <= @now
        OR (wecom_seen_messages.state = 'pending' AND wecom_seen_messages.claimed_at <= @abandoned)`,
  );
  // Takes over a pending claim from its gone holder; guarded by that holder, so of two takers only one changes the row.
  const takeOver = durableDb.prepare<ClaimParams & { gone: string }>(
    `UPDATE wecom_seen_messages SET claimed_at = @now, expires_at = @expires, holder = @holder
     WHERE channel = @channel AND msgid = @msgid AND state = 'pending' AND holder = @gone`,
  );
  const upsertDone = db.prepare<[string, string, string, number, number]>(UPSERT_DONE);
  const durableDone = durableDb.prepare<[string, string, string, number, number]>(UPSERT_DONE);
  // Only this process's own claim: one taken over meanwhile (this process was slow past reclaimAfterMs) is the
  // new holder's to finish.
  const release = durableDb.prepare<[string, string, string]>(
    "DELETE FROM wecom_seen_messages WHERE channel = ? AND msgid = ? AND state = 'pending' AND holder = ?",
  );
  const expire = db.prepare<[number]>("DELETE FROM wecom_seen_messages WHERE expires_at <= ?");
  const writeAll = db.transaction((rows: Done[]) => {
    for (const row of rows) upsertDone.run(...asParams(row));
  });
  const known = knownIdsCapacity > 0 ? loadKnownIds(db, now(), knownIdsCapacity) : everyIdMayBeHeld;
  options.othersStored?.((channel, msgid, expiresAt) => known.add(keyOf(channel, msgid), expiresAt));

  function flush(): void {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    if (queued.length === 0) return;
    // The last of each id only (a stream's "" then its answer): one statement may not write a row twice.
    const rows = [...new Map(queued.map((d) => [keyOf(d.channel, d.msgid), d])).values()];
    queued = [];
    try {
      if (options.writer) options.writer.write(rows.map(asParams));
      else writeAll(rows);
    } catch (err) {
      // The replies stay in memory; only a restart would forget them.
      logger.error({ err, rows: rows.length }, "storing seen message ids failed");
    }
  }

  function remember(done: Done, queue = true): void {
    const key = keyOf(done.channel, done.msgid);
    known.add(key, done.expiresAt);
    recent.delete(key);
    recent.set(key, done);
    trimOldest(recent, memoryEntries); // expired replies are skipped when read and dropped by prune()
    if (!queue) return;
    queued.push(done);
    if (queued.length >= MAX_BATCH) flush();
    else flushTimer ??= setTimeout(flush, flushAfterMs).unref();
  }

  /** The table's answer for an id not held in memory: stored, elsewhere, or free to take (undefined). */
  function answerOf(row: Row | undefined, t: number): Claim | undefined {
    if (!row || row.expires_at <= t) return undefined;
    if (row.state === "done") return { kind: "stored", reply: row.reply ?? "" };
    return row.claimed_at > t - reclaimAfterMs ? { kind: "elsewhere" } : undefined;
  }
  const fromTable = (channel: string, msgid: string, t: number) => answerOf(select.get(channel, msgid), t);

  /**
   * After the durable claim was refused: the table's answer, or undefined when the claim's holder is certainly gone
   * (killed while producing, so nothing of it committed) and this process has taken the claim over.
   */
  function takeOverFromGone(params: ClaimParams): Claim | undefined {
    const row = select.get(params.channel, params.msgid);
    const pendingHolder = row?.state === "pending" ? row.holder : null;
    if (pendingHolder !== null && isGone(pendingHolder)) {
      if (takeOver.run({ ...params, gone: pendingHolder }).changes === 1) {
        logger.info(
          { channel: params.channel, msgid: params.msgid, gone: pendingHolder },
          "took over a claim of a gone process",
        );
        return undefined;
      }
      return { kind: "elsewhere" }; // another delivery took it over first
    }
    return answerOf(row, params.now) ?? { kind: "elsewhere" };
  }

  function produceOnce(
    key: string,
    produce: () => Promise<string>,
    onDone: (text: string) => void,
    onFail: () => void,
  ) {
    const reply = Promise.resolve()
      .then(produce)
      .then(
        (text) => {
          onDone(text);
          inflight.delete(key);
          return text;
        },
        (err: unknown) => {
          // Nothing was delivered: let WeCom's next retry try again.
          onFail();
          inflight.delete(key);
          throw err;
        },
      );
    inflight.set(key, reply);
    return { kind: "running" as const, reply, first: true };
  }

  return {
    once(channel, msgid, produce, claimOptions = {}) {
      const key = keyOf(channel, msgid);
      const running = inflight.get(key);
      if (running) return { kind: "running", reply: running, first: false };
      const t = now();
      const held = recent.get(key);
      if (held && held.expiresAt > t) return { kind: "stored", reply: held.reply };
      const claimedAt = t;
      const expiresAt = t + ttlMs;
      const finish = (reply: string) => remember({ channel, msgid, reply, claimedAt, expiresAt });

      if (!claimOptions.durable) {
        const stored = known.mayHold(key, t) ? fromTable(channel, msgid, t) : undefined;
        if (stored) return stored;
        return produceOnce(key, produce, finish, () => {});
      }
      // Claim first: a new id (the usual case) costs one statement; only a refused claim needs a look at the row.
      const params = { channel, msgid, now: t, expires: expiresAt, holder };
      if (claim.run({ ...params, abandoned: t - reclaimAfterMs }).changes === 0) {
        const refused = takeOverFromGone(params);
        if (refused) return refused;
      }
      known.add(key, expiresAt);
      const commit: CommitReply = (reply) => {
        durableDone.run(channel, msgid, reply, claimedAt, expiresAt);
      };
      return produceOnce(
        key,
        () => produce(commit),
        (reply) => {
          // Again, for a producer that changed nothing and so marked nothing (an invalid command); same row otherwise.
          durableDone.run(channel, msgid, reply, claimedAt, expiresAt);
          remember({ channel, msgid, reply, claimedAt, expiresAt }, false);
        },
        // Nothing was committed with the mark: let WeCom's retry run it again.
        () => release.run(channel, msgid, holder),
      );
    },
    peek(channel, msgid) {
      const t = now();
      const held = recent.get(keyOf(channel, msgid));
      if (held && held.expiresAt > t) return held.reply;
      // always the table: what another process recorded may not be in this one's index yet (and peeks are rare)
      const stored = fromTable(channel, msgid, t);
      return stored?.kind === "stored" ? stored.reply : undefined;
    },
    record(channel, msgid, reply) {
      const key = keyOf(channel, msgid);
      const t = now();
      const held = recent.get(key);
      remember({ channel, msgid, reply, claimedAt: held?.claimedAt ?? t, expiresAt: held?.expiresAt ?? t + ttlMs });
    },
    flush,
    prune() {
      flush();
      const t = now();
      for (const [k, d] of recent) {
        if (d.expiresAt > t) break;
        recent.delete(k);
      }
      known.prune(t);
      return expire.run(t).changes;
    },
  };
}
