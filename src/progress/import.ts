// Progress import: every row of every sheet is checked first, and one bad row rejects the whole file with every
// problem named. A row is a new record, a correction or retraction of one, or (an untouched export row, or a row
// imported before) nothing at all: importing a file twice, or an export as it stands, changes nothing.
import type { Answerer } from "../answer/answerer.js";
import type { ResponsibilityMatrix, Task } from "../plan/schema.js";
import type { ProgressStore } from "../store/progress-store.js";
import { type Binding, bindFigure } from "./bind.js";
import { prepareRecord, type RecordRequest } from "./record.js";
import { resolveTask } from "./resolve-task.js";
import { rowKey, sameAsExported } from "./row-identity.js";
import type { AuditInfo, NewProgress, ProgressRecord } from "./schema.js";
import { labelNumber, readTaskCell } from "./sheets/cell-values.js";
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
  /** what the store holds: an export row's record, what corrected it, the keys of rows imported before */
  known?: Pick<ProgressStore, "get" | "supersededBy" | "hasRowKey">;
}

function columnMap(table: Table): { map: ColumnMap; skipped: string[]; problems: RowProblem[] } {
  const map: ColumnMap = {};
  const skipped: string[] = [];
  const problems: RowProblem[] = [];
  const at = (column: string, reason: string) =>
    problems.push({ ...(table.sheet ? { sheet: table.sheet } : {}), row: table.headerRow, column, reason });
  for (const h of table.headers) {
    if (h === "") continue;
    const m = matchColumn(h.replace(/#\d+$/, ""));
    if (m.kind === "column" && map[m.column] === undefined) map[m.column] = h;
    else if (m.kind === "column") at(h, `与“${map[m.column]}”是同一列,请只留一列`);
    else if (m.kind === "skipped" && !m.quiet) skipped.push(h);
    else if (m.kind === "unknown") at(h, "不认识的列名");
  }
  const ctx = table.context;
  if (!map.task) at("task", `缺少必需的列(${namesOf("task")})`);
  if (!map.date && !map.filed && !ctx.asOfText && !ctx.filedOn) at("date", `缺少必需的列(${namesOf("date")})`);
  if (!map.text && !map.value) at("text", "缺少进展内容列(text / 进展)");
  return { map, skipped, problems };
}

/** The task a row names: a plan label such as （三） is the plan's own numbering, matched against each task's label. */
function taskReference(
  cell: string,
  plans: readonly ResponsibilityMatrix[],
  planSlug?: string,
): string | { error: string } {
  const read = readTaskCell(cell);
  if (read.kind === "words") return read.text;
  if (read.kind === "number") return String(read.no);
  const hits = plans
    .filter((p) => !planSlug || p.slug === planSlug)
    .flatMap((p) => p.tasks.filter((t) => labelNumber(t.label) === read.no));
  const [only] = hits;
  if (hits.length === 1 && only) return String(only.no);
  return { error: hits.length === 0 ? `没有标号为“${cell}”的任务` : `“${cell}”在多个计划中都有,请填写“计划”列` };
}

/**
 * A figure written in the value column with no metric named: bound by the rule chat messages use, the value cell
 * being the figure and the row's words naming the metric.
 */
function bindValueCell(task: Task, f: RowFields): { metric: string; value: number } | { error: string } | null {
  if (f.figure.kind !== "figure") return null;
  const unit = f.figure.unit ?? f.unit;
  if (unit === undefined) return null; // a bare number: the task's one target, or a request to name the metric
  const binding = bindFigure(task, `${f.figure.value}${unit}`, `${f.text} ${f.task}`, f.asOf);
  if (binding.bound) return { metric: binding.target.id, value: binding.value };
  const why = binding.reason ?? "本任务没有量化指标";
  return { error: `“${f.valueText}${f.figure.unit ? "" : unit}”无法对应到任务${task.no}的指标:${why};请填写“指标”列` };
}

type Planned = { ok: true; entries: PlannedRow["entries"] } | { ok: false; column: Column; reason: string };

function retraction(target: ProgressRecord, f: RowFields, source: NewProgress["source"]): NewProgress {
  return {
    plan: target.plan,
    taskNo: target.taskNo,
    text: f.text || `撤销 #${target.id}`,
    reporterId: f.reporterId,
    reporterName: f.reporterName,
    department: f.department ?? target.department,
    source,
    asOf: target.asOf,
    supersedes: target.id,
    kind: "retraction",
  };
}

/** The records a row (new, or an edited export row) stores, checked as every channel's records are. */
function planRecords(f: RowFields, supersedes: number | null, source: "import" | "cli", deps: ImportDeps): Planned {
  const target = supersedes !== null ? deps.known?.get(supersedes) : undefined;
  if (supersedes !== null && !target)
    return { ok: false, column: "supersedes", reason: `没有编号为 #${supersedes} 的进展记录` };
  const later = supersedes !== null ? deps.known?.supersededBy(supersedes) : undefined;
  if (later) {
    const what = later.kind === "retraction" ? "撤销" : "更正";
    return {
      ok: false,
      column: "supersedes",
      reason: `#${supersedes} 已被 #${later.id} ${what};请修改 #${later.id} 那一行`,
    };
  }
  if (target?.kind === "retraction") {
    return { ok: false, column: "kind", reason: `#${supersedes} 是撤销记录,不能修改;要恢复,请重新填报一行` };
  }
  if (f.kind === "retraction") {
    if (!target) return { ok: false, column: "supersedes", reason: "撤销行必须在“supersedes”列写明撤销哪一条" };
    return { ok: true, entries: [{ record: retraction(target, f, source), binding: null }] };
  }
  const ref = taskReference(f.task, deps.plans, f.plan);
  if (typeof ref !== "string") return { ok: false, column: "task", reason: ref.error };
  // Words in a value column (完成情况: 基本完成) are progress text, not a figure.
  const words = f.figure.kind === "words" ? f.valueText : "";
  const req: RecordRequest = {
    ...(f.plan ? { plan: f.plan } : {}),
    task: ref,
    text: [f.text, words].filter((s) => s !== "").join(";"),
    asOf: f.asOf,
    reporterId: f.reporterId,
    reporterName: f.reporterName,
    department: f.department,
    source,
    supersedes,
  };
  if (f.figure.kind === "figure") {
    const unit = f.figure.unit ?? f.unit;
    const found = f.metric === undefined ? resolveTask(ref, deps.plans, deps.answerer, f.plan) : null;
    const bound = found?.found ? bindValueCell(found.task, f) : null;
    if (bound && "error" in bound) return { ok: false, column: "value", reason: bound.error };
    if (bound) Object.assign(req, { metric: bound.metric, value: bound.value });
    else
      Object.assign(req, {
        value: f.figure.value,
        ...(f.metric ? { metric: f.metric } : {}),
        ...(unit ? { unit } : {}),
      });
  } else if (f.metric) {
    // A metric listed without a figure (a template's pre-filled row with only 进展情况 written) is a text report:
    // its figures, if any, are bound as chat binds them, the metric's name helping to say which target is meant.
    req.hint = `${f.metric} ${f.task}`;
  }
  const prepared = prepareRecord(req, deps);
  if (!prepared.ok) return { ok: false, column: prepared.field as Column, reason: prepared.reason };
  if (target && (target.plan !== prepared.plan.slug || target.taskNo !== prepared.task.no)) {
    return { ok: false, column: "task", reason: `#${target.id} 属于任务${target.taskNo},更正不能换任务;请新增一行` };
  }
  return { ok: true, entries: prepared.toStore.map((s) => ({ record: s.record, binding: s.binding })) };
}

/** Checks every row of every table; returns what each row does only when no row has a problem. */
export function checkImport(input: Table | readonly Table[], source: "import" | "cli", deps: ImportDeps): ImportCheck {
  const tables: readonly Table[] = Array.isArray(input) ? input : [input as Table];
  const problems: RowProblem[] = [];
  const rows: PlannedRow[] = [];
  const sheets: SheetSummary[] = [];
  const keysInFile = new Map<string, string>();
  for (const table of tables) {
    const where = table.sheet ? { sheet: table.sheet } : {};
    const { map, skipped, problems: headerProblems } = columnMap(table);
    sheets.push({ ...where, headerRow: table.headerRow, skippedColumns: skipped, context: table.context });
    if (headerProblems.length > 0) {
      problems.push(...headerProblems);
      continue;
    }
    for (const { row, cells } of table.rows) {
      const problem = (column: string, reason: string) =>
        problems.push({ ...where, row, column: map[column as Column] ?? column, reason });
      const filled = (["value", "text", "id", "kind", "supersedes"] as const).some((c) => map[c] && cells[map[c]]);
      if (!filled) {
        rows.push({ ...where, row, action: "not-filled", rowKey: null, recordId: null, fields: null, entries: [] });
        continue;
      }
      const read = readRowFields(cells, map, table.context, deps);
      if (!read.ok) {
        problems.push({ ...where, row, ...read.problem });
        continue;
      }
      const f = read.fields;
      const planned = (action: RowAction, key: string | null, entries: PlannedRow["entries"] = []) =>
        rows.push({ ...where, row, action, rowKey: key, recordId: f.id ?? f.supersedes, fields: f, entries });
      let supersedes = f.supersedes;
      if (f.id !== null) {
        const stored = deps.known?.get(f.id);
        if (!stored) {
          problem("id", `没有编号为 #${f.id} 的进展记录(“id”列只填本系统导出的编号;新增的行请留空)`);
          continue;
        }
        if (sameAsExported(cells, map, stored, deps.plans)) {
          planned("unchanged", null);
          continue;
        }
        // An edited export row corrects (or, with kind set to retraction, retracts) its record.
        supersedes = stored.id;
      }
      const key = rowKey(f);
      const sameRow = keysInFile.get(key);
      if (deps.known?.hasRowKey(key) || sameRow) {
        planned("already-imported", key);
        continue;
      }
      const result = planRecords(f, supersedes, source, deps);
      if (!result.ok) {
        problem(result.column, result.reason);
        continue;
      }
      keysInFile.set(key, `${table.sheet ?? ""}:${row}`);
      const action = f.kind === "retraction" ? "retract" : supersedes !== null ? "correct" : "add";
      planned(action, key, result.entries);
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
