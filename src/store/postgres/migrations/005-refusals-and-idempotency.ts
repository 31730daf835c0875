// PostgreSQL's version 5 (see store/migrations/005-refusals-and-idempotency.ts): refusals in the audit trail and the
// idempotency keys of POST /api/progress. PostgreSQL changes the constraints in place.
import type { Migration } from "../../migrations/migration.js";

export const refusalsAndIdempotency: Migration = {
  version: 5,
  name: "refusals-and-idempotency",
  up(db) {
    db.exec(`
      ALTER TABLE progress_audit ALTER COLUMN progress_id DROP NOT NULL;
      ALTER TABLE progress_audit DROP CONSTRAINT progress_audit_action_check;
      ALTER TABLE progress_audit ADD CONSTRAINT progress_audit_action_check
        CHECK (action IN ('add', 'correct', 'retract', 'refuse'));
      ALTER TABLE progress_audit ADD COLUMN detail TEXT, ADD COLUMN reason TEXT;
      ALTER TABLE progress_audit ADD CHECK ((action = 'refuse') = (progress_id IS NULL));
      ALTER TABLE progress_audit ADD CHECK (action <> 'refuse' OR reason IS NOT NULL);
      CREATE INDEX progress_audit_refusals ON progress_audit(at) WHERE action = 'refuse';

      CREATE TABLE idempotency_keys (
        scope          TEXT    NOT NULL,
        key            TEXT    NOT NULL,
        request_sha256 TEXT    NOT NULL,
        state          TEXT    NOT NULL CHECK (state IN ('running', 'done')),
        status         INTEGER,
        response       TEXT,
        claimed_at     BIGINT  NOT NULL,
        expires_at     BIGINT  NOT NULL,
        PRIMARY KEY (scope, key),
        CHECK (state = 'running' OR (status IS NOT NULL AND response IS NOT NULL))
      );
      CREATE INDEX idempotency_keys_expiry ON idempotency_keys(expires_at);
    `);
  },
};
