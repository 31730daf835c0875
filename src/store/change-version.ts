// A cheap reading of "has anything been written since?", for caches of stored rows: on SQLite the file's
// data_version (others' commits) and this connection's total_changes(); on PostgreSQL the notifications every
// replica's commits send and this process's own writes (store/postgres/pg-db.ts).
import type BetterSqlite3 from "better-sqlite3";
import { isPostgres } from "./postgres/pg-db.js";
import type { Db } from "./sql.js";

export interface ChangeVersion {
  /** moves when another connection or process has committed (on SQLite it costs a read transaction) */
  others(): number;
  /** moves at once when this connection writes */
  own(): number;
  /** whether others() costs a query, so that callers ask it sparingly */
  othersCostAQuery: boolean;
}

export function changeVersionOf(db: Db): ChangeVersion {
  if (isPostgres(db)) {
    return { others: () => db.othersChanges(), own: () => db.ownChanges(), othersCostAQuery: false };
  }
  const sqlite = db as BetterSqlite3.Database;
  const dataVersion = sqlite.prepare<[], number>("PRAGMA data_version").pluck();
  const ownChanges = sqlite.prepare<[], number>("SELECT total_changes()").pluck();
  return { others: () => dataVersion.get() ?? 0, own: () => ownChanges.get() ?? 0, othersCostAQuery: true };
}
