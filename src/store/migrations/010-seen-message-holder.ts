// A WeCom message id's pending claim names the process that holds it, so a claim left by a process that is gone
// (SIGKILL while producing a chat command) is taken over by WeCom's next retry at once rather than after a minute.
import type { Migration } from "./migration.js";

export const seenMessageHolder: Migration = {
  version: 10,
  name: "seen-message-holder",
  up(db) {
    db.exec("ALTER TABLE wecom_seen_messages ADD COLUMN holder TEXT");
  },
};
