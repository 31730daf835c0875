// Progress records, their audit trail and the log of digests sent. Append-only: triggers refuse UPDATE and DELETE.
import type { Migration } from "./migration.js";

export const progressTables: Migration = {
  version: 1,
  name: "progress",
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

      CREATE TABLE progress (
        id            INTEGER PRIMARY KEY,
        plan          TEXT    NOT NULL,
        task_no       INTEGER NOT NULL CHECK (task_no > 0),
        target_id     TEXT,
        value         REAL,
        unit          TEXT,
        text          TEXT    NOT NULL,
        reporter_id   TEXT    NOT NULL,
        reporter_name TEXT,
        department    TEXT,
        source        TEXT    NOT NULL CHECK (source IN ('chat', 'cli', 'api', 'import')),
        kind          TEXT    NOT NULL DEFAULT 'report' CHECK (kind IN ('report', 'retraction')),
        as_of         TEXT    NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        supersedes    INTEGER REFERENCES progress(id),
        recorded_at   TEXT    NOT NULL,
        CHECK (kind = 'report' OR supersedes IS NOT NULL)
      );
      -- a record is corrected or retracted at most once; a second correction targets the correction
      CREATE UNIQUE INDEX progress_supersedes ON progress(supersedes) WHERE supersedes IS NOT NULL;
      CREATE INDEX progress_task ON progress(plan, task_no, as_of);
      CREATE INDEX progress_recorded ON progress(recorded_at);

      CREATE TABLE progress_audit (
        id          INTEGER PRIMARY KEY,
        progress_id INTEGER NOT NULL REFERENCES progress(id),
        action      TEXT    NOT NULL CHECK (action IN ('add', 'correct', 'retract')),
        actor       TEXT    NOT NULL,
        via         TEXT    NOT NULL,
        at          TEXT    NOT NULL
      );
      CREATE INDEX progress_audit_progress ON progress_audit(progress_id);

      CREATE TRIGGER progress_no_update BEFORE UPDATE ON progress
        BEGIN SELECT RAISE(ABORT, 'progress is append-only'); END;
      CREATE TRIGGER progress_no_delete BEFORE DELETE ON progress
        BEGIN SELECT RAISE(ABORT, 'progress is append-only'); END;
      CREATE TRIGGER progress_audit_no_update BEFORE UPDATE ON progress_audit
        BEGIN SELECT RAISE(ABORT, 'progress_audit is append-only'); END;
      CREATE TRIGGER progress_audit_no_delete BEFORE DELETE ON progress_audit
        BEGIN SELECT RAISE(ABORT, 'progress_audit is append-only'); END;

      -- one row per digest sent to a chat: the window it covered, so the next digest starts where this one ended
      CREATE TABLE digest_runs (
        chat       TEXT NOT NULL,
        date       TEXT NOT NULL,
        since      TEXT NOT NULL,
        until      TEXT NOT NULL,
        parts      INTEGER NOT NULL,
        sha256     TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (chat, date)
      );
    `);
  },
};
