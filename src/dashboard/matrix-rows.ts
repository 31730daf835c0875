// The matrix as dashboard rows: one row a task, each target with its latest record and status; plus the filters over them.
import type { ResponsibilityMatrix, SourceWarning, Task } from "../plan/schema.js";
import type { ProgressReader } from "../progress/schema.js";
import {
  type TargetProgress,
  type TargetStatus,
  TargetStatus as TargetStatuses,
  taskProgress,
} from "../progress/status.js";

export interface TaskRow {
  plan: ResponsibilityMatrix;
  task: Task;
  targets: TargetProgress[];
  /** asOf of the newest effective record of the task, bound to a target or not */
  latestAsOf: string | null;
  /** statuses present on the row; a task without targets is stale, recorded or no_record by its reports */
  statuses: Set<TargetStatus>;
  warnings: SourceWarning[];
}

export interface RowContext {
  progress: ProgressReader | undefined;
  today: string;
  staleDays: number;
}

/** The bar's fill: attained share clamped to 0..1 (over-achievement shows full; the figure itself is printed). */
export function barFraction(attained: number | null): number | null {
  return attained === null ? null : Math.max(0, Math.min(1, attained));
}

export function taskWarnings(plan: ResponsibilityMatrix, taskNo: number): SourceWarning[] {
  return plan.warnings.filter((w) => w.taskNo === taskNo);
}

export function buildTaskRow(plan: ResponsibilityMatrix, task: Task, ctx: RowContext): TaskRow {
  const progress = taskProgress(plan, task, ctx.progress, ctx.today, ctx.staleDays);
  const statuses = new Set<TargetStatus>(progress.targets.map((t) => t.status));
  if (progress.targets.length === 0) {
    statuses.add(progress.stale ? "stale" : progress.latest ? "recorded" : "no_record");
  }
  return {
    plan,
    task,
    targets: progress.targets,
    latestAsOf: progress.latest?.asOf ?? null,
    statuses,
    warnings: taskWarnings(plan, task.no),
  };
}

export function buildRows(plans: readonly ResponsibilityMatrix[], ctx: RowContext): TaskRow[] {
  return plans.flatMap((plan) => plan.tasks.map((task) => buildTaskRow(plan, task, ctx)));
}

export type DepartmentRole = "any" | "lead" | "partner";

export interface RowFilter {
  plan?: string;
  department?: string;
  role: DepartmentRole;
  status?: TargetStatus;
  /** keep only these tasks (plan slug + task number), e.g. the tasks a search answer names */
  only?: ReadonlySet<string>;
}

export const taskKey = (plan: string, taskNo: number): string => `${plan}#${taskNo}`;

export function filterRows(rows: readonly TaskRow[], filter: RowFilter): TaskRow[] {
  return rows.filter((row) => {
    if (filter.plan && row.plan.slug !== filter.plan) return false;
    if (filter.only && !filter.only.has(taskKey(row.plan.slug, row.task.no))) return false;
    if (filter.status && !row.statuses.has(filter.status)) return false;
    if (filter.department) {
      const d = filter.department;
      const inLead = row.task.lead.includes(d);
      const inPartners = row.task.partners.includes(d);
      if (filter.role === "lead" && !inLead) return false;
      if (filter.role === "partner" && !inPartners) return false;
      if (filter.role === "any" && !inLead && !inPartners) return false;
    }
    return true;
  });
}

/** Every department named as lead or partner, in first-seen order. */
export function departmentsOf(plans: readonly ResponsibilityMatrix[]): string[] {
  const seen = new Set<string>();
  for (const plan of plans) for (const t of plan.tasks) for (const d of [...t.lead, ...t.partners]) seen.add(d);
  return [...seen];
}

/** How many targets carry each status, for the summary line. */
export function countStatuses(rows: readonly TaskRow[]): Record<TargetStatus, number> {
  const counts = Object.fromEntries(TargetStatuses.map((s) => [s, 0])) as Record<TargetStatus, number>;
  for (const row of rows) {
    for (const t of row.targets) counts[t.status]++;
  }
  return counts;
}
