// Every PostgreSQL migration, in order, with the version numbers of store/migrations/index.ts. Append only.
import type { Migration } from "../../migrations/migration.js";
import { progressTables } from "./001-progress.js";
import { wecomTables } from "./002-wecom.js";
import { seenMessagesRowid } from "./003-seen-messages-rowid.js";
import { progressBoundBy } from "./004-progress-bound-by.js";
import { refusalsAndIdempotency } from "./005-refusals-and-idempotency.js";
import { progressRowKeys } from "./006-progress-row-keys.js";
import { outboxSending } from "./007-outbox-sending.js";
import { idempotencyKeyHolder } from "./008-idempotency-key-holder.js";
import { feedbackAndLeases } from "./009-feedback-and-leases.js";
import { seenMessageHolder } from "./010-seen-message-holder.js";

export const postgresMigrations: Migration[] = [
  progressTables,
  wecomTables,
  seenMessagesRowid,
  progressBoundBy,
  refusalsAndIdempotency,
  progressRowKeys,
  outboxSending,
  idempotencyKeyHolder,
  feedbackAndLeases,
  seenMessageHolder,
];
