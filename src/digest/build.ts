// Builds the morning digest: new progress, targets behind pace, stale tasks, days left or final attainment. Pure and deterministic.

import { byCodeUnits } from "../plan/code-unit-order.js";
import type { ResponsibilityMatrix, Task } from "../plan/schema.js";
import { noTargetNote, unheldInTask } from "../plan/stated-figures.js";
import { daysBetween } from "../progress/dates.js";
import { clip, formatPercent } from "../progress/format.js";
import { baselineNote, dayLabel, recordLine, renderTargetLine } from "../progress/render.js";
import type { ProgressReader, ProgressRecord } from "../progress/schema.js";
import { STATUS_LABEL, type TargetProgress, targetPeriod, taskProgress } from "../progress/status.js";
import { type DueEntry, dueAndOverdue } from "./deadlines.js";
import { type DigestItem, packDigest, WECOM_MARKDOWN_LIMIT } from "./split.js";

export interface DigestInput {
  /** the morning the digest is for, YYYY-MM-DD; statuses are computed as of this day */
  date: string;
  plans: readonly ResponsibilityMatrix[];
  /** progress as it stood when the window closed */
  progress: ProgressReader;
  /** effective records stored since the previous digest */
  newRecords: readonly ProgressRecord[];
  /** first day the window covers (Shanghai), for the heading */
  sinceDay: string;
  staleDays: number;
  /** WeCom userids to mention for a department (the reporters file's contacts) */
  contactsOf(department: string): string[];
  /** bytes per message; WeCom's markdown limit by default */
  limit?: number;
  /** at most this many new records are listed one by one */
  maxNewEntries?: number;
}

function leadText(task: Task, contactsOf: DigestInput["contactsOf"]): string {
  const lead = task.lead.length > 0 ? task.lead.join("、") : "未注明";
  const mentions = [...new Set(task.lead.flatMap(contactsOf))].sort().map((u) => `<@${u}>`);
  return `牵头:${lead}${mentions.length > 0 ? ` ${mentions.join(" ")}` : ""}`;
}

function behindEntry(task: Task, p: TargetProgress, contactsOf: DigestInput["contactsOf"]): string {
  const got = `${formatPercent(p.attained ?? 0)}${baselineNote(p)},时间进度 ${formatPercent(p.expected ?? 0)}`;
  return `- 任务${task.no} ${p.target.metric}:完成 ${got} · ${leadText(task, contactsOf)}`;
}

function planItems(plan: ResponsibilityMatrix, input: DigestInput): DigestItem[] {
  const items: DigestItem[] = [{ kind: "title", text: `## ${plan.title} · 每日进展 ${input.date}` }];
  const period = targetPeriod(plan);
  const ended = period !== null && input.date > period.end;
  if (period && !ended) {
    items.push({
      kind: "entry",
      text: `距规划期结束(${period.end})还有 **${daysBetween(input.date, period.end)}** 天`,
    });
  }
  const progress = plan.tasks.map((t) => taskProgress(plan, t, input.progress, input.date, input.staleDays));

  const fresh = input.newRecords.filter((r) => r.plan === plan.slug);
  const max = input.maxNewEntries ?? 30;
  items.push({ kind: "section", text: `### 新进展(${dayLabel(input.sinceDay, input.date)} 以来 ${fresh.length} 条)` });
  if (fresh.length === 0) items.push({ kind: "entry", text: "- 无" });
  const ordered = [...fresh].sort((a, b) => a.taskNo - b.taskNo || a.id - b.id);
  for (const r of ordered.slice(0, max)) items.push({ kind: "entry", text: recordLine(plan, r, input.date) });
  if (ordered.length > max) {
    items.push({ kind: "entry", text: `- ……另有 ${ordered.length - max} 条,可发送「进展历史 任务N」查看` });
  }

  if (ended) {
    items.push({ kind: "entry", text: `规划期已于 ${period?.end} 结束,以下为最终完成情况` });
    items.push({ kind: "section", text: "### 最终完成情况" });
    const finals = progress.flatMap((tp) => tp.targets.map((p) => ({ task: tp.task, p })));
    if (finals.length === 0) {
      items.push({ kind: "entry", text: `- ${noTargetNote(plan.tasks.flatMap((t) => unheldInTask(plan, t)))}` });
    }
    for (const { task, p } of finals) {
      items.push({ kind: "entry", text: `- 任务${task.no} ${renderTargetLine(p).replace(/^- /, "")}` });
    }
    return items;
  }

  const behind = progress
    .flatMap((tp) => tp.targets.filter((p) => p.status === "behind").map((p) => ({ task: tp.task, p })))
    .sort(
      (a, b) =>
        (a.p.attained ?? 0) - (a.p.expected ?? 0) - ((b.p.attained ?? 0) - (b.p.expected ?? 0)) ||
        a.task.no - b.task.no ||
        byCodeUnits(a.p.target.id, b.p.target.id),
    );
  items.push({ kind: "section", text: `### ${STATUS_LABEL.behind}(${behind.length})` });
  if (behind.length === 0) items.push({ kind: "entry", text: "- 无" });
  for (const { task, p } of behind) items.push({ kind: "entry", text: behindEntry(task, p, input.contactsOf) });

  items.push(...deadlineItems(progress, input));

  const stale = progress.filter((tp) => tp.stale);
  items.push({
    kind: "section",
    text: `### ${STATUS_LABEL.stale}(超过 ${input.staleDays} 天无记录,${stale.length} 项)`,
  });
  if (stale.length === 0) items.push({ kind: "entry", text: "- 无" });
  for (const tp of stale) {
    const last = tp.latest ? `最近 ${tp.latest.asOf}` : "从未填报";
    items.push({
      kind: "entry",
      text: `- 任务${tp.task.no}「${clip(tp.task.title, 24)}」· ${last} · ${leadText(tp.task, input.contactsOf)}`,
    });
  }
  return items;
}

/** Dated deadlines due within 30 days and those passed unmet; nothing at all when the plan dates none. */
function deadlineItems(progress: ReturnType<typeof taskProgress>[], input: DigestInput): DigestItem[] {
  const { due, overdue } = dueAndOverdue(progress, input.date);
  const line = (e: DueEntry, when: string) =>
    `- 任务${e.task.no}「${clip(e.metric ?? e.task.title, 24)}」· ${e.deadline.text}(${e.deadline.date},${when}) · ${leadText(e.task, input.contactsOf)}`;
  const items: DigestItem[] = [];
  if (due.length > 0) {
    items.push({ kind: "section", text: `### 30天内到期(${due.length})` });
    for (const e of due) items.push({ kind: "entry", text: line(e, e.days === 0 ? "今天" : `还有 ${e.days} 天`) });
  }
  if (overdue.length > 0) {
    items.push({ kind: "section", text: `### 已逾期未完成(${overdue.length})` });
    for (const e of overdue) items.push({ kind: "entry", text: line(e, `已过 ${-e.days} 天`) });
  }
  return items;
}

/** The digest as WeCom markdown messages, each within the byte limit; same input, same text. */
export function buildDigest(input: DigestInput): string[] {
  const plans = [...input.plans].sort((a, b) => byCodeUnits(a.slug, b.slug));
  if (plans.length === 0) return [`## 每日进展 ${input.date}\n暂无计划`];
  return packDigest(
    plans.flatMap((p) => planItems(p, input)),
    input.limit ?? WECOM_MARKDOWN_LIMIT,
  );
}
