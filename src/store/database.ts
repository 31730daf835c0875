// Opens the SQLite file with the settings every caller relies on (WAL, foreign keys) and brings its schema up to date.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { databasePathProblem } from "./database-path.js";
import { migrations } from "./migrations/index.js";
import { applyMigrations } from "./migrations/migration.js";

export type { Db } from "./sql.js";
/** The SQLite connection itself, for what only SQLite has (pragmas, its own tests). */
export type SqliteDb = Database.Database;

/** The database file could not be opened; the message says why in words, with the path. */
export class DatabaseOpenError extends Error {
  override readonly name = "DatabaseOpenError";
}

/** Creates the file's folder and opens it; every failure as a DatabaseOpenError that names the path. */
function openFile(file: string): SqliteDb {
  const problem = databasePathProblem(file);
  if (problem) throw new DatabaseOpenError(problem);
  try {
    if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
    return new Database(file);
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why =
      code === "SQLITE_CANTOPEN" || code === "EACCES" || code === "EPERM"
        ? "无法打开或创建数据库文件(目录没有写权限,或路径不可用)"
        : (err as Error).message;
    throw new DatabaseOpenError(`${file}: ${why}`);
  }
}

export function openDatabase(file: string): SqliteDb {
  const db = openFile(file);
  try {
    db.pragma("journal_mode = WAL");
    // FULL: an acknowledged write survives a crash of the process or the machine.
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    // A file that is not a database, or one SQLite may read but not write: said with the path.
    const code = (err as { code?: string }).code ?? "";
    if (code.startsWith("SQLITE_")) throw new DatabaseOpenError(`${file}: ${(err as Error).message} (${code})`);
    throw err;
  }
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
