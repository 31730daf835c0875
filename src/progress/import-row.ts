// One table row's records: the task its cell names, its figure bound to a target (by the rule chat messages use when
// no metric is named), a correction or retraction checked against the record it replaces.
import type { ResponsibilityMatrix, Task } from "../plan/schema.js";
import type { ProgressStore } from "../store/progress-store.js";
import { type Binding, bindGivenFigure, figuresInUnit, type NamingContext } from "./bind.js";
import { findTarget, type PrepareDeps, prepareRecord, type RecordRequest } from "./record.js";
import { resolveTask } from "./resolve-task.js";
import type { BoundBy, NewProgress, ProgressRecord } from "./schema.js";
import { labelNumber, readTaskCell } from "./sheets/cell-values.js";
import type { Column } from "./sheets/column-aliases.js";
import type { RowFields } from "./sheets/row-fields.js";

export interface RowRecordDeps extends PrepareDeps {
  /** the records a correction or retraction replaces, and what replaced them */
  known?: Pick<ProgressStore, "get" | "supersededBy">;
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
 * A figure written in the value column with no metric named: bound by the rule chat messages use, the row's
 * 进展情况 text being the message's words about the figure and the task cell its task reference (a task's number or
 * title, read as the chat reads a reference; never part of the words that name the quantity).
 */
function bindValueCell(
  task: Task,
  f: RowFields,
  ctx: NamingContext,
): { metric: string; value: number; by: BoundBy } | { error: string } | null {
  if (f.figure.kind !== "figure") return null;
  const unit = f.figure.unit ?? f.unit;
  if (unit === undefined) return null; // a bare number: the task's one target, or a request to name the metric
  const binding = bindGivenFigure(task, { value: f.figure.value, unit }, f.text, f.task, f.asOf, ctx);
  if (binding.bound) return { metric: binding.target.id, value: binding.value, by: binding.by };
  const why = binding.reason ?? "本任务没有量化指标";
  return { error: `“${f.valueText}${f.figure.unit ? "" : unit}”无法对应到任务${task.no}的指标:${why};请填写“指标”列` };
}

/**
 * Whether a row's metric column comes with a figure in the row's text (no value cell): a template's row has its
 * metric pre-filled, and one filled with words only (园区完成规划) is a text report, not a figure missing.
 */
function textStatesMetric(found: ReturnType<typeof resolveTask>, metric: string, text: string): boolean {
  if (!found.found) return true; // the task cell's problem, which prepareRecord names
  const targets = findTarget(found.task, metric);
  return targets.length === 0 || targets.some((t) => figuresInUnit(text, t.unit).length > 0);
}

export type RowRecords =
  | { ok: true; entries: { record: NewProgress; binding: Binding | null }[] }
  | { ok: false; column: Column; reason: string };

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

/**
 * The records a row (new, or an edited export row correcting `supersedes`) stores, checked as every channel's
 * records are.
 */
export function recordsOfRow(
  f: RowFields,
  supersedes: number | null,
  source: "import" | "cli",
  deps: RowRecordDeps,
): RowRecords {
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
  const resolved = () => resolveTask(ref, deps.plans, deps.answerer, f.plan);
  if (f.figure.kind === "figure") {
    const unit = f.figure.unit ?? f.unit;
    const found = f.metric === undefined ? resolved() : null;
    const bound = found?.found ? bindValueCell(found.task, f, { plan: found.plan, glossary: deps.glossary }) : null;
    if (bound && "error" in bound) return { ok: false, column: "value", reason: bound.error };
    if (bound) Object.assign(req, { metric: bound.metric, value: bound.value, boundBy: bound.by });
    else
      Object.assign(req, {
        value: f.figure.value,
        ...(f.metric ? { metric: f.metric } : {}),
        ...(unit ? { unit } : {}),
      });
  } else if (f.metric !== undefined && textStatesMetric(resolved(), f.metric, f.text)) {
    // A metric column is taken as given (issue 17): the figure in the text in its unit is that metric's.
    req.metric = f.metric;
  }
  const prepared = prepareRecord(req, deps);
  if (!prepared.ok) {
    // a unit written in the value cell (352.6亿元) is that cell's problem, not the unit column's
    const unitInValue = prepared.field === "unit" && f.figure.kind === "figure" && f.figure.unit !== null;
    return { ok: false, column: unitInValue ? "value" : (prepared.field as Column), reason: prepared.reason };
  }
  if (target && (target.plan !== prepared.plan.slug || target.taskNo !== prepared.task.no)) {
    return { ok: false, column: "task", reason: `#${target.id} 属于任务${target.taskNo},更正不能换任务;请新增一行` };
  }
  return { ok: true, entries: prepared.toStore.map((s) => ({ record: s.record, binding: s.binding })) };
}
