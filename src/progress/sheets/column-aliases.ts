// Which column a header names: the names progress sheets use (Chinese and English), the export's own, and the
// columns that carry nothing to store (序号, 备注), which are skipped by name and reported as skipped.
/** Every column the import reads, with the headers that name it (compared after folding width, case and spaces). */
export const COLUMN_NAMES = {
  id: ["id", "编号", "记录编号"],
  plan: ["plan", "计划"],
  task: ["task", "任务", "重点任务", "任务名称", "任务编号", "key task", "task name"],
  metric: ["metric", "指标", "指标名称", "indicator", "metric name", "target"],
  value: ["value", "数值", "完成值", "完成情况", "累计完成", "累计完成值", "actual", "completed", "achieved"],
  unit: ["unit", "单位", "计量单位"],
  text: ["text", "进展", "进展内容", "内容", "进展情况", "工作进展", "推进情况", "progress", "status"],
  reporter: ["reporter", "填报人", "联系人", "contact", "reported by"],
  reporter_name: ["reporter_name", "填报人姓名", "姓名", "reporter name"],
  department: [
    "department",
    "部门",
    "填报单位",
    "责任单位",
    "reporting unit",
    "responsible unit",
    "reporting department",
  ],
  /** the day the progress refers to */
  date: ["date", "日期", "截至日期", "截止日期", "统计日期", "as of", "as_of"],
  /** the day the sheet was filled in: the progress day only when nothing says 截至 */
  filed: ["填报日期", "报送日期", "report date", "filed on"],
  kind: ["kind", "类型"],
  supersedes: ["supersedes", "更正编号"],
  /** when the export's record was stored: tells this database's rows from another's with the same id */
  recorded_at: ["recorded_at", "记录时间"],
} as const;
export type Column = keyof typeof COLUMN_NAMES;

/** Columns read but not stored: a row number, a remark, the plan's own target, and what an export adds. */
const SKIPPED = [
  "序号",
  "备注",
  "说明",
  "目标值",
  "计划目标",
  "no",
  "no.",
  "#",
  "remark",
  "remarks",
  "note",
  "notes",
  "target value",
  "metric_name",
  "source",
];
/** Of the skipped, those an export writes: a round trip need not mention them. */
const EXPORT_ONLY = new Set(["metric_name", "source"]);

export type ColumnMatch =
  | { kind: "column"; column: Column }
  /** quiet: a column every export writes, not worth a note */
  | { kind: "skipped"; quiet: boolean }
  | { kind: "unknown" };

/** "完成\n值", "ＴＡＳＫ", "任务 名称" and "任务名称" are one header. */
export function foldHeader(header: string): string {
  return header
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, "")
    .trim();
}

const byName = new Map<string, Column>();
for (const [column, names] of Object.entries(COLUMN_NAMES) as [Column, readonly string[]][]) {
  for (const n of names) byName.set(foldHeader(n), column);
}
const skipped = new Set(SKIPPED.map(foldHeader));

export function matchColumn(header: string): ColumnMatch {
  const key = foldHeader(header);
  const column = byName.get(key);
  if (column) return { kind: "column", column };
  if (skipped.has(key)) return { kind: "skipped", quiet: EXPORT_ONLY.has(key) };
  return { kind: "unknown" };
}

/** The names shown when a required column is missing: the first Chinese and the English one. */
export function namesOf(column: Column): string {
  return COLUMN_NAMES[column].slice(0, 3).join(" / ");
}
