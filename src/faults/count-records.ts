// Compares what clients were told was stored with what the progress table holds: lost, duplicated, misplaced.
import Database from "better-sqlite3";
import type { IntendedRecord } from "./progress-writes.js";

export interface RecordCounts {
  operations: number;
  /** acknowledged, yet absent */
  lost: number;
  /** extra copies of an operation's record */
  duplicated: number;
  /** copies stored on another task than the operation named, or records no operation wrote */
  misplaced: number;
  /** operations never acknowledged (the suite, like WeCom, gave up on them) */
  unacknowledged: number;
  /** of those, how many are stored all the same (a record nobody was told about) */
  unacknowledgedStored: number;
  /** operations that needed more than one request */
  retried: number;
  /** requests that got no answer because the service died under them */
  unanswered: number;
}

export function countRecords(dbFile: string, intended: IntendedRecord[], markerPrefix: string): RecordCounts {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  let rows: Array<{ task_no: number; text: string }>;
  try {
    rows = db
      .prepare("SELECT task_no, text FROM progress WHERE kind = 'report' AND substr(text, 1, ?) = ?")
      .all(markerPrefix.length, markerPrefix) as Array<{ task_no: number; text: string }>;
  } finally {
    db.close();
  }
  const byMarker = new Map<string, number[]>();
  for (const r of rows) byMarker.set(r.text, [...(byMarker.get(r.text) ?? []), r.task_no]);
  const counts: RecordCounts = {
    operations: intended.length,
    lost: 0,
    duplicated: 0,
    misplaced: 0,
    unacknowledged: intended.filter((op) => !op.acked).length,
    unacknowledgedStored: intended.filter((op) => !op.acked && byMarker.has(op.marker)).length,
    retried: intended.filter((op) => op.attempts > 1).length,
    unanswered: intended.reduce((n, op) => n + op.unanswered, 0),
  };
  const known = new Set(intended.map((op) => op.marker));
  for (const op of intended) {
    const tasks = byMarker.get(op.marker) ?? [];
    if (tasks.length === 0 && op.acked) counts.lost++;
    counts.duplicated += Math.max(0, tasks.length - 1);
    counts.misplaced += tasks.filter((t) => t !== op.task).length;
  }
  for (const [text, tasks] of byMarker) if (!known.has(text)) counts.misplaced += tasks.length;
  return counts;
}
