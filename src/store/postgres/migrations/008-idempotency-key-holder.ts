// PostgreSQL's version 8 (see store/migrations/008-idempotency-key-holder.ts): the process holding a running claim.
import type { Migration } from "../../migrations/migration.js";

export const idempotencyKeyHolder: Migration = {
  version: 8,
  name: "idempotency-key-holder",
  up(db) {
    db.exec("ALTER TABLE idempotency_keys ADD COLUMN holder TEXT");
  },
};
