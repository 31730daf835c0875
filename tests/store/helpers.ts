// Temp-dir SQLite files for store tests; each test gets its own file and cleans it up.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type SqliteDb } from "../../src/store/database.js";

export interface TempDb {
  dir: string;
  file: string;
  db: SqliteDb;
  cleanup(): void;
}

export function tempDb(): TempDb {
  const dir = mkdtempSync(join(tmpdir(), "planbot-store-"));
  const file = join(dir, "planbot.sqlite");
  const db = openDatabase(file);
  return {
    dir,
    file,
    db,
    cleanup: () => {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A clock that advances one second on every call, from a fixed start. */
export function tickingClock(startIso: string): () => Date {
  let t = Date.parse(startIso);
  return () => {
    const d = new Date(t);
    t += 1000;
    return d;
  };
}
