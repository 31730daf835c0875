// Reads and writes progress tables as CSV or XLSX. A CSV's encoding is detected (UTF-8, with or without BOM, then
// GB18030, which covers GBK: what Excel on Chinese Windows saves) or the file refused; never stored garbled. Every
// worksheet of a workbook is read, merged cells carrying their value into each cell they span.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, extname } from "node:path";
import type ExcelJS from "exceljs";
import { sheetTable, type Table } from "./sheets/sheet-table.js";

export type { Table, TableRow } from "./sheets/sheet-table.js";

// The CSV libraries are required on first use (synchronously, through their CommonJS builds): every start imports
// this module for the sample loader, few runs read a CSV.
const require = createRequire(import.meta.url);
const csvParse = (): typeof import("csv-parse/sync") => require("csv-parse/sync");
const csvStringify = (): typeof import("csv-stringify/sync") => require("csv-stringify/sync");

/** exceljs is large: loaded only when a spreadsheet is read or written, not on every start. */
async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import("exceljs")).default;
}

/** A file that cannot be read as a table; the message is Chinese and names the file. */
export class TableUnreadable extends Error {
  override name = "TableUnreadable";
}

export interface TableFile {
  /** one table per worksheet that has one (a CSV has one) */
  tables: Table[];
  /** worksheets with no header row, left out while others have one */
  skippedSheets: string[];
  /** how a CSV's bytes were read: "UTF-8", "UTF-8 (BOM)", "GB18030" */
  encoding?: string;
}

export type TableFormat = "csv" | "xlsx";

export function formatOf(file: string): TableFormat {
  const ext = extname(file).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".xlsx") return "xlsx";
  throw new TableUnreadable(`不支持的文件类型“${ext || basename(file)}”:请用 .csv 或 .xlsx(.xls/.et 请先另存为 .xlsx)`);
}

/**
 * The text of a CSV's bytes and the encoding it was read in. Strict UTF-8 first: GB18030 would read most UTF-8 as
 * other Chinese characters, while GBK text is almost never valid UTF-8.
 */
export function decodeCsv(bytes: Uint8Array, file: string): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: strict("utf-8", bytes.subarray(3), file), encoding: "UTF-8 (BOM)" };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const encoding = bytes[0] === 0xff ? "utf-16le" : "utf-16be";
    return { text: strict(encoding, bytes.subarray(2), file), encoding: encoding.toUpperCase() };
  }
  for (const [label, name] of [
    ["utf-8", "UTF-8"],
    ["gb18030", "GB18030"],
  ] as const) {
    try {
      const text = new TextDecoder(label, { fatal: true }).decode(bytes);
      if (!text.includes("\u0000") && (label === "utf-8" || mostlyGb2312(bytes))) return { text, encoding: name };
    } catch {
      // not this encoding: try the next
    }
  }
  throw new TableUnreadable(
    `文件“${basename(file)}”的编码无法识别(既不是 UTF-8 也不是 GBK/GB18030,可能是 Big5 等其他编码),未导入:请在 Excel 中“另存为 CSV UTF-8”或 .xlsx 后再导入`,
  );
}

/**
 * Whether two-byte characters are mostly GB2312's punctuation and characters (lead A1–A3 and B0–F7, trail A1–FE), as
 * Chinese office text in GBK is.
 * Big5 or Shift-JIS bytes also decode as GB18030, but as rare characters: about 40 % of Big5's trail bytes lie
 * below A1. A name with a rare character in real GBK text stays far under the tenth allowed here.
 */
function mostlyGb2312(bytes: Uint8Array): boolean {
  let wide = 0;
  let rare = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) continue;
    const trail = bytes[i + 1] ?? 0;
    if (trail >= 0x30 && trail <= 0x39) {
      i += 3; // a four-byte GB18030 sequence: outside GB2312
      wide++;
      rare++;
      continue;
    }
    wide++;
    // rows A4–A9 are kana, Greek, Cyrillic and box drawing: where Big5 puts its commonest characters (一 is A4 40)
    if (lead < 0xa1 || lead > 0xf7 || trail < 0xa1 || (lead >= 0xa4 && lead <= 0xa9)) rare++;
    i++;
  }
  return rare <= 2 || rare * 10 <= wide;
}

function strict(encoding: string, bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new TableUnreadable(`文件“${basename(file)}”标明是 ${encoding.toUpperCase()} 编码,但内容不是,未导入`);
  }
}

function csvMatrix(text: string): string[][] {
  return csvParse().parse(text, { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
}

/** A CSV's text (already decoded) as a table. */
export function parseCsv(text: string): Table {
  return sheetTable(csvMatrix(text));
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    if ("error" in value) return "";
    return "";
  }
  return String(value);
}

async function readWorkbook(bytes: Buffer, file: string): Promise<ExcelJS.Workbook> {
  const book = new (await loadExcel()).Workbook();
  try {
    // exceljs declares its own Buffer type; a Node Buffer is what it reads
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (err) {
    // exceljs reports a damaged file as the zip reader sees it ("End of data reached … Corrupted zip ?")
    throw new TableUnreadable(
      `文件“${basename(file)}”不是有效的 Excel 工作簿(.xlsx),无法打开:文件可能已损坏或未下载完整,或是 .xls/.et 等格式改了扩展名。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。`,
      { cause: err },
    );
  }
  return book;
}

function sheetMatrix(sheet: ExcelJS.Worksheet): string[][] {
  const width = sheet.columnCount;
  const matrix: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    // a merged cell's other cells give the master's value: a task merged over three rows is each row's task
    matrix.push(Array.from({ length: width }, (_, c) => cellText(row.getCell(c + 1).value)));
  }
  return matrix;
}

/** Reads every table in a .csv or .xlsx file. */
export async function readTableFile(file: string): Promise<TableFile> {
  formatOf(file);
  return readTableBytes(readFileSync(file), file);
}

/** Reads every table in the bytes of a .csv or .xlsx file (an upload); `name` gives the format and the messages. */
export async function readTableBytes(bytes: Buffer, name: string): Promise<TableFile> {
  if (formatOf(name) === "csv") {
    const { text, encoding } = decodeCsv(bytes, name);
    return { tables: [sheetTable(csvMatrix(text))], skippedSheets: [], encoding };
  }
  const book = await readWorkbook(bytes, name);
  const tables = book.worksheets
    .filter((s) => s.state !== "hidden" && s.state !== "veryHidden")
    .map((s) => sheetTable(sheetMatrix(s), s.name))
    .filter((t) => t.rows.length > 0 || t.headerFound);
  // A workbook may hold a 填表说明 or summary sheet beside the progress sheets; with none found, the first is read
  // so that its problems are named.
  const found = tables.filter((t) => t.headerFound);
  if (found.length === 0) return { tables: tables.slice(0, 1), skippedSheets: [] };
  return { tables: found, skippedSheets: tables.filter((t) => !t.headerFound).map((t) => t.sheet ?? "") };
}

export async function writeTable(
  file: string,
  headers: readonly string[],
  rows: (string | number | null)[][],
): Promise<void> {
  if (formatOf(file) === "csv") {
    // BOM so that Excel opens the Chinese text as UTF-8
    writeFileSync(file, `\ufeff${csvStringify().stringify([headers, ...rows.map((r) => r.map((c) => c ?? ""))])}`);
    return;
  }
  const book = new (await loadExcel()).Workbook();
  const sheet = book.addWorksheet("progress");
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r.map((c) => c ?? ""));
  sheet.getRow(1).font = { bold: true };
  await book.xlsx.writeFile(file);
}
