// Reads a responsibility table given as its own file (--matrix FILE.xlsx | FILE.csv) into a Table element.
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { TableElement } from "./elements.js";
import { decodeText } from "./text.js";

export async function readTableFile(path: string): Promise<{ table: TableElement; encoding?: string }> {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv") {
    const { text, encoding } = decodeText(new Uint8Array(readFileSync(path)));
    const rows = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
    return { table: { type: "Table", rows }, encoding };
  }
  if (ext === ".xlsx") {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error(`${path}: 没有工作表`);
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) cells.push(row.getCell(c).text.trim());
      rows.push(cells);
    });
    return { table: { type: "Table", rows } };
  }
  throw new Error(`${path}: 分工表只能是 .xlsx 或 .csv`);
}
