// The seen-ids table as a rowid table with a unique index on (channel, msgid).
// Why: in the WITHOUT ROWID layout every reply sat inside the key's b-tree, so with tens of thousands of rows a
// lookup of a new id read ~50 µs of pages and each insert rewrote a large leaf; the index alone stays in cache.
import type { Migration } from "./migration.js";

export const seenMessagesRowid: Migration = {
  version: 3,
  name: "seen-messages-rowid",
  up(db) {
    db.exec(`CREATE TABLE wecom_seen_messages_new (
      id INTEGER PRIMARY KEY,
      channel TEXT NOT NULL,
      msgid TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'done')),
      reply TEXT,
      claimed_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    )`);
    db.exec(`INSERT INTO wecom_seen_messages_new (channel, msgid, state, reply, claimed_at, expires_at)
      SELECT channel, msgid, state, reply, claimed_at, expires_at FROM wecom_seen_messages`);
    db.exec("DROP TABLE wecom_seen_messages");
    db.exec("ALTER TABLE wecom_seen_messages_new RENAME TO wecom_seen_messages");
    db.exec("CREATE UNIQUE INDEX wecom_seen_messages_key ON wecom_seen_messages (channel, msgid)");
    db.exec("CREATE INDEX wecom_seen_messages_expiry ON wecom_seen_messages (expires_at)");
  },
};
