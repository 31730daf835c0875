// PostgreSQL's version 6 (see store/migrations/006-progress-row-keys.ts): the identity of each imported table row.
import type { Migration } from "../../migrations/migration.js";

export const progressRowKeys: Migration = {
  version: 6,
  name: "progress-row-keys",
  up(db) {
    db.exec(`
      CREATE TABLE progress_row_keys (
        row_key     TEXT   NOT NULL,
        progress_id BIGINT NOT NULL REFERENCES progress(id),
        PRIMARY KEY (row_key, progress_id)
      );
    `);
  },
};
