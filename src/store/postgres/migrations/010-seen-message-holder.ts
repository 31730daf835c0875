// PostgreSQL's version 10 (see store/migrations/010-seen-message-holder.ts): the process holding a pending claim.
import type { Migration } from "../../migrations/migration.js";

export const seenMessageHolder: Migration = {
  version: 10,
  name: "seen-message-holder",
  up(db) {
    db.exec("ALTER TABLE wecom_seen_messages ADD COLUMN holder TEXT");
  },
};
