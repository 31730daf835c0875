// The progress store interface and its SQLite implementation. (Filled in by the progress issue.)
import type { NewProgress, ProgressReader, ProgressRecord } from "../progress/schema.js";
import type { Db } from "./database.js";

export interface ProgressStore extends ProgressReader {
  add(record: NewProgress, audit: { actor: string; via: string }): ProgressRecord;
}

export function createProgressStore(_db: Db): ProgressStore {
  return {
    add() {
      throw new Error("progress store not built yet");
    },
    forTask: () => [],
    latestByTarget: () => new Map(),
  };
}
