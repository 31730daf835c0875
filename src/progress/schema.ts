// Progress records: what departments report against a plan's tasks and targets. Append-only.
import { z } from "zod";

export const ProgressSource = z.enum(["chat", "cli", "api", "import"]);
export type ProgressSource = z.infer<typeof ProgressSource>;

/** report = a statement of progress; retraction = withdraws the record it supersedes (撤销), shows nothing itself */
export const ProgressKind = z.enum(["report", "retraction"]);
export type ProgressKind = z.infer<typeof ProgressKind>;

/**
 * How a record's figure came to its target: explicit = the sender named the target (--metric, a table's metric
 * column, the API's metric); named = the words beside the figure named it; sole = the words named no quantity and
 * the task has one target in that unit. null: no figure bound, or a record stored before this was kept.
 */
export const BoundBy = z.enum(["explicit", "named", "sole"]);
export type BoundBy = z.infer<typeof BoundBy>;

/** A real calendar day, YYYY-MM-DD (rejects 2024-02-30). */
export const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期应为 YYYY-MM-DD")
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, "不存在的日期");

/** What a caller submits; the store adds id and recordedAt. */
export const NewProgress = z.object({
  plan: z.string().min(1),
  taskNo: z.number().int().positive(),
  /** Target id (e.g. t9-1) when the value is bound to a target; null = free text only */
  targetId: z.string().nullable().default(null),
  value: z.number().finite().nullable().default(null),
  unit: z.string().nullable().default(null),
  text: z.string().min(1).max(2000),
  reporterId: z.string().min(1),
  reporterName: z.string().nullable().default(null),
  department: z.string().nullable().default(null),
  source: ProgressSource,
  /** the day the progress refers to, YYYY-MM-DD */
  asOf: IsoDay,
  /** id of the record this one corrects (or, for a retraction, withdraws) */
  supersedes: z.number().int().positive().nullable().default(null),
  kind: ProgressKind.default("report"),
  boundBy: BoundBy.nullable().default(null),
});
export type NewProgress = z.input<typeof NewProgress>;

export const ProgressRecord = NewProgress.extend({
  id: z.number().int().positive(),
  /** ISO timestamp of when it was stored */
  recordedAt: z.string(),
});
export type ProgressRecord = z.infer<typeof ProgressRecord>;

/** Read side used by answers, digest and dashboard. Implemented by the store. */
export interface ProgressReader {
  /** Effective (not superseded, not retracted) records of a task, newest asOf first. */
  forTask(plan: string, taskNo: number, limit?: number): ProgressRecord[];
}

/** Who wrote a record and through what, for the audit trail (e.g. actor "wecom:zhangsan", via "chat:wecom-bot"). */
export interface AuditInfo {
  actor: string;
  via: string;
}
