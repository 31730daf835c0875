// The progress tables of a Word or PDF report, read as sheets: each table the document's reader found, with the lines
// printed above it (填报单位:…, 截至…) in front, so the header, the reporting unit and the as-of date are found as in
// a spreadsheet. Prose without a table is not read for figures here.
import type { DocumentElement } from "../../plan/readers/elements.js";
import { sheetTable, type Table } from "./sheet-table.js";

/** How many lines above a table can name its unit and date: a report's heading block, not its whole preamble. */
const LINES_ABOVE = 6;

export function documentTables(elements: readonly DocumentElement[]): Table[] {
  const tables: Table[] = [];
  let above: string[] = [];
  for (const e of elements) {
    if (e.type === "Table") {
      const table = sheetTable([...above.map((line) => [line]), ...e.rows], `表${tables.length + 1}`);
      if (table.headerFound) tables.push(table);
      above = [];
    } else if (e.type === "Title" || e.type === "NarrativeText" || e.type === "ListItem") {
      above = [...above, e.text].slice(-LINES_ABOVE);
    }
  }
  return tables;
}
