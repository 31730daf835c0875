// Connects to PostgreSQL (waiting with backoff while it is unreachable, logged) and brings its schema up to date.
import { logger } from "../../log.js";
import { applyMigrations } from "../migrations/migration.js";
import { postgresMigrations } from "./migrations/index.js";
import { connectPostgres, type PgDb } from "./pg-db.js";
import type { PgOptions } from "./sync-connection.js";

export function openPostgres(options: PgOptions & { waitForServerMs?: number }): PgDb {
  const db = connectPostgres(options);
  waitUntilAnswering(db, options.waitForServerMs ?? 60_000);
  // in a transaction, so under its lock: replicas starting together do not race to create it
  db.transaction(() =>
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`),
  )();
  const current = db.prepare<[], { v: number | null }>("SELECT max(version) AS v FROM schema_migrations");
  const record = db.prepare<[number, string]>("INSERT INTO schema_migrations (version, name) VALUES (?, ?)");
  applyMigrations(
    db,
    postgresMigrations,
    () => current.get()?.v ?? 0,
    (m) => record.run(m.version, m.name),
  );
  return db;
}

/** A replica started before its database waits for it (a restart loop would only add load), then gives up. */
function waitUntilAnswering(db: PgDb, withinMs: number): void {
  const deadline = Date.now() + withinMs;
  for (let wait = 250; !db.answers(2_000); wait = Math.min(wait * 2, 5_000)) {
    if (Date.now() + wait > deadline)
      throw new Error(`PLANBOT_DATABASE_URL: PostgreSQL did not answer within ${withinMs} ms`);
    logger.warn({ retryInMs: wait }, "PostgreSQL does not answer yet, waiting");
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
  }
}
