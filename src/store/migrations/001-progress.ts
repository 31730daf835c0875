// Progress records and their audit trail.
import type { Migration } from "./migration.js";

export const progressTables: Migration = {
  version: 1,
  name: "progress",
  up(db) {
    // TODO(progress issue): progress + audit tables
    db.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  },
};
