// Lines about a task's recorded progress, for answers: latest record, attainment per target with a bar, status.
import type { AnswerContext } from "../answer/types.js";
import type { ResponsibilityMatrix, Target, Task } from "../plan/schema.js";
import { newestFirst } from "./effective.js";
import { formatNumber, formatPercent, recordText, reporterLabel, textBar } from "./format.js";
import type { ProgressRecord } from "./schema.js";
import { STATUS_LABEL, type TargetProgress, taskProgress } from "./status.js";

export const NO_PROGRESS = "暂无进展记录";

/** MM-DD within `today`'s year, the full day otherwise (a year-end figure read in January). */
export const dayLabel = (day: string, today: string) => (day.slice(0, 4) === today.slice(0, 4) ? day.slice(5) : day);

/** One record as the digest and "最近有什么新进展" list it: task, bound figure and share, text, who, which day. */
export function recordLine(plan: ResponsibilityMatrix, r: ProgressRecord, today: string): string {
  const task = plan.tasks.find((t) => t.no === r.taskNo);
  const target = task?.targets.find((t) => t.id === r.targetId);
  let figure = "";
  if (target && r.value !== null) {
    const share = target.value && target.value > 0 ? ` ${formatPercent(r.value / target.value)}` : "";
    figure = ` **${target.metric} ${formatNumber(r.value)}${target.unit}${share}**`;
  }
  const fix = r.supersedes ? "(更正)" : "";
  return `- 任务${r.taskNo}${fix}${figure}:${recordText(r.text, 60)} —— ${reporterLabel(r)} ${dayLabel(r.asOf, today)}`;
}

/** `only` limits the per-target lines to the targets an answer is about. */
export function renderTaskProgress(
  plan: ResponsibilityMatrix,
  task: Task,
  ctx: AnswerContext,
  only?: Target[],
): string[] {
  const progress = taskProgress(plan, task, ctx.progress, ctx.today, ctx.staleDays);
  const shown = only ? progress.targets.filter((t) => only.includes(t.target)) : progress.targets;
  // Asked about some targets, the latest record shown is theirs, not a record about another target of the task.
  const latest = only
    ? (shown.flatMap((t) => (t.latest ? [t.latest] : [])).sort(newestFirst)[0] ?? null)
    : progress.latest;
  const lines: string[] = [];
  if (latest) {
    lines.push(`最新进展(${latest.asOf},${reporterLabel(latest)}):${recordText(latest.text, 80)}`);
  } else {
    // Never reported counts from the period's start (status.ts): say so, or "over 30 days" reads as a record's age.
    lines.push(progress.stale ? `${NO_PROGRESS}(规划期开始已超过 ${ctx.staleDays} 天)` : NO_PROGRESS);
  }
  if (latest && progress.stale) lines.push(`⚠ 已超过 ${ctx.staleDays} 天没有新的进展记录`);
  // With nothing recorded for the task at all, a line per target would only repeat the targets above.
  if (!progress.latest) return lines;
  for (const t of shown) lines.push(renderTargetLine(t));
  return lines;
}

/** e.g. "- 专精特新企业:520/600家 ▓▓▓▓▓▓▓▓░░ 86% · 进度正常(时间进度 45%)" */
/** " · 较2025-03-31 +2家": how far the latest figure moved from the one before it, in the same unit. */
function moved(p: TargetProgress): string {
  const { latest, previous, target } = p;
  if (!latest || !previous || latest.value === null || previous.value === null) return "";
  if ((latest.unit ?? target.unit) !== (previous.unit ?? target.unit)) return "";
  const delta = latest.value - previous.value;
  const sign = delta > 0 ? "+" : delta < 0 ? "−" : "±";
  return ` · 较${previous.asOf} ${sign}${formatNumber(Math.abs(delta))}${latest.unit ?? target.unit}`;
}

/** "(自68%起)" after a share measured from the plan's starting level: 31% of the way from 68%, not 31% of 90%. */
export function baselineNote(p: TargetProgress): string {
  return p.baseline ? `(自${formatNumber(p.baseline.value)}${p.target.unit}起)` : "";
}

export function renderTargetLine(p: TargetProgress): string {
  const { target, latest, attained } = p;
  // a relative target keeps its verb, so "0.5个百分点" reads as a change, not a level
  const verb = target.comparison === "提升" || target.comparison === "下降" ? target.comparison : "";
  const figure = target.value === null ? target.valueText || "(原文缺数字)" : formatNumber(target.value);
  const goal = `${verb}${figure}${target.unit}`;
  const prefix = `- ${target.metric}${p.ended ? "(最终)" : ""}:`;
  const status = STATUS_LABEL[p.status];
  if (!latest) return `${prefix}目标 ${goal} · ${status}`;
  if (latest.value === null) return `${prefix}目标 ${goal} · ${latest.asOf} 有文字记录,无数值 · ${status}`;
  const got = `${verb ? `已${verb}` : ""}${formatNumber(latest.value)}${latest.unit ?? target.unit}`;
  if (target.comparison === "不超过") return `${prefix}${got}(${latest.asOf})/上限 ${goal} · ${status}`;
  if (target.comparison === "进入前") return `${prefix}第${got}(${latest.asOf})/目标 前${goal} · ${status}`;
  if (attained === null) {
    const why = target.value === null ? "目标数值在原文中缺失" : "单位不一致";
    return `${prefix}${got}(${latest.asOf})· ${why},无法计算完成度`;
  }
  const pace = p.status === "behind" || p.status === "on_pace" ? `(时间进度 ${formatPercent(p.expected ?? 0)})` : "";
  // How far from the target, in its unit: the plan's figure less the recorded one (both exact, nothing estimated).
  const short =
    target.value !== null && latest.value < target.value && (latest.unit ?? target.unit) === target.unit
      ? ` · 还差 ${formatNumber(target.value - latest.value)}${target.unit}`
      : "";
  return `${prefix}${got}/${goal} ${textBar(attained)} ${formatPercent(attained)}${baselineNote(p)}${short}${moved(p)} · ${status}${pace}`;
}
