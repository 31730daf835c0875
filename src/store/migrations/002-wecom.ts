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
    // TODO(wecom issue, outbound): outbox table
  },
};
