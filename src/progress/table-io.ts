// Reads and writes progress tables as CSV or XLSX: rows of header → text, numbered as a spreadsheet shows them.
import { readFileSync, writeFileSync } from "node:fs";
import { extname } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type ExcelJS from "exceljs";

/** exceljs is large: loaded only when a spreadsheet is read or written, not on every start. */
async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import("exceljs")).default;
}

export interface TableRow {
  /** 1-based row as a spreadsheet shows it: the header is row 1 */
  row: number;
  cells: Record<string, string>;
}

export interface Table {
  headers: string[];
  rows: TableRow[];
}

export type TableFormat = "csv" | "xlsx";

export function formatOf(file: string): TableFormat {
  const ext = extname(file).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".xlsx") return "xlsx";
  throw new Error(`unsupported file type "${ext}": use .csv or .xlsx`);
}

function toTable(matrix: string[][]): Table {
  const [header = [], ...body] = matrix;
  const headers = header.map((h) => h.trim());
  const rows: TableRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === "")) return; // blank lines are not rows anyone meant
    const record: Record<string, string> = {};
    headers.forEach((h, j) => {
      record[h] = (cells[j] ?? "").trim();
    });
    rows.push({ row: i + 2, cells: record });
  });
  return { headers, rows };
}

export function parseCsv(text: string): Table {
  const matrix = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  return toTable(matrix);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    return "";
  }
  return String(value);
}

export async function readTable(file: string): Promise<Table> {
  if (formatOf(file) === "csv") return parseCsv(readFileSync(file, "utf8"));
  const book = new (await loadExcel()).Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.worksheets[0];
  if (!sheet) return { headers: [], rows: [] };
  const width = sheet.columnCount;
  const matrix: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    matrix.push(Array.from({ length: width }, (_, c) => cellText(row.getCell(c + 1).value)));
  }
  return toTable(matrix);
}

export async function writeTable(file: string, headers: string[], rows: (string | number | null)[][]): Promise<void> {
  if (formatOf(file) === "csv") {
    // BOM so that Excel opens the Chinese text as UTF-8
    writeFileSync(file, `\ufeff${stringify([headers, ...rows.map((r) => r.map((c) => c ?? ""))])}`);
    return;
  }
  const book = new (await loadExcel()).Workbook();
  const sheet = book.addWorksheet("progress");
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r.map((c) => c ?? ""));
  sheet.getRow(1).font = { bold: true };
  await book.xlsx.writeFile(file);
}
