// PostgreSQL's version 4 (see store/migrations/004-progress-bound-by.ts): how each record's figure came to its target.
import type { Migration } from "../../migrations/migration.js";

export const progressBoundBy: Migration = {
  version: 4,
  name: "progress-bound-by",
  up(db) {
    db.exec(
      "ALTER TABLE progress ADD COLUMN bound_by TEXT CHECK (bound_by IS NULL OR bound_by IN ('explicit', 'named', 'sole'))",
    );
  },
};
