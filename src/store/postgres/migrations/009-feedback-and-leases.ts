// PostgreSQL's version 9 (see store/migrations/009-feedback-and-leases.ts): the bot's feedback, and leases of what
// only one process may do at a time (the long connection), which replicas share here.
import type { Migration } from "../../migrations/migration.js";

export const feedbackAndLeases: Migration = {
  version: 9,
  name: "feedback-and-leases",
  up(db) {
    db.exec(`
      CREATE TABLE bot_feedback (
        -- SQLite's implicit rowid, made explicit: the order feedback came in, read by ORDER BY rowid
        rowid       BIGINT  GENERATED ALWAYS AS IDENTITY,
        feedback_id TEXT    NOT NULL,
        userid      TEXT    NOT NULL,
        chatid      TEXT,
        rating      TEXT    NOT NULL CHECK (rating IN ('like', 'dislike', 'cancel')),
        comment     TEXT,
        reasons     TEXT,
        question    TEXT,
        reply       TEXT,
        at          TEXT    NOT NULL,
        PRIMARY KEY (feedback_id, userid)
      );
      CREATE INDEX bot_feedback_rating ON bot_feedback(rating, at);

      CREATE TABLE service_leases (
        name        TEXT   PRIMARY KEY,
        holder      TEXT   NOT NULL,
        expires_at  BIGINT NOT NULL,
        acquired_at BIGINT NOT NULL
      );
    `);
  },
};
