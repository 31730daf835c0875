// A table row's identity, so that importing a file again is a no-op: an exported row is its record (by id) and is
// unchanged when what it says still matches the record; any other row is known by a key made of what it says.
import { createHash } from "node:crypto";
import type { ResponsibilityMatrix } from "../plan/schema.js";
import { exportRecord } from "./export-rows.js";
import type { ProgressRecord } from "./schema.js";
import { readDay, readFigure, readTaskCell } from "./sheets/cell-values.js";
import type { ColumnMap, RowFields } from "./sheets/row-fields.js";

const fold = (s: string | number | null | undefined) =>
  String(s ?? "")
    .normalize("NFKC")
    .trim();

/**
 * The key of a row that is not an untouched export row: the same row read again (from the same file, or the same
 * line in next month's workbook) has the same key. Built from what the row says after reading (the day from 截至…
 * above the table counts), not from where it stands, so moving rows about changes nothing.
 */
export function rowKey(f: RowFields): string {
  const figure = f.figure.kind === "figure" ? `${f.figure.value}${f.figure.unit ?? ""}` : fold(f.valueText);
  const parts = [
    f.id,
    f.plan ?? "",
    fold(f.task),
    fold(f.metric),
    figure,
    fold(f.unit),
    fold(f.text),
    f.reporterId,
    f.department ?? "",
    f.asOf,
    f.kind,
    f.supersedes,
  ];
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/**
 * Whether an exported row still says what its record says: each column the table has is compared as its meaning
 * (300 and 300.0, 2024-06-30 and 2024/6/30, t1-1 and the target's name, 1 and 任务一 are the same), so a file
 * opened and saved by Excel is still untouched.
 */
export function sameAsExported(
  cells: Record<string, string>,
  map: ColumnMap,
  record: ProgressRecord,
  plans: readonly ResponsibilityMatrix[],
): boolean {
  const exported = exportRecord(record, plans);
  const cell = (c: keyof ColumnMap) => fold(map[c] ? cells[map[c]] : undefined);
  const differs = (c: keyof ColumnMap, same: (row: string) => boolean) => map[c] !== undefined && !same(cell(c));
  const number = (s: string) => {
    const f = readFigure(s);
    return f.kind === "figure" ? f.value : f.kind === "empty" ? null : s;
  };
  const checks: [keyof ColumnMap, (row: string) => boolean][] = [
    ["plan", (v) => v === "" || v === record.plan],
    [
      "task",
      (v) => {
        const t = readTaskCell(v);
        return t.kind === "number" ? t.no === record.taskNo : v === fold(exported.task);
      },
    ],
    ["metric", (v) => v === fold(exported.metric) || (v !== "" && v === fold(exported.metric_name))],
    ["value", (v) => number(v) === record.value],
    ["unit", (v) => v === fold(record.unit)],
    ["text", (v) => v === fold(record.text)],
    ["reporter", (v) => v === fold(record.reporterId)],
    ["reporter_name", (v) => v === fold(record.reporterName)],
    ["department", (v) => v === fold(record.department)],
    ["date", (v) => (readDay(v) ?? v) === record.asOf],
    ["kind", (v) => (v === "" ? "report" : v) === record.kind],
    ["supersedes", (v) => v === fold(record.supersedes)],
  ];
  return !checks.some(([c, same]) => differs(c, same));
}
