// What the lines around a sheet's table say about every row: 填报单位：财政局, 填报人：张三, （截至2025年6月底）,
// 填报日期：2025年7月3日. A note row below the table (填报人：… 联系电话：…) is read the same way.
import { readDay } from "./cell-values.js";

export interface SheetContext {
  department?: string;
  reporter?: string;
  /** the 截至… phrase as written; the import reads it on its own today (a month without a year) */
  asOfText?: string;
  /** the day the sheet was filled in */
  filedOn?: string;
}

/** A label, a full-width or ASCII colon, then the value up to the next label or separator. */
const LABELLED =
  /(填报单位|报送单位|责任单位|牵头单位|填报人|联系人|填报日期|报送日期)\s*[:：]\s*([^\s:：,，;；()（）]*)/g;
const AS_OF = /截[至止]到?\s*\d{4}\s*年[^)）\s]*/;
/** A note row: starts with a label and a colon (填报人：…, 注：…, 说明：…). */
const NOTE_ROW =
  /^\s*(?:填报单位|报送单位|责任单位|填报人|联系人|审核人|负责人|填报日期|报送日期|联系电话|注|说明|备注)\s*[:：]/;

/** The distinct non-empty cells of a row, joined: a merged title repeats its text in every cell it spans. */
export function rowText(cells: readonly string[]): string {
  return [...new Set(cells.map((c) => c.trim()).filter((c) => c !== ""))].join(" ");
}

export function isNoteRow(cells: readonly string[]): boolean {
  return NOTE_ROW.test(rowText(cells));
}

/** Reads the labelled values in the given rows; a later row does not override an earlier one's value. */
export function readContext(rows: readonly (readonly string[])[]): SheetContext {
  const context: SheetContext = {};
  for (const cells of rows) {
    const text = rowText(cells).normalize("NFKC");
    for (const m of text.matchAll(LABELLED)) {
      const [label, value] = [m[1] ?? "", (m[2] ?? "").trim()];
      if (value === "") continue;
      if (/单位/.test(label)) context.department ??= value;
      else if (/人/.test(label)) context.reporter ??= value;
      else context.filedOn ??= readDay(value) ?? undefined;
    }
    context.asOfText ??= AS_OF.exec(text)?.[0];
  }
  return context;
}
