// Reads a text or Markdown plan: the encoding is detected (UTF-8 with or without BOM, else GB18030/GBK) and reported.
import type { DocumentElement } from "./elements.js";

export interface DecodedText {
  text: string;
  /** what the file turned out to be, said to the person importing it */
  encoding: "utf-8" | "utf-8 (BOM)" | "gb18030";
}

/** UTF-8 is tried strictly first: GB18030 bytes are almost never valid UTF-8, while the reverse is not true. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8 (BOM)" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // GB18030 is a superset of GBK and GB2312, so one decoder reads all three.
    return { text: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030" };
  }
}

const MD_TABLE_ROW = /^\s*\|(.*)\|\s*$/;
const MD_RULE = /^\s*\|?\s*:?-{3,}/;
/** Between the columns of a table typed as text: a tab, or a run of two or more spaces (ASCII or full-width). */
const COLUMN_GAP = /\t|[ \u3000]{2,}/;
/** Fewer cells than this a line is prose with a wide gap in it (a signature and its date), not a table row. */
const MIN_COLUMNS = 3;

/** One element a line, each keeping its line number so warnings point at the file as written. */
export function readText(text: string, markdown: boolean): DocumentElement[] {
  const out: DocumentElement[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    if (raw.trim() === "") continue;
    const line = i + 1;
    // A table in a text file: as Markdown draws one (| a | b |), or as a table copied out of Word, a web page or a
    // PDF comes (its columns apart by tabs or runs of spaces). Either is read as a table, as a .docx's would be.
    if (MD_TABLE_ROW.test(raw)) {
      const rows: string[][] = [];
      for (; i < lines.length && MD_TABLE_ROW.test(lines[i] ?? ""); i++) {
        const row = lines[i] ?? "";
        if (!MD_RULE.test(row.replace(/^\s*\|/, ""))) rows.push(pipeCellsOf(row));
      }
      i--;
      out.push({ type: "Table", rows, line });
      continue;
    }
    const spaced = spacedRowsFrom(lines, i);
    if (spaced) {
      out.push({ type: "Table", rows: spaced.rows, line });
      i = spaced.last;
      continue;
    }
    const heading = markdown ? /^#{1,6}\s+(.*)$/.exec(raw) : null;
    const item = markdown ? /^\s*[-*+]\s+(.*)$/.exec(raw) : null;
    if (heading?.[1]) out.push({ type: "Title", text: heading[1], line });
    else if (item?.[1]) out.push({ type: "ListItem", text: item[1], line });
    else out.push({ type: "NarrativeText", text: raw, line });
  }
  return out;
}

function pipeCellsOf(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((c) => c.trim());
}

/** A line's cells when its columns are set apart by tabs or wide gaps; a line indented by spaces is not split there. */
function spacedCellsOf(row: string): string[] {
  // Tabs keep an empty cell (two tabs in a row, or one at the end); runs of spaces cannot say where one was.
  if (row.includes("\t"))
    return row
      .replace(/^[ \u3000]+|[ \u3000\r]+$/g, "")
      .split("\t")
      .map((c) => c.trim());
  return row.trim().split(COLUMN_GAP);
}

/**
 * The table starting at line `from`: its first line and at least one more with the same number of cells (three or
 * more), blank lines between rows allowed. A line with another count ends it and stays text.
 */
function spacedRowsFrom(lines: string[], from: number): { rows: string[][]; last: number } | null {
  const header = spacedCellsOf(lines[from] ?? "");
  if (header.length < MIN_COLUMNS) return null;
  const rows = [header];
  let last = from;
  for (let j = from + 1; j < lines.length; j++) {
    const raw = lines[j] ?? "";
    if (raw.trim() === "") continue;
    const cells = spacedCellsOf(raw);
    if (cells.length !== header.length) break;
    rows.push(cells);
    last = j;
  }
  return rows.length >= 2 ? { rows, last } : null;
}
