// Progress import: every row of every sheet is checked first, and one bad row rejects the whole file with every
// problem named. A row is a new record, a correction or retraction of one, or (an untouched export row, or a row
// imported before) nothing at all: importing a file twice, or an export as it stands, changes nothing.
import type { Answerer } from "../answer/answerer.js";
import type { ResponsibilityMatrix } from "../plan/schema.js";
import type { Glossary } from "../search/glossary.js";
import type { ProgressStore } from "../store/progress-store.js";
import type { Binding } from "./bind.js";
import { recordsOfRow } from "./import-row.js";
import { rowKey, sameAsExported } from "./row-identity.js";
import type { AuditInfo, NewProgress, ProgressRecord } from "./schema.js";
import { type Column, matchColumn, namesOf } from "./sheets/column-aliases.js";
import { type ColumnMap, type RowFields, type RowReadDeps, readRowFields } from "./sheets/row-fields.js";
import type { SheetContext } from "./sheets/sheet-context.js";
import type { Table } from "./table-io.js";

export { EXPORT_HEADERS, exportRows } from "./export-rows.js";

export interface RowProblem {
  /** the worksheet, when the file has them */
  sheet?: string;
  row: number;
  column: string;
  reason: string;
}

/** What importing a row does. */
export type RowAction =
  | "add"
  | "correct"
  | "retract"
  /** an export row that still says what its record says */
  | "unchanged"
  /** a row stored by an earlier import (or met earlier in this file) */
  | "already-imported"
  /** a row left blank: a task listed (as a template lists them) with neither figure nor text */
  | "not-filled";

export interface PlannedRow {
  sheet?: string;
  row: number;
  action: RowAction;
  /** the row's identity; null for an unchanged export row, which is known by its id */
  rowKey: string | null;
  /** the record id an unchanged, corrected or retracted row is about */
  recordId: number | null;
  /** what the row says; null for a row not filled in */
  fields: RowFields | null;
  /** what is stored: one record, or one per target for a text that reports several */
  entries: { record: NewProgress; binding: Binding | null }[];
}

export interface SheetSummary {
  sheet?: string;
  headerRow: number;
  /** columns read but not stored (序号, 备注, 目标值) */
  skippedColumns: string[];
  context: SheetContext;
}

export type ImportCheck =
  | { ok: true; rows: PlannedRow[]; records: NewProgress[]; sheets: SheetSummary[] }
  | { ok: false; problems: RowProblem[]; sheets: SheetSummary[] };

export interface ImportDeps extends RowReadDeps {
  plans: readonly ResponsibilityMatrix[];
  answerer: Pick<Answerer, "findTasks">;
  today: string;
  /** passed on to the binding of rows without a metric (prepareRecord) */
  glossary?: Glossary;
  /** what the store holds: an export row's record, what corrected it, the keys of rows imported before */
  known?: Pick<ProgressStore, "get" | "supersededBy" | "hasRowKey">;
}

