// The identity of each imported table row that had no record id: importing the same row again is a no-op.
import type { Migration } from "./migration.js";

export const progressRowKeys: Migration = {
  version: 6,
  name: "progress-row-keys",
  up(db) {
    db.exec(`
      CREATE TABLE progress_row_keys (
        row_key     TEXT    NOT NULL,
        progress_id INTEGER NOT NULL REFERENCES progress(id),
        PRIMARY KEY (row_key, progress_id)
      );
    `);
  },
};
