// WeCom delivery state: seen message ids (dedupe across restarts) and the outbox of pushes.
import type { Migration } from "./migration.js";

export const wecomTables: Migration = {
  version: 2,
  name: "wecom",
  up(db) {
    // Inbound: every callback message id seen, with the reply given, so WeCom's retries get the same reply once.
    db.exec(`CREATE TABLE IF NOT EXISTS wecom_seen_messages (
      channel TEXT NOT NULL,
      msgid TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'done')),
      reply TEXT,
      claimed_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      PRIMARY KEY (channel, msgid)
    ) WITHOUT ROWID`);
    db.exec("CREATE INDEX IF NOT EXISTS wecom_seen_messages_expiry ON wecom_seen_messages (expires_at)");
    // Outbound: every message to push, written before it is sent and marked sent only once WeCom accepted it.
    // idempotency_key (digest: chat + day + part) makes a second enqueue of the same message a no-op.
    db.exec(`CREATE TABLE IF NOT EXISTS wecom_outbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      idempotency_key TEXT NOT NULL UNIQUE,
      chat TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('digest', 'announcement')),
      day TEXT,
      part INTEGER NOT NULL,
      parts INTEGER NOT NULL,
      content TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      next_attempt_at INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      sent_at INTEGER
    )`);
    db.exec("CREATE INDEX IF NOT EXISTS wecom_outbox_due ON wecom_outbox (status, next_attempt_at)");
    db.exec("CREATE INDEX IF NOT EXISTS wecom_outbox_chat_day ON wecom_outbox (chat, kind, day)");
  },
};
