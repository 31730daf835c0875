// What the answering core takes and gives. Transports and the digest only see these types.
import { z } from "zod";
import type { Task } from "../plan/schema.js";
import type { ProgressReader } from "../progress/schema.js";

export const Intent = z.enum([
  "lead",
  "partners",
  "targets",
  "progress",
  "status",
  "recent",
  "dept_tasks",
  "goals",
  "measures",
  "task_list",
  "plan_info",
  "help",
  "not_covered",
]);
export type Intent = z.infer<typeof Intent>;

export interface AnswerContext {
  progress?: ProgressReader;
  /** today's date in the plan's time zone, YYYY-MM-DD (fixed in tests) */
  today: string;
  /** a target with no record for this many days is stale */
  staleDays: number;
  /** the asker's departments when the chat knows them (reporters file), for "我们部门…"; empty or absent: unknown */
  askerDepartments?: readonly string[];
  /** the plan (slug) of the group asked in (chats file), when its question names none */
  homePlan?: string;
}

export interface Answer {
  intent: Intent;
  /** slug of the plan answered from; null when nothing matched */
  plan: string | null;
  tasks: Task[];
  /** rendered WeCom markdown */
  text: string;
}
