// Turns a sheet's cells (merged cells already filled in) into a table: the header row found below any title and note
// rows, the lines around it read for the department and day, blank and note rows dropped.
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

export function sheetTable(matrix: readonly (readonly string[])[], sheet?: string): Table {
  const located = locateHeader(matrix);
  const at = located ?? 0;
  const headers = uniqueHeaders(matrix[at] ?? []);
  const rows: TableRow[] = [];
  const notes: (readonly string[])[] = [...matrix.slice(0, at)];
  matrix.slice(at + 1).forEach((cells, i) => {
    if (cells.every((c) => c.trim() === "")) return; // blank lines are not rows anyone meant
    if (isNoteRow(cells)) {
      notes.push(cells);
      return;
    }
    const record: Record<string, string> = {};
    headers.forEach((h, j) => {
      if (h !== "") record[h] = (cells[j] ?? "").trim();
    });
    rows.push({ row: at + i + 2, cells: record });
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
