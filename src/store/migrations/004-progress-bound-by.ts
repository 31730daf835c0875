// How each record's figure came to its target (explicit, named, sole), so records bound by an inferring rule can be
// found and reviewed. Older rows keep NULL: how they were bound was not recorded.
import type { Migration } from "./migration.js";

export const progressBoundBy: Migration = {
  version: 4,
  name: "progress-bound-by",
  up(db) {
    // ADD COLUMN rewrites no row: the append-only triggers (BEFORE UPDATE) are not involved.
    db.exec(
      "ALTER TABLE progress ADD COLUMN bound_by TEXT CHECK (bound_by IS NULL OR bound_by IN ('explicit', 'named', 'sole'))",
    );
  },
};
