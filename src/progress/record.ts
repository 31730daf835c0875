// Turns a progress request from any channel (chat, CLI, API, import) into a validated NewProgress bound to its task.
import type { Answerer } from "../answer/answerer.js";
import type { ResponsibilityMatrix, Target, Task } from "../plan/schema.js";
import type { Glossary } from "../search/glossary.js";
import { type Binding, bindFigure, figuresInUnit, type NamingContext } from "./bind.js";
import { figureSubjects } from "./figure-subjects.js";
import { resolveTask } from "./resolve-task.js";
import { type BoundBy, IsoDay, type NewProgress, type ProgressSource } from "./schema.js";
import { bindEachTarget } from "./split-report.js";

export interface RecordRequest {
  plan?: string;
  /** task number or a reference such as 任务九 / 上市公司 */
  task: string | number;
  text: string;
  /** explicit target: id (t9-1) or metric name */
  metric?: string;
  value?: number;
  unit?: string;
  asOf: string;
  reporterId: string;
  reporterName?: string | null;
  department?: string | null;
  source: ProgressSource;
  supersedes?: number | null;
  /** words that may name the metric, e.g. the chat's task reference "上市公司" */
  hint?: string;
  /**
   * How `metric` was chosen when the binding rule chose it from the words rather than the person (a sheet's value
   * cell): kept on the record, so that `progress list --bound-by-rule` lists it for review. Absent: as given.
   */
  boundBy?: BoundBy;
}

export type Prepared =
  | {
      ok: true;
      plan: ResponsibilityMatrix;
      task: Task;
      binding: Binding;
      record: NewProgress;
      /**
       * What to store: `record` with its binding, or, for a text that reports several targets with each figure
       * naming its own, one record per target (split-report.ts).
       */
      toStore: { binding: Binding; record: NewProgress }[];
    }
  /** `unreadable`: the task reference is not one this reads (a malformed request, not an unknown task) */
  | { ok: false; field: string; reason: string; unreadable?: true };

export interface PrepareDeps {
  plans: readonly ResponsibilityMatrix[];
  answerer: Pick<Answerer, "findTasks">;
  /** today in the plans' time zone: progress cannot refer to a later day */
  today: string;
  /** the glossary's wordings count as names of the metrics they map to (高企 → 高新技术企业); none when absent */
  glossary?: Glossary;
}

/** A target named by id, exact metric, or a metric name that contains (or is contained in) the given words. */
export function findTarget(task: Task, metric: string): Target[] {
  const m = metric.trim();
  const exact = task.targets.filter((t) => t.id === m || t.metric === m);
  if (exact.length > 0) return exact;
  return task.targets.filter((t) => t.metric.includes(m) || m.includes(t.metric));
}

function explicitBinding(
  task: Task,
  req: RecordRequest,
  ctx: NamingContext,
): Binding | { error: string; field: string } {
  const targets = req.metric !== undefined ? findTarget(task, req.metric) : task.targets;
  if (req.metric !== undefined && targets.length === 0) {
    const names = task.targets.map((t) => `${t.id} ${t.metric}`).join("、") || "无";
    return { field: "metric", error: `任务${task.no}没有指标“${req.metric}”(可选:${names})` };
  }
  if (targets.length > 1) {
    if (req.value === undefined) {
      const b = bindFigure({ ...task, targets }, req.text, req.metric, req.asOf, ctx);
      return b.bound ? { ...b, by: "explicit" } : b;
    }
    return {
      field: "metric",
      error: `请指明指标,任务${task.no}有 ${targets.length} 个指标:${targets.map((t) => t.metric).join("、")}`,
    };
  }
  const target = targets[0];
  if (!target) return { field: "metric", error: `任务${task.no}没有量化指标,只能记录文字` };
  if (req.unit !== undefined && req.unit !== target.unit) {
    return { field: "unit", error: `单位“${req.unit}”与指标单位“${target.unit}”不一致` };
  }
  // A value without a metric goes to the task's only target, unless the text says it counts something else.
  const by = req.metric !== undefined ? "explicit" : "sole";
  if (by === "sole") {
    const other = figureSubjects(task, req.text, "", ctx).find((f) => f.subject.kind === "other");
    if (other) {
      return {
        field: "metric",
        error: `文中“${other.words}${other.figure.raw}”说的不是指标“${target.metric}”;如确是该指标,请同时给出 metric(${target.id})`,
      };
    }
  }
  if (req.value !== undefined) return { bound: true, target, value: req.value, unit: target.unit, by };
  const figures = figuresInUnit(req.text, target.unit);
  if (figures.length === 1 && figures[0]) {
    return { bound: true, target, value: figures[0].value, unit: target.unit, by };
  }
  return { field: "value", error: `请给出“${target.metric}”的数值(${target.unit})` };
}

