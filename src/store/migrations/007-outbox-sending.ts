// The outbox learns who holds a row and that a request is on its way ('sending'), so a crash mid-send is recognised
// on restart; 'unknown' settles a part that may have reached WeCom; kind 'app' carries the self-built app's answers.
// SQLite cannot change a CHECK constraint in place, so the table is rebuilt with its rows and indexes.
import type { Migration } from "./migration.js";

export const outboxSending: Migration = {
  version: 7,
  name: "outbox-sending",
  up(db) {
    db.exec(`CREATE TABLE wecom_outbox_new (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      idempotency_key TEXT NOT NULL UNIQUE,
      chat TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('digest', 'announcement', 'app')),
      day TEXT,
      part INTEGER NOT NULL,
      parts INTEGER NOT NULL,
      content TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'unknown')),
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      next_attempt_at INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      sent_at INTEGER,
      holder TEXT
    )`);
    db.exec(`INSERT INTO wecom_outbox_new (id, idempotency_key, chat, kind, day, part, parts, content, status, attempts,
        last_error, next_attempt_at, created_at, sent_at)
      SELECT id, idempotency_key, chat, kind, day, part, parts, content, status, attempts,
        last_error, next_attempt_at, created_at, sent_at FROM wecom_outbox`);
    db.exec("DROP TABLE wecom_outbox");
    db.exec("ALTER TABLE wecom_outbox_new RENAME TO wecom_outbox");
    db.exec("CREATE INDEX wecom_outbox_due ON wecom_outbox (status, next_attempt_at)");
    db.exec("CREATE INDEX wecom_outbox_chat_day ON wecom_outbox (chat, kind, day)");
  },
};
