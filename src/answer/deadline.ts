// "什么时候完成" / "截止时间": a task's and its targets' deadlines as the plan states them (完成时限, 2025年底前, 每年).
import type { Target, Task } from "../plan/schema.js";
import type { ParsedQuestion } from "./question.js";
import type { Resolution } from "./resolution.js";

/** A question about when something falls due. */
export const ASKS_DEADLINE =
  /什么时候(完成|到期|结束|截止|要完成)|何时(完成|到期|截止)|啥时候(完成|到期)|哪天(完成|到期)|截止(时间|日期|到什么时候|到哪天)|完成时限|时限|期限|完成时间|deadline|\bdue\b/i;

/** The words of such a question, which are not its subject ("上市公司什么时候完成" is about 上市公司). */
export const DEADLINE_WORDS =
  /什么时候|何时|啥时候|哪天|截止时间|截止日期|截止到|截止|完成时限|时限|期限|完成时间|到期|deadline|\bdue\b/gi;

/** Marks a task's or the goals' answer as asked when it falls due; other answers are left as they are. */
export function withDeadlineAsked(q: ParsedQuestion, r: Resolution): Resolution {
  if (!ASKS_DEADLINE.test(q.normalized)) return r;
  if (r.kind === "task" || r.kind === "goals") return { ...r, asksDeadline: true };
  return r;
}

function dueText(d: { text: string; date?: string }): string {
  return d.date && !d.text.includes(d.date) ? `${d.text}(${d.date})` : d.text;
}

function targetDue(t: Target): string | null {
  if (t.deadline) return dueText(t.deadline) + (t.yearReading ? `,${t.yearReading}` : "");
  return t.year !== null ? `${t.year}年` : null;
}

/** The deadline lines of a task (or of the goals, task null): what the plan states, and plainly when it states none. */
export function renderDeadlines(task: Task | null, targets: Target[]): string[] {
  const lines = ["**完成时限**"];
  if (task) lines.push(task.deadline ? `任务:${dueText(task.deadline)}` : "任务:原文未写明完成时限");
  for (const t of targets) {
    const due = targetDue(t);
    lines.push(`- ${t.metric} ${t.valueText}${t.unit}:${due ?? "原文未写明时间"}`);
  }
  if (!task?.deadline && targets.every((t) => targetDue(t) === null)) lines.push("计划未写明完成时间。");
  return lines;
}
