// PostgreSQL's version 7 (see store/migrations/007-outbox-sending.ts): who holds an outbox row, the 'sending' and
// 'unknown' states and kind 'app'. PostgreSQL changes the constraints in place.
import type { Migration } from "../../migrations/migration.js";

export const outboxSending: Migration = {
  version: 7,
  name: "outbox-sending",
  up(db) {
    db.exec(`
      ALTER TABLE wecom_outbox DROP CONSTRAINT wecom_outbox_kind_check;
      ALTER TABLE wecom_outbox ADD CONSTRAINT wecom_outbox_kind_check CHECK (kind IN ('digest', 'announcement', 'app'));
      ALTER TABLE wecom_outbox DROP CONSTRAINT wecom_outbox_status_check;
      ALTER TABLE wecom_outbox ADD CONSTRAINT wecom_outbox_status_check
        CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'unknown'));
      ALTER TABLE wecom_outbox ADD COLUMN holder TEXT;
    `);
  },
};
