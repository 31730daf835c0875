// The export's table: one row per stored record (corrections and retractions included), with the record's id as the
// row's identity so that an import of the file knows each row again.
import type { ResponsibilityMatrix } from "../plan/schema.js";
import type { ProgressRecord } from "./schema.js";

export const EXPORT_HEADERS = [
  "id",
  "plan",
  "task",
  "metric",
  "metric_name",
  "value",
  "unit",
  "text",
  "reporter",
  "reporter_name",
  "department",
  "date",
  "source",
  "kind",
  "supersedes",
  "recorded_at",
] as const;
export type ExportColumn = (typeof EXPORT_HEADERS)[number];

/** The plan's name of a record's target (the export's metric_name), or null. */
export function metricNameOf(r: ProgressRecord, plans: readonly ResponsibilityMatrix[]): string | null {
  return (
    plans
      .find((p) => p.slug === r.plan)
      ?.tasks.find((t) => t.no === r.taskNo)
      ?.targets.find((t) => t.id === r.targetId)?.metric ?? null
  );
}

export function exportRecord(
  r: ProgressRecord,
  plans: readonly ResponsibilityMatrix[],
): Record<ExportColumn, string | number | null> {
  return {
    id: r.id,
    plan: r.plan,
    task: r.taskNo,
    metric: r.targetId,
    metric_name: metricNameOf(r, plans),
    value: r.value,
    unit: r.unit,
    text: r.text,
    reporter: r.reporterId,
    reporter_name: r.reporterName,
    department: r.department,
    date: r.asOf,
    source: r.source,
    kind: r.kind,
    supersedes: r.supersedes,
    recorded_at: r.recordedAt,
  };
}

export function exportRows(
  records: readonly ProgressRecord[],
  plans: readonly ResponsibilityMatrix[],
): (string | number | null)[][] {
  return records.map((r) => {
    const row = exportRecord(r, plans);
    return EXPORT_HEADERS.map((h) => row[h]);
  });
}
