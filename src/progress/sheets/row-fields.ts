// What one table row says, read from its cells and the sheet's lines around the table, before it is bound to a task
// and target: the figure and unit, the day, the reporter, the identity columns of an export.
import { asOfInText } from "../command.js";
import { type CellFigure, readDay, readFigure } from "./cell-values.js";
import type { Column } from "./column-aliases.js";
import type { SheetContext } from "./sheet-context.js";

export type ColumnMap = Partial<Record<Column, string>>;

export interface RowFields {
  /** the export's record id: this row is that record (unchanged, or edited into a correction) */
  id: number | null;
  plan?: string;
  task: string;
  metric?: string;
  figure: CellFigure;
  /** the value cell as written */
  valueText: string;
  unit?: string;
  text: string;
  reporterId: string;
  reporterName: string | null;
  /** where the reporter came from, for the dry run */
  reporterFrom: "row" | "sheet" | "importer";
  department: string | null;
  asOf: string;
  asOfFrom: "row" | "sheet" | "filed";
  kind: "report" | "retraction";
  supersedes: number | null;
}

export interface RowReadDeps {
  today: string;
  /** the reporters file: a 填报人 written as a name becomes that person's userid */
  reporters?: readonly { userid: string; name: string }[];
  /** who imports ("cli:alice"): the reporter of rows whose sheet names none */
  importer?: string;
}

export interface FieldProblem {
  column: string;
  reason: string;
}

function positiveId(text: string): number | null | "bad" {
  if (text === "") return null;
  const n = Number(text.normalize("NFKC").replace(/^#/, ""));
  return Number.isInteger(n) && n > 0 ? n : "bad";
}

export function readRowFields(
  cells: Record<string, string>,
  map: ColumnMap,
  context: SheetContext,
  deps: RowReadDeps,
): { ok: true; fields: RowFields } | { ok: false; problem: FieldProblem } {
  const get = (c: Column) => (map[c] ? (cells[map[c]] ?? "").trim() : "");
  const fail = (c: Column, reason: string) => ({ ok: false as const, problem: { column: map[c] ?? c, reason } });

  const id = positiveId(get("id"));
  if (id === "bad") return fail("id", `“${get("id")}”不是记录编号`);
  const supersedes = positiveId(get("supersedes"));
  if (supersedes === "bad") return fail("supersedes", `“${get("supersedes")}”不是记录编号`);
  const kindText = get("kind");
  const kind = kindText === "" || kindText === "report" ? "report" : kindText === "retraction" ? "retraction" : null;
  if (kind === null) return fail("kind", `类型“${kindText}”应为 report 或 retraction`);

  const valueText = get("value");
  const figure = readFigure(valueText);
  if (figure.kind === "bad") return fail("value", `“${valueText}”不是数字`);

  const dateCell = get("date");
  const filedCell = get("filed");
  const sheetAsOf = context.asOfText ? asOfInText(context.asOfText, deps.today) : null;
  let asOf: string | null = null;
  let asOfFrom: RowFields["asOfFrom"] = "row";
  if (dateCell !== "") {
    asOf = readDay(dateCell);
    if (asOf === null) return fail("date", `日期“${dateCell}”无法识别,应为 2025-06-30、2025年6月30日或 2025.6.30`);
  } else if (sheetAsOf) [asOf, asOfFrom] = [sheetAsOf, "sheet"];
  else if (filedCell !== "" || context.filedOn) {
    asOf = filedCell !== "" ? readDay(filedCell) : (context.filedOn ?? null);
    asOfFrom = "filed";
    if (asOf === null) return fail("filed", `日期“${filedCell}”无法识别,应为 2025-06-30、2025年6月30日或 2025.6.30`);
  }
  if (asOf === null) return fail(map.date ? "date" : "filed", "没有日期:请填写日期列,或在表头上方写明“截至…”");

  const reporterCell = get("reporter") || context.reporter || "";
  const reporterFrom: RowFields["reporterFrom"] = get("reporter") ? "row" : context.reporter ? "sheet" : "importer";
  const known = deps.reporters?.find((r) => r.userid === reporterCell || r.name === reporterCell);
  const reporterId = known?.userid ?? (reporterCell || deps.importer || "");
  if (reporterId === "") return fail("reporter", "填报人不能为空");
  const reporterName = get("reporter_name") || known?.name || (reporterCell && !known ? reporterCell : null) || null;

  return {
    ok: true,
    fields: {
      id,
      ...(get("plan") ? { plan: get("plan") } : {}),
      task: get("task"),
      ...(get("metric") ? { metric: get("metric") } : {}),
      figure,
      valueText,
      ...(get("unit") ? { unit: get("unit") } : {}),
      text: get("text"),
      reporterId,
      reporterName,
      reporterFrom,
      department: get("department") || context.department || null,
      asOf,
      asOfFrom,
      kind,
      supersedes,
    },
  };
}
