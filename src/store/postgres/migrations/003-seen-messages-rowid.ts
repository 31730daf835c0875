// PostgreSQL's version 3: nothing to change. SQLite's step moved replies out of the key's b-tree; a PostgreSQL table
// is a heap with its primary key in a separate index already.
import type { Migration } from "../../migrations/migration.js";

export const seenMessagesRowid: Migration = { version: 3, name: "seen-messages-rowid", up() {} };
