// Progress import and export: every row is checked first, and one bad row rejects the whole file with every problem named.
import type { Answerer } from "../answer/answerer.js";
import type { ResponsibilityMatrix } from "../plan/schema.js";
import type { Glossary } from "../search/glossary.js";
import type { ProgressStore } from "../store/progress-store.js";
import { prepareRecord } from "./record.js";
import type { AuditInfo, NewProgress, ProgressRecord } from "./schema.js";
import type { Table } from "./table-io.js";

/** Column names the import understands, with the Chinese headers staff are likely to use. */
const COLUMNS = {
  plan: ["plan", "计划"],
  task: ["task", "任务"],
  metric: ["metric", "指标", "target"],
  value: ["value", "数值", "完成值"],
  unit: ["unit", "单位"],
  text: ["text", "进展", "进展内容", "内容"],
  reporter: ["reporter", "填报人"],
  reporter_name: ["reporter_name", "填报人姓名", "姓名"],
  department: ["department", "部门"],
  date: ["date", "日期", "截至日期"],
  kind: ["kind", "类型"],
} as const;
type Column = keyof typeof COLUMNS;
/** Columns an export writes that an import does not need. */
const EXPORT_ONLY = new Set(["id", "metric_name", "source", "supersedes", "recorded_at"]);
const REQUIRED: Column[] = ["task", "reporter", "date"];

export interface RowProblem {
  row: number;
  column: string;
  reason: string;
}

export type ImportCheck = { ok: true; records: NewProgress[] } | { ok: false; problems: RowProblem[] };

export interface ImportDeps {
  plans: readonly ResponsibilityMatrix[];
  answerer: Pick<Answerer, "findTasks">;
  today: string;
  /** passed on to the binding of rows without a metric (prepareRecord) */
  glossary?: Glossary;
}

function columnMap(headers: string[]): { map: Partial<Record<Column, string>>; problems: RowProblem[] } {
  const map: Partial<Record<Column, string>> = {};
  const problems: RowProblem[] = [];
  for (const h of headers) {
    const key = h.toLowerCase();
    const col = (Object.keys(COLUMNS) as Column[]).find((c) => (COLUMNS[c] as readonly string[]).includes(key));
    if (col) map[col] = h;
    else if (h !== "" && !EXPORT_ONLY.has(key)) problems.push({ row: 1, column: h, reason: "不认识的列名" });
  }
  for (const c of REQUIRED)
    if (!map[c]) problems.push({ row: 1, column: c, reason: `缺少必需的列(${COLUMNS[c].join(" / ")})` });
  if (!map.text && !map.value) problems.push({ row: 1, column: "text", reason: "缺少进展内容列(text / 进展)" });
  return { map, problems };
}

/** Checks every row; returns the records only when no row has a problem. */
export function checkImport(table: Table, source: "import" | "cli", deps: ImportDeps): ImportCheck {
  if (table.rows.length === 0) return { ok: false, problems: [{ row: 1, column: "", reason: "文件中没有数据行" }] };
  const { map, problems } = columnMap(table.headers);
  if (problems.length > 0) return { ok: false, problems };
  const get = (cells: Record<string, string>, c: Column) => (map[c] ? (cells[map[c]] ?? "") : "");
  const records: NewProgress[] = [];
  for (const { row, cells } of table.rows) {
    const kind = get(cells, "kind");
    if (kind !== "" && kind !== "report") {
      problems.push({ row, column: map.kind ?? "kind", reason: "撤销记录不能导入,请在系统里撤销" });
      continue;
    }
    const valueText = get(cells, "value").replace(/,/g, "");
    const value = valueText === "" ? undefined : Number(valueText);
    if (value !== undefined && !Number.isFinite(value)) {
      problems.push({ row, column: map.value ?? "value", reason: `“${valueText}”不是数字` });
      continue;
    }
    const reporter = get(cells, "reporter");
    if (reporter === "") {
      problems.push({ row, column: map.reporter ?? "reporter", reason: "填报人不能为空" });
      continue;
    }
    const metric = get(cells, "metric");
    const unit = get(cells, "unit");
    const plan = get(cells, "plan");
    const prepared = prepareRecord(
      {
        plan: plan === "" ? undefined : plan,
        task: get(cells, "task"),
        text: get(cells, "text"),
        metric: metric === "" ? undefined : metric,
        value,
        unit: unit === "" ? undefined : unit,
        asOf: get(cells, "date"),
        reporterId: reporter,
        reporterName: get(cells, "reporter_name") || null,
        department: get(cells, "department") || null,
        source,
      },
      deps,
    );
    if (!prepared.ok) {
      problems.push({ row, column: map[prepared.field as Column] ?? prepared.field, reason: prepared.reason });
      continue;
    }
    // A row whose text reports several targets (and names no metric or value) gives a record per target.
    records.push(...prepared.toStore.map((s) => s.record));
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, records };
}

export function describeProblems(problems: readonly RowProblem[]): string {
  return problems.map((p) => `第 ${p.row} 行 [${p.column}]:${p.reason}`).join("\n");
}

/** Checks and stores a table all or nothing: either every row is stored or none is. */
export function importTable(
  table: Table,
  store: ProgressStore,
  deps: ImportDeps,
  audit: AuditInfo,
): { ok: true; stored: ProgressRecord[] } | { ok: false; problems: RowProblem[] } {
  const checked = checkImport(table, "import", deps);
  if (!checked.ok) return checked;
  return { ok: true, stored: store.addMany(checked.records, audit) };
}

export const EXPORT_HEADERS = [
  "id",
  "plan",
  "task",
  "metric",
  "metric_name",
  "value",
  "unit",
  "text",
  "reporter",
  "reporter_name",
  "department",
  "date",
  "source",
  "kind",
  "supersedes",
  "recorded_at",
];

export function exportRows(
  records: readonly ProgressRecord[],
  plans: readonly ResponsibilityMatrix[],
): (string | number | null)[][] {
  const metricName = (r: ProgressRecord) =>
    plans
      .find((p) => p.slug === r.plan)
      ?.tasks.find((t) => t.no === r.taskNo)
      ?.targets.find((t) => t.id === r.targetId)?.metric ?? null;
  return records.map((r) => [
    r.id,
    r.plan,
    r.taskNo,
    r.targetId,
    metricName(r),
    r.value,
    r.unit,
    r.text,
    r.reporterId,
    r.reporterName,
    r.department,
    r.asOf,
    r.source,
    r.kind,
    r.supersedes,
    r.recordedAt,
  ]);
}
