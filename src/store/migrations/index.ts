// Every migration, in order. Append only.
import { progressTables } from "./001-progress.js";
import { wecomTables } from "./002-wecom.js";
import { seenMessagesRowid } from "./003-seen-messages-rowid.js";
import { outboxSending } from "./007-outbox-sending.js";
import type { Migration } from "./migration.js";

export const migrations: Migration[] = [progressTables, wecomTables, seenMessagesRowid, outboxSending];