export function prepareRecord(req: RecordRequest, deps: PrepareDeps): Prepared {
  const text = req.text.trim();
  if (text === "" && req.value === undefined) return { ok: false, field: "text", reason: "进展内容不能为空" };
  if (text.length > 2000) return { ok: false, field: "text", reason: "进展内容超过 2000 字" };
  const day = IsoDay.safeParse(req.asOf);
  if (!day.success) return { ok: false, field: "date", reason: `日期“${req.asOf}”无效,应为 YYYY-MM-DD` };
  if (req.asOf > deps.today) return { ok: false, field: "date", reason: `日期 ${req.asOf} 晚于今天(${deps.today})` };
  if (req.value !== undefined && !Number.isFinite(req.value)) return { ok: false, field: "value", reason: "数值无效" };
  const found = resolveTask(String(req.task), deps.plans, deps.answerer, req.plan);
  if (!found.found) {
    if (found.unreadable) return { ok: false, field: "task", reason: found.reason, unreadable: true };
    const also = found.candidates.map((c) => `任务${c.task.no}「${c.task.title}」`).join("、");
    return { ok: false, field: "task", reason: also ? `${found.reason}:${also}` : found.reason };
  }
  const { plan, task } = found;
  const explicit = req.metric !== undefined || req.value !== undefined;
  const hint = req.hint ?? (typeof req.task === "string" ? req.task : "");
  const ctx: NamingContext = { plan, glossary: deps.glossary };
  const bound = explicit ? explicitBinding(task, req, ctx) : bindFigure(task, text, hint, req.asOf, ctx);
  if ("error" in bound) return { ok: false, field: bound.field, reason: bound.error };
  const binding: Binding = bound.bound && req.boundBy ? { ...bound, by: req.boundBy } : bound;
  const record: NewProgress = {
    plan: plan.slug,
    taskNo: task.no,
    targetId: binding.bound ? binding.target.id : null,
    value: binding.bound ? binding.value : null,
    unit: binding.bound ? binding.unit : null,
    text: text === "" && binding.bound ? `${binding.target.metric} ${binding.value}${binding.unit}` : text,
    reporterId: req.reporterId,
    reporterName: req.reporterName ?? null,
    department: req.department ?? null,
    source: req.source,
    asOf: req.asOf,
    supersedes: req.supersedes ?? null,
    boundBy: binding.bound ? binding.by : null,
  };
  // Split before the single binding is kept: it would take one of the figures and leave the others as text. Only a
  // new report written as free text is split: a correction replaces one record, and an explicit metric or value
  // already says which target is meant.
  const split = explicit || record.supersedes !== null ? null : bindEachTarget(task, text, hint, req.asOf, ctx);
  const toStore = split?.map((b) => ({
    binding: b,
    record: { ...record, targetId: b.target.id, value: b.value, unit: b.unit, boundBy: b.by },
  })) ?? [{ binding, record }];
  return { ok: true, plan, task, binding, record, toStore };
}
