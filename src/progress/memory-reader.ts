// A ProgressReader over records held in memory: the frozen view a digest is built from, and a fixture for tests.
import { effectiveRecords, newestFirst } from "./effective.js";
import type { ProgressReader, ProgressRecord } from "./schema.js";

export function memoryProgressReader(records: readonly ProgressRecord[]): ProgressReader {
  const byTask = new Map<string, ProgressRecord[]>();
  for (const r of effectiveRecords(records).sort(newestFirst)) {
    const key = `${r.plan}\u0000${r.taskNo}`;
    const list = byTask.get(key);
    if (list) list.push(r);
    else byTask.set(key, [r]);
  }
  const effectiveOf = (plan: string, taskNo: number) => byTask.get(`${plan}\u0000${taskNo}`) ?? [];
  return {
    forTask: (plan, taskNo, limit) => effectiveOf(plan, taskNo).slice(0, limit ?? undefined),
  };
}
