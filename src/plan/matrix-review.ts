// Applies the values a person corrected in the review sheet to a matrix: each only while the plan's words it was
// read from still stand, so a re-import keeps the review and says where the text changed under it.
import { readBaseline, writeBaseline } from "./baseline-cell.js";
import { readDeadline } from "./import/deadlines.js";
import type { ReviewFile } from "./review.js";
import { Comparison, type ResponsibilityMatrix, type Target, type Task } from "./schema.js";

export type ReviewEntry = ReviewFile["matrix"][number];

/** what a reviewer writes in 比较 to remove a target the import read wrongly */
export const DELETE = "删除";

export const TASK_FIELDS = ["title", "lead", "partners", "deadline"] as const;
/** in the sheet's column order; unit comes before from, whose bare number takes the target's unit */
export const TARGET_FIELDS = ["metric", "value", "unit", "year", "comparison", "deadline", "from"] as const;
export type TaskField = (typeof TASK_FIELDS)[number];
export type TargetField = (typeof TARGET_FIELDS)[number];

/** What a task's review is read against: its text and attribution as imported (a title edit does not move it). */
export function taskAnchor(t: Task): string {
  return `${t.label}${t.text}|${t.attribution}`;
}

export function targetAnchor(t: Target): string {
  return t.sentence;
}

export const splitUnits = (cell: string): string[] =>
  cell
    .split(/[、,，;；\s]+/)
    .map((u) => u.trim())
    .filter(Boolean);

/** A field's value as the sheet shows it (and as the review file stores it). */
export function taskCell(t: Task, field: TaskField): string {
  if (field === "lead" || field === "partners") return t[field].join("、");
  if (field === "deadline") return t.deadline?.text ?? "";
  return t.title;
}

export function targetCell(t: Target, field: TargetField): string {
  if (field === "value") return t.value === null ? "" : String(t.value);
  if (field === "year") return t.year === null ? "" : String(t.year);
  if (field === "deadline") return t.deadline?.text ?? "";
  if (field === "from") return t.from ? writeBaseline(t.from) : "";
  return t[field];
}

function setTask(t: Task, field: TaskField, value: string): Task {
  if (field === "lead" || field === "partners") return { ...t, [field]: splitUnits(value) };
  if (field === "deadline") {
    const { deadline: _, ...rest } = t;
    const d = readDeadline(value);
    return d ? { ...rest, deadline: d } : rest;
  }
  return { ...t, title: value.trim() };
}

function setTarget(t: Target, field: TargetField, value: string): Target {
  const v = value.trim();
  if (field === "value") return { ...t, value: v === "" ? null : Number(v), valueText: v === "" ? t.valueText : v };
  if (field === "year") return { ...t, year: v === "" ? null : Number(v) };
  if (field === "comparison") return { ...t, comparison: Comparison.parse(v) };
  if (field === "deadline") {
    const { deadline: _, ...rest } = t;
    const d = readDeadline(v);
    return d ? { ...rest, deadline: d } : rest;
  }
  if (field === "from") {
    const { from: _, ...rest } = t;
    if (v === "") return rest;
    // the sheet checked the cell; one that no longer reads (review.yaml edited by hand) leaves the target as it is
    const b = readBaseline(v);
    return b ? { ...rest, from: { ...b, unit: b.unit ?? t.unit } } : t;
  }
  return { ...t, [field]: v };
}

const FIELD_NAMES: Record<string, string> = {
  title: "任务名称",
  lead: "牵头单位",
  partners: "配合单位",
  deadline: "完成时限",
  metric: "指标",
  value: "数值",
  unit: "单位",
  year: "年份",
  comparison: "比较",
  from: "基线",
  target: "新增指标",
};

export function describeRef(ref: string): string {
  if (ref === "task:0") return "总体目标";
  return ref.startsWith("task:") ? `任务${ref.slice(5)}` : `指标${ref}`;
}

