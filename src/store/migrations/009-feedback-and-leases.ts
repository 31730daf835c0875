// The intelligent bot's 👍/👎 feedback (with the question and the reply it was about), and leases: one row per
// thing that only one process may do at a time (the bot's long connection), held by whoever renews it in time.
import type { Migration } from "./migration.js";

export const feedbackAndLeases: Migration = {
  version: 9,
  name: "feedback-and-leases",
  up(db) {
    db.exec(`
      -- one row per answer and person: a second click (or a cancel) replaces the first
      CREATE TABLE bot_feedback (
        feedback_id TEXT    NOT NULL,
        userid      TEXT    NOT NULL,
        chatid      TEXT,
        rating      TEXT    NOT NULL CHECK (rating IN ('like', 'dislike', 'cancel')),
        -- what the person wrote and the reasons WeCom offers for a 👎, as sent (JSON array)
        comment     TEXT,
        reasons     TEXT,
        -- null when the answer was given before a restart and is no longer remembered
        question    TEXT,
        reply       TEXT,
        at          TEXT    NOT NULL,
        PRIMARY KEY (feedback_id, userid)
      );
      CREATE INDEX bot_feedback_rating ON bot_feedback(rating, at);

      CREATE TABLE service_leases (
        name       TEXT    PRIMARY KEY,
        holder     TEXT    NOT NULL,
        -- ms since the epoch; past it, another process may take the lease
        expires_at INTEGER NOT NULL,
        acquired_at INTEGER NOT NULL
      );
    `);
  },
};
