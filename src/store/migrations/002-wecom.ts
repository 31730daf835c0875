// WeCom delivery state: seen message ids (dedupe across restarts) and the outbox of pushes.
import type { Migration } from "./migration.js";

export const wecomTables: Migration = {
  version: 2,
  name: "wecom",
  up(_db) {
    // TODO(wecom issue): seen_messages + outbox tables
  },
};
