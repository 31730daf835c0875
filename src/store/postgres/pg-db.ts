// The Db interface (store/sql.ts) over PostgreSQL: prepared better-sqlite3-style statements, transactions that nest
// as savepoints, and the counters the answer caches read to see other replicas' commits.
import type { BackgroundWriter } from "../background-writer.js";
import type { Db, RunResult, Statement, Transaction } from "../sql.js";
import { multiRowInsert } from "./multi-row-insert.js";
import { translatePlaceholders } from "./placeholders.js";
import { openSyncConnection, type PgOptions, type SyncConnection } from "./sync-connection.js";

/**
 * Every transaction takes this lock first, so writes on PostgreSQL take turns across replicas as they take turns on
 * SQLite's one file: a read-then-write in a transaction (a correction checking that nothing corrected its record yet,
 * an idempotency key or an outbox row claimed) sees no other replica's write in between.
 */
const WRITE_LOCK = 0x706c616e; // "plan"
/** Rows per statement of a background batch (at most 5 parameters a row here: far under PostgreSQL's 65,535). */
const MULTI_ROW_CHUNK = 50;

export class PgDb implements Db {
  readonly dialect = "postgres";
  private depth = 0;
  private ownWrites = 0;

  constructor(private readonly conn: SyncConnection) {}

  // biome-ignore lint/complexity/noBannedTypes: better-sqlite3's own bound, so that its Database is a Db as it stands
  prepare<P extends unknown[] | {} = unknown[], R = unknown>(
    sql: string,
  ): P extends unknown[] ? Statement<P, R> : Statement<[P], R> {
    const translated = translatePlaceholders(sql);
    const query = (params: unknown[]) => this.conn.query(translated.text, translated.values(params));
    const statement: Statement<unknown[], R> = {
      run: (...params): RunResult => {
        const result = query(params);
        if (result.rowCount > 0) this.ownWrites++;
        const id = result.rows[0]?.id;
        return { changes: result.rowCount, lastInsertRowid: typeof id === "number" ? id : 0 };
      },
      get: (...params) => query(params).rows[0] as R | undefined,
      all: (...params) => query(params).rows as R[],
    };
    return statement as P extends unknown[] ? Statement<P, R> : Statement<[P], R>;
  }

  transaction<F extends (...args: never[]) => unknown>(fn: F): Transaction<F> {
    const run = (...args: Parameters<F>) => this.inTransaction(() => fn(...args)) as ReturnType<F>;
    return Object.assign(run, { immediate: run }) as unknown as Transaction<F>;
  }

  private inTransaction<T>(fn: () => T): T {
    if (this.depth > 0) return this.savepoint(fn);
    this.conn.begin();
    let broken = false;
    try {
      this.conn.query("BEGIN");
      this.conn.query(`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
      this.depth++;
      const result = fn();
      if (result instanceof Promise) throw new Error("a transaction's function must not be async");
      this.conn.query("COMMIT");
      this.ownWrites++;
      return result;
    } catch (err) {
      try {
        this.conn.query("ROLLBACK");
      } catch {
        broken = true; // the connection is gone: the server rolled back, and the pool must not reuse it
      }
      throw err;
    } finally {
      this.depth = 0;
      this.conn.end(broken);
    }
  }

  private savepoint<T>(fn: () => T): T {
    const name = `planbot_${this.depth}`;
    this.conn.query(`SAVEPOINT ${name}`);
    this.depth++;
    try {
      const result = fn();
      this.conn.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (err) {
      this.conn.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw err;
    } finally {
      this.depth--;
    }
  }

  exec(sql: string): this {
    this.conn.query(sql);
    return this;
  }

  /**
   * A writer of many rows for `sql` (positional parameters) that does not hold the caller up: the batch goes to the
   * connection's worker thread, which writes it in one transaction (store/background-writer.ts is SQLite's).
   */
  backgroundWriter(sql: string): BackgroundWriter {
    const translated = translatePlaceholders(sql);
    const forRows = multiRowInsert(translated.text);
    return {
      write: (rows) => {
        const values = rows.map((r) => translated.values(r));
        if (!forRows) return this.conn.writeLater(translated.text, values);
        // Chunks of one size share one prepared statement; only the last chunk of a batch may be shorter.
        for (let at = 0; at < values.length; at += MULTI_ROW_CHUNK) {
          const chunk = values.slice(at, at + MULTI_ROW_CHUNK);
          this.conn.writeLater(forRows(chunk.length), [chunk.flat()]);
        }
      },
      close: async () => {},
    };
  }

  /** Message ids any replica stored in wecom_seen_messages, as they are committed (see migrations/002-wecom.ts). */
  onSeenIds(fn: (ids: { channel: string; msgid: string; expiresAt: number }[]) => void): void {
    this.conn.onSeenIds((raw) =>
      fn(
        raw.map((line) => {
          const [channel = "", msgid = "", expiresAt = "0"] = line.split("\t");
          return { channel, msgid, expiresAt: Number(expiresAt) };
        }),
      ),
    );
  }

  /** Commits by any replica, as notifications counted by the listener (they arrive within milliseconds). */
  othersChanges(): number {
    return this.conn.notifications();
  }

  /** This process's own writes, counted at once. */
  ownChanges(): number {
    return this.ownWrites;
  }

  /** true when the server answers a trivial query within `timeoutMs` */
  answers(timeoutMs = 1_000): boolean {
    try {
      this.conn.query("SELECT 1", [], { timeoutMs });
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    void this.conn.close();
  }

  closeAsync(): Promise<void> {
    return this.conn.close();
  }
}

export function isPostgres(db: Db): db is PgDb {
  return db instanceof PgDb;
}

export function connectPostgres(options: PgOptions): PgDb {
  return new PgDb(openSyncConnection(options));
}