function columnMap(table: Table): {
  map: ColumnMap;
  /** further task columns (任务编号 and 任务名称): read when the first is empty */
  moreTaskColumns: string[];
  skipped: string[];
  problems: RowProblem[];
} {
  const map: ColumnMap = {};
  const moreTaskColumns: string[] = [];
  const skipped: string[] = [];
  const problems: RowProblem[] = [];
  const at = (column: string, reason: string) =>
    problems.push({ ...(table.sheet ? { sheet: table.sheet } : {}), row: table.headerRow, column, reason });
  for (const h of table.headers) {
    if (h === "") continue;
    const m = matchColumn(h.replace(/#\d+$/, ""));
    if (m.kind === "column" && map[m.column] === undefined) map[m.column] = h;
    else if (m.kind === "column" && m.column === "task") moreTaskColumns.push(h);
    else if (m.kind === "column") at(h, `与“${map[m.column]}”是同一列,请只留一列`);
    else if (m.kind === "skipped" && !m.quiet) skipped.push(h);
    else if (m.kind === "unknown") at(h, "不认识的列名");
  }
  const ctx = table.context;
  if (!map.task) at("task", `缺少必需的列(${namesOf("task")})`);
  if (!map.date && !map.filed && !ctx.asOfText && !ctx.filedOn) at("date", `缺少必需的列(${namesOf("date")})`);
  if (!map.text && !map.value) at("text", "缺少进展内容列(text / 进展)");
  return { map, moreTaskColumns, skipped, problems };
}

type RowOutcome =
  | { ok: true; action: RowAction; rowKey: string | null; fields: RowFields | null; entries?: PlannedRow["entries"] }
  | { ok: false; column: string; reason: string };

/** What one row does: nothing (not filled, unchanged, imported before), or the records it adds. */
function planRow(
  cells: Record<string, string>,
  map: ColumnMap,
  table: Table,
  source: "import" | "cli",
  deps: ImportDeps,
  keysInFile: ReadonlySet<string>,
): RowOutcome {
  const filled = (["value", "text", "id", "kind", "supersedes"] as const).some((c) => map[c] && cells[map[c]]);
  if (!filled) return { ok: true, action: "not-filled", rowKey: null, fields: null };
  const read = readRowFields(cells, map, table.context, deps);
  if (!read.ok) return { ok: false, ...read.problem };
  const f = read.fields;
  const fail = (column: Column, reason: string) => ({ ok: false as const, column: map[column] ?? column, reason });
  let supersedes = f.supersedes;
  if (f.id !== null) {
    const stored = deps.known?.get(f.id);
    if (!stored) return fail("id", `没有编号为 #${f.id} 的进展记录(“id”列只填本系统导出的编号;新增的行请留空)`);
    const recordedAt = map.recorded_at ? cells[map.recorded_at] : "";
    if (recordedAt && Date.parse(recordedAt) !== Date.parse(stored.recordedAt)) {
      return fail(
        "recorded_at",
        `#${f.id} 在本库中记录于 ${stored.recordedAt},这一行来自另一个库的导出;新增的行请清空 id 列`,
      );
    }
    if (sameAsExported(cells, map, stored, deps.plans))
      return { ok: true, action: "unchanged", rowKey: null, fields: f };
    // An edited export row corrects (or, with kind set to retraction, retracts) its record.
    supersedes = stored.id;
  }
  const key = rowKey(f);
  if (deps.known?.hasRowKey(key) || keysInFile.has(key)) {
    return { ok: true, action: "already-imported", rowKey: key, fields: f };
  }
  const result = recordsOfRow(f, supersedes, source, deps);
  if (!result.ok) return fail(result.column, result.reason);
  const action = f.kind === "retraction" ? "retract" : supersedes !== null ? "correct" : "add";
  return { ok: true, action, rowKey: key, fields: f, entries: result.entries };
}

/** Checks every row of every table; returns what each row does only when no row has a problem. */
export function checkImport(input: Table | readonly Table[], source: "import" | "cli", deps: ImportDeps): ImportCheck {
  const tables: readonly Table[] = Array.isArray(input) ? input : [input as Table];
  const problems: RowProblem[] = [];
  const rows: PlannedRow[] = [];
  const sheets: SheetSummary[] = [];
  const keysInFile = new Set<string>();
  for (const table of tables) {
    const where = table.sheet ? { sheet: table.sheet } : {};
    const { map, moreTaskColumns, skipped, problems: headerProblems } = columnMap(table);
    sheets.push({ ...where, headerRow: table.headerRow, skippedColumns: skipped, context: table.context });
    if (headerProblems.length > 0) {
      problems.push(...headerProblems);
      continue;
    }
    for (const { row, cells: written } of table.rows) {
      const task = map.task ? written[map.task] || moreTaskColumns.map((h) => written[h]).find(Boolean) : undefined;
      const cells = map.task && task ? { ...written, [map.task]: task } : written;
      const outcome = planRow(cells, map, table, source, deps, keysInFile);
      if (!outcome.ok) {
        problems.push({ ...where, row, column: outcome.column, reason: outcome.reason });
        continue;
      }
      const { action, rowKey: key, fields, entries = [] } = outcome;
      if (entries.length > 0 && key) keysInFile.add(key);
      const recordId = fields ? (fields.id ?? fields.supersedes) : null;
      rows.push({ ...where, row, action, rowKey: key, recordId, fields, entries });
    }
  }
  if (problems.length > 0) return { ok: false, problems, sheets };
  return { ok: true, rows, records: rows.flatMap((r) => r.entries.map((e) => e.record)), sheets };
}

export function describeProblems(problems: readonly RowProblem[]): string {
  return problems
    .map((p) => `${p.sheet ? `工作表“${p.sheet}” ` : ""}第 ${p.row} 行 [${p.column}]:${p.reason}`)
    .join("\n");
}

/** Stores what a check planned, in one transaction; rows imported meanwhile by someone else are not stored twice. */
export function storeChecked(
  check: Extract<ImportCheck, { ok: true }>,
  store: ProgressStore,
  audit: AuditInfo,
): ProgressRecord[] {
  const rows = check.rows.filter((r) => r.entries.length > 0);
  return store.addRows(
    rows.map((r) => ({ rowKey: r.rowKey, records: r.entries.map((e) => e.record) })),
    audit,
  );
}

/** Checks and stores tables all or nothing: either every row is stored or none is. */
export function importTable(
  input: Table | readonly Table[],
  store: ProgressStore,
  deps: ImportDeps,
  audit: AuditInfo,
): { ok: true; stored: ProgressRecord[] } | { ok: false; problems: RowProblem[] } {
  const check = checkImport(input, "import", { ...deps, known: deps.known ?? store });
  if (!check.ok) return check;
  return { ok: true, stored: storeChecked(check, store, audit) };
}
