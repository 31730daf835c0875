// An idempotency key's running claim names the process that holds it, so a claim left by a process that is gone
// (SIGKILL mid-request) is taken over at once rather than after a minute of 409s.
import type { Migration } from "./migration.js";

export const idempotencyKeyHolder: Migration = {
  version: 8,
  name: "idempotency-key-holder",
  up(db) {
    db.exec("ALTER TABLE idempotency_keys ADD COLUMN holder TEXT");
  },
};