export function describeChange(e: Pick<ReviewEntry, "ref" | "field" | "value">): string {
  if (e.field === "target") {
    const f = JSON.parse(e.value) as Record<string, string>;
    return `${describeRef(e.ref)}新增指标“${f.metric} ${f.value}${f.unit}”${f.from ? `,基线“${f.from}”` : ""}`;
  }
  if (e.field === "from" && e.value === "") return `清空${describeRef(e.ref)}的基线`;
  if (e.field === "comparison" && e.value === DELETE) return `删去${describeRef(e.ref)}`;
  return `${describeRef(e.ref)}的${FIELD_NAMES[e.field] ?? e.field}改为“${e.value}”`;
}

/** The matrix with every review entry whose anchor still stands; the rest are named in notes. */
export function applyMatrixReview(
  matrix: ResponsibilityMatrix,
  entries: ReviewEntry[],
): { matrix: ResponsibilityMatrix; applied: number; notes: string[] } {
  const notes: string[] = [];
  let applied = 0;
  let tasks = matrix.tasks;
  let goals = matrix.goals;
  for (const e of entries) {
    const what = `${describeRef(e.ref)}的${FIELD_NAMES[e.field] ?? e.field}`;
    const stale = () =>
      notes.push(
        `${what}:人工审核值“${e.value}”(${e.reviewedBy},${e.reviewedAt.slice(0, 10)})未沿用——原文在此处已改动,请重新审核`,
      );
    const taskNo = /^task:(\d+)$/.exec(e.ref)?.[1];
    if (taskNo !== undefined && e.field === "target") {
      // A target the import missed, added by the reviewer: kept while its sentence is still the task's.
      const no = Number(taskNo);
      const owner = no === 0 ? goals : tasks.find((t) => t.no === no);
      if (!owner?.sentences.includes(e.anchor)) {
        stale();
        continue;
      }
      const f = JSON.parse(e.value) as Record<TargetField, string>;
      const used = owner.targets.map((t) => Number(t.id.split("-")[1]));
      const base: Target = {
        id: `t${no}-${Math.max(0, ...used) + 1}`,
        taskNo: no,
        metric: f.metric,
        value: null,
        valueText: f.value,
        unit: f.unit,
        year: null,
        comparison: "其他",
        sentence: e.anchor,
        warnings: [],
      };
      const added = TARGET_FIELDS.reduce((t, field) => setTarget(t, field, f[field] ?? ""), base);
      if (no === 0) goals = { ...goals, targets: [...goals.targets, added] };
      else tasks = tasks.map((t) => (t === owner ? { ...t, targets: [...t.targets, added] } : t));
      applied++;
      continue;
    }
    if (taskNo !== undefined) {
      const task = tasks.find((t) => t.no === Number(taskNo));
      if (!task || taskAnchor(task) !== e.anchor || !(TASK_FIELDS as readonly string[]).includes(e.field)) {
        stale();
        continue;
      }
      tasks = tasks.map((t) => (t === task ? setTask(t, e.field as TaskField, e.value) : t));
      applied++;
      continue;
    }
    const inGoals = goals.targets.find((t) => t.id === e.ref);
    const owner = inGoals ? undefined : tasks.find((t) => t.targets.some((x) => x.id === e.ref));
    const target = inGoals ?? owner?.targets.find((x) => x.id === e.ref);
    if (!target || targetAnchor(target) !== e.anchor || !(TARGET_FIELDS as readonly string[]).includes(e.field)) {
      stale();
      continue;
    }
    if (e.field === "comparison" && e.value === DELETE) {
      if (inGoals) goals = { ...goals, targets: goals.targets.filter((t) => t !== target) };
      else tasks = tasks.map((t) => (t === owner ? { ...t, targets: t.targets.filter((x) => x !== target) } : t));
      applied++;
      continue;
    }
    const next = setTarget(target, e.field as TargetField, e.value);
    if (inGoals) goals = { ...goals, targets: goals.targets.map((t) => (t === target ? next : t)) };
    else
      tasks = tasks.map((t) => (t === owner ? { ...t, targets: t.targets.map((x) => (x === target ? next : x)) } : t));
    applied++;
  }
  return { matrix: { ...matrix, tasks, goals }, applied, notes };
}
