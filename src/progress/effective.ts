// Which records count: reports not superseded by a later correction or retraction. Shared by every reader.
import type { ProgressRecord } from "./schema.js";

/** Newest first: by the day the progress refers to, then by the order it was stored. */
export function newestFirst(a: ProgressRecord, b: ProgressRecord): number {
  return a.asOf === b.asOf ? b.id - a.id : a.asOf < b.asOf ? 1 : -1;
}

/** The effective records among `records` (which must include every record that could supersede them). */
export function effectiveRecords(records: readonly ProgressRecord[]): ProgressRecord[] {
  const superseded = new Set<number>();
  for (const r of records) if (r.supersedes !== null) superseded.add(r.supersedes);
  return records.filter((r) => r.kind === "report" && !superseded.has(r.id));
}

/** Latest effective record per target, from effective records of one task. */
/** Each target's record with a figure before its latest one: what the latest moved from. */
export function previousPerTarget(effective: readonly ProgressRecord[]): Map<string, ProgressRecord> {
  const seen = new Set<string>();
  const previous = new Map<string, ProgressRecord>();
  for (const r of [...effective].sort(newestFirst)) {
    if (r.targetId === null || r.value === null || previous.has(r.targetId)) continue;
    if (seen.has(r.targetId)) previous.set(r.targetId, r);
    else seen.add(r.targetId);
  }
  return previous;
}

export function latestPerTarget(effective: readonly ProgressRecord[]): Map<string, ProgressRecord> {
  const latest = new Map<string, ProgressRecord>();
  for (const r of [...effective].sort(newestFirst)) {
    if (r.targetId !== null && !latest.has(r.targetId)) latest.set(r.targetId, r);
  }
  return latest;
}
