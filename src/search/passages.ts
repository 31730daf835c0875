// Cuts plans into the passages the index holds: a task, a target, the overall goals, a safeguard measure.
import type { ResponsibilityMatrix } from "../plan/schema.js";
import { normalizeText } from "./normalize.js";

export type PassageKind = "task" | "target" | "goals" | "measure";

export interface Passage {
  id: number;
  plan: string;
  kind: PassageKind;
  /** task number; 0 for the overall goals and for measures */
  taskNo: number;
  /** target id for targets, measure number for measures */
  ref: string;
  /** normalized title-like text (task title, target metric, measure title) */
  title: string;
  /** normalized body text */
  text: string;
}

export function passagesOf(plan: ResponsibilityMatrix, firstId: number): Passage[] {
  const out: Passage[] = [];
  const push = (p: Omit<Passage, "id" | "plan">) => out.push({ ...p, id: firstId + out.length, plan: plan.slug });
  push({ kind: "goals", taskNo: 0, ref: "goals", title: "总体目标", text: normalizeText(plan.goals.text) });
  for (const t of plan.goals.targets) {
    push({
      kind: "target",
      taskNo: 0,
      ref: t.id,
      title: normalizeText(t.metric),
      text: normalizeText(clauseOf(t.sentence, t.metric)),
    });
  }
  for (const task of plan.tasks) {
    push({
      kind: "task",
      taskNo: task.no,
      ref: String(task.no),
      title: normalizeText(task.title),
      text: normalizeText(task.text),
    });
    for (const t of task.targets) {
      push({
        kind: "target",
        taskNo: task.no,
        ref: t.id,
        title: normalizeText(t.metric),
        text: normalizeText(clauseOf(t.sentence, t.metric)),
      });
    }
  }
  for (const m of plan.measures) {
    push({ kind: "measure", taskNo: 0, ref: String(m.no), title: normalizeText(m.title), text: normalizeText(m.text) });
  }
  return out;
}

/** The clause of a sentence that names the metric, so a target passage is about that target only. */
function clauseOf(sentence: string, metric: string): string {
  const clauses = sentence.split(/[,，;；。]/);
  const head = metric.slice(0, 2);
  return clauses.find((c) => c.includes(head)) ?? metric;
}
