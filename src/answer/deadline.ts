// "什么时候完成" / "截止时间": a task's and its targets' deadlines as the plan states them (完成时限, 2025年底前, 每年).
import type { Target, Task } from "../plan/schema.js";
import type { ParsedQuestion } from "./question.js";
import { CLAUSE_END, subjectScore } from "./quote.js";
import type { Resolution } from "./resolution.js";

/** A question about when something falls due. */
export const ASKS_DEADLINE =
  /什么时候(完成|到期|结束|截止|要完成|上线|建成|投用|投运|开通|出台|实现|启动|落地)|何时(完成|到期|截止|上线|建成|实现)|啥时候(完成|到期|上线|建成)|哪天(完成|到期)|几月(份)?(?!几[号日])|哪个月|截止(时间|日期|到什么时候|到哪天)|完成时限|时限|期限|完成时间|deadline|\bdue\b/i;

/** The words of such a question, which are not its subject ("上市公司什么时候完成" is about 上市公司). */
export const DEADLINE_WORDS =
  /什么时候|何时|啥时候|哪天|几月份?(?:底|前)?|哪个月|截止时间|截止日期|截止到|截止|完成时限|时限|期限|完成时间|到期|deadline|\bdue\b/gi;

/** 2025年, 6月底前, 年底前, 第三季度, 上半年: words of a clause that say when */
const TIME_MARK = /(?:19|20)\d{2}年|\d{1,2}月(?:底|末|份)?前?|年底前|年内|上半年|下半年|第[一二三四]季度|季度末/;

/**
 * Marks a task's or the goals' answer as asked when it falls due; other answers are left as they are. Of a task,
 * the clause naming the subject with a time of its own ("第三季度上线全区涉企检查统一登记平台") is kept: the plan
 * does say when, even where the task has no 完成时限.
 */
export function withDeadlineAsked(q: ParsedQuestion, r: Resolution): Resolution {
  if (!ASKS_DEADLINE.test(q.normalized)) return r;
  if (r.kind === "goals") {
    // "全程网办率达到95%是几月底前要完成": the goals say the year; the task setting the same figure says the month.
    const carried = r.focus?.length ? carriedWithDeadline(r.plan.tasks, r.focus) : undefined;
    if (!carried) return { ...r, asksDeadline: true };
    return {
      kind: "task",
      plan: r.plan,
      task: carried.task,
      intents: r.intents,
      focus: carried.targets,
      asksDeadline: true,
    };
  }
  if (r.kind !== "task") return r;
  const names = subjectScore(q.topic);
  let best: { clause: string; score: number } | undefined;
  for (const clause of r.task.sentences.flatMap((s) => s.split(CLAUSE_END))) {
    const score = TIME_MARK.test(clause) ? names(clause) : 0;
    if (score > (best?.score ?? 1)) best = { clause: clause.trim(), score };
  }
  return { ...r, asksDeadline: true, ...(best ? { dueClause: best.clause } : {}) };
}

/** The one task whose targets set the same figures as some goals and say when they fall due. */
function carriedWithDeadline(tasks: Task[], goals: Target[]): { task: Task; targets: Target[] } | undefined {
  const same = (t: Target) => goals.some((g) => g.value !== null && g.value === t.value && g.unit === t.unit);
  const found = tasks
    .map((task) => ({ task, targets: task.targets.filter((t) => same(t) && t.deadline?.date) }))
    .filter((x) => x.targets.length > 0);
  return found.length === 1 ? found[0] : undefined;
}

function dueText(d: { text: string; date?: string }): string {
  return d.date && !d.text.includes(d.date) ? `${d.text}(${d.date})` : d.text;
}

function targetDue(t: Target): string | null {
  if (t.deadline) return dueText(t.deadline) + (t.yearReading ? `,${t.yearReading}` : "");
  return t.year !== null ? `${t.year}年` : null;
}

/**
 * The deadline lines of a task (or of the goals, task null): what the plan states, and plainly when it states none.
 * `dueClause`: the plan's clause saying when the subject asked about is due, shown first.
 */
export function renderDeadlines(task: Task | null, targets: Target[], dueClause?: string): string[] {
  const lines = ["**完成时限**"];
  if (dueClause) lines.push(`原文写明:“${dueClause.replace(/[。；;，,]$/, "")}”`);
  if (task) lines.push(task.deadline ? `任务:${dueText(task.deadline)}` : "任务:原文未写明完成时限");
  const timed = dueClause ? targets.filter((t) => targetDue(t) !== null) : targets;
  for (const t of timed) {
    const due = targetDue(t);
    lines.push(`- ${t.metric} ${t.valueText}${t.unit}:${due ?? "原文未写明时间"}`);
  }
  if (!dueClause && !task?.deadline && targets.every((t) => targetDue(t) === null)) lines.push("计划未写明完成时间。");
  return lines;
}
