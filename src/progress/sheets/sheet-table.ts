// Turns a sheet's cells (merged cells already filled in) into a table: the header row found below any title and note
// rows, the lines around it read for the department and day, blank and note rows dropped.
import { matchColumn } from "./column-aliases.js";
import { locateHeader } from "./locate-header.js";
import { isNoteRow, readContext, type SheetContext } from "./sheet-context.js";

export interface TableRow {
  /** 1-based row as a spreadsheet shows it */
  row: number;
  cells: Record<string, string>;
}

export interface Table {
  /** the worksheet's name; none for a CSV */
  sheet?: string;
  headers: string[];
  /** 1-based row of the header */
  headerRow: number;
  rows: TableRow[];
  context: SheetContext;
  /** false when no row looked like a header and row 1 was taken as one */
  headerFound: boolean;
}

/** A header written twice keeps both columns: the second is named "任务#2". */
function uniqueHeaders(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((h) => {
    const name = h.trim();
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 || name === "" ? name : `${name}#${n}`;
  });
}

const isColumnName = (cell: string) => matchColumn(cell).kind !== "unknown";

/**
 * A header over two rows: a group merged over several columns (完成情况 over 完成值 and 进展情况), its parts below.
 * The row below continues the header when every cell in it is a column name; its names win where it has them.
 */
function twoRowHeader(top: readonly string[], below: readonly string[] | undefined): string[] | null {
  if (!below) return null;
  const filled = below.filter((c) => c.trim() !== "");
  if (filled.length === 0 || !filled.every(isColumnName)) return null;
  return Array.from({ length: Math.max(top.length, below.length) }, (_, j) => below[j]?.trim() || top[j] || "");
}

export function sheetTable(matrix: readonly (readonly string[])[], sheet?: string): Table {
  const located = locateHeader(matrix);
  const at = located ?? 0;
  const twoRows = located === null ? null : twoRowHeader(matrix[at] ?? [], matrix[at + 1]);
  const headers = uniqueHeaders(twoRows ?? matrix[at] ?? []);
  const bodyStart = at + (twoRows ? 2 : 1);
  const taskColumns = headers.filter((h) => {
    const m = matchColumn(h.replace(/#\d+$/, ""));
    return m.kind === "column" && m.column === "task";
  });
  const rows: TableRow[] = [];
  const notes: (readonly string[])[] = [...matrix.slice(0, at)];
  let taskAbove: Record<string, string> = {};
  matrix.slice(bodyStart).forEach((cells, i) => {
    if (cells.every((c) => c.trim() === "")) return; // blank lines are not rows anyone meant
    if (isNoteRow(cells)) {
      notes.push(cells);
      return;
    }
    const record: Record<string, string> = {};
    headers.forEach((h, j) => {
      if (h !== "") record[h] = (cells[j] ?? "").trim();
    });
    // A task written once over several rows without merging the cells is read as people read it: the rows below
    // without a task of their own belong to it.
    if (taskColumns.some((h) => record[h]))
      taskAbove = Object.fromEntries(taskColumns.map((h) => [h, record[h] ?? ""]));
    else Object.assign(record, taskAbove);
    rows.push({ row: bodyStart + i + 1, cells: record });
  });
  return {
    ...(sheet === undefined ? {} : { sheet }),
    headers,
    headerRow: at + 1,
    rows,
    context: readContext(notes),
    headerFound: located !== null,
  };
}
