// Opens the SQLite file with the settings every caller relies on (WAL, foreign keys) and brings its schema up to date.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { migrations } from "./migrations/index.js";
import { applyMigrations } from "./migrations/migration.js";

export type { Db } from "./sql.js";
/** The SQLite connection itself, for what only SQLite has (pragmas, its own tests). */
export type SqliteDb = Database.Database;

export function openDatabase(file: string): SqliteDb {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  // FULL: an acknowledged write survives a crash of the process or the machine.
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
}

/** Applies, in order and each in its own transaction, every migration newer than the file's user_version. */
export function migrate(db: SqliteDb): void {
  applyMigrations(
    db,
    migrations,
    () => db.pragma("user_version", { simple: true }) as number,
    (m) => db.pragma(`user_version = ${m.version}`),
  );
}
