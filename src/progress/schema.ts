// Progress records: what departments report against a plan's tasks and targets. Append-only.
import { z } from "zod";

export const ProgressSource = z.enum(["chat", "cli", "api", "import"]);
export type ProgressSource = z.infer<typeof ProgressSource>;

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
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** id of the record this one corrects */
  supersedes: z.number().int().positive().nullable().default(null),
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
  /** Latest effective record per target of a task (keyed by targetId). */
  latestByTarget(plan: string, taskNo: number): Map<string, ProgressRecord>;
}
