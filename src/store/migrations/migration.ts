// One schema step. Versions are never reused or edited once released: add a new one instead. PostgreSQL has its own
// list (store/postgres/migrations) with the same version numbers, each the same step in its dialect.
import type { Db } from "../sql.js";

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

/** Applies each migration newer than `current` in order, each in its own transaction with its version recorded. */
export function applyMigrations(
  db: Db,
  migrations: readonly Migration[],
  current: () => number,
  record: (m: Migration) => void,
): void {
  for (const m of migrations) {
    db.transaction(() => {
      // read again inside the transaction: another replica may have applied it meanwhile
      if (m.version <= current()) return;
      m.up(db);
      record(m);
    })();
  }
}
