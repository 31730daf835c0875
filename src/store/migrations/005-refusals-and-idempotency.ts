// The audit trail widened to refusals (who asked what, why it was refused; no record), and the idempotency keys of
// POST /api/progress (the first response kept under its key, with a hash of the request).
import type { Migration } from "./migration.js";

export const refusalsAndIdempotency: Migration = {
  version: 5,
  name: "refusals-and-idempotency",
  up(db) {
    // SQLite cannot change a CHECK constraint in place: the table is built again, with its rows and triggers.
    db.exec(`
      DROP TRIGGER progress_audit_no_update;
      DROP TRIGGER progress_audit_no_delete;
      CREATE TABLE progress_audit_new (
        id          INTEGER PRIMARY KEY,
        progress_id INTEGER REFERENCES progress(id),
        action      TEXT    NOT NULL CHECK (action IN ('add', 'correct', 'retract', 'refuse')),
        actor       TEXT    NOT NULL,
        via         TEXT    NOT NULL,
        at          TEXT    NOT NULL,
        -- refusals: what was asked (the command or request, clipped) and why it was refused
        detail      TEXT,
        reason      TEXT,
        CHECK ((action = 'refuse') = (progress_id IS NULL)),
        CHECK (action <> 'refuse' OR reason IS NOT NULL)
      );
      INSERT INTO progress_audit_new (id, progress_id, action, actor, via, at)
        SELECT id, progress_id, action, actor, via, at FROM progress_audit;
      DROP TABLE progress_audit;
      ALTER TABLE progress_audit_new RENAME TO progress_audit;
      CREATE INDEX progress_audit_progress ON progress_audit(progress_id);
      CREATE INDEX progress_audit_refusals ON progress_audit(at) WHERE action = 'refuse';
      CREATE TRIGGER progress_audit_no_update BEFORE UPDATE ON progress_audit
        BEGIN SELECT RAISE(ABORT, 'progress_audit is append-only'); END;
      CREATE TRIGGER progress_audit_no_delete BEFORE DELETE ON progress_audit
        BEGIN SELECT RAISE(ABORT, 'progress_audit is append-only'); END;

      -- state 'running' from the claim until the response is stored, in the same transaction as the records
      CREATE TABLE idempotency_keys (
        scope          TEXT    NOT NULL,
        key            TEXT    NOT NULL,
        request_sha256 TEXT    NOT NULL,
        state          TEXT    NOT NULL CHECK (state IN ('running', 'done')),
        status         INTEGER,
        response       TEXT,
        claimed_at     INTEGER NOT NULL,
        expires_at     INTEGER NOT NULL,
        PRIMARY KEY (scope, key),
        CHECK (state = 'running' OR (status IS NOT NULL AND response IS NOT NULL))
      );
      CREATE INDEX idempotency_keys_expiry ON idempotency_keys(expires_at);
    `);
  },
};
