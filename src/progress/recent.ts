// "最近有什么新进展", "本周进展": the progress recorded in a window of days, newest first, across a plan's tasks.
import type { RecentWindow } from "../answer/recent-window.js";
import type { AnswerContext } from "../answer/types.js";
import type { ResponsibilityMatrix } from "../plan/schema.js";
import { addDays, shanghaiDayOf, shanghaiMidnight } from "./dates.js";
import { NO_PROGRESS, recordLine } from "./render.js";
import type { ProgressRecord } from "./schema.js";

/** Listed one by one at most; the rest are counted. */
const MAX_LISTED = 20;

const newestRecordedFirst = (a: ProgressRecord, b: ProgressRecord) =>
  b.recordedAt.localeCompare(a.recordedAt) || b.id - a.id;

export function renderRecentProgress(plan: ResponsibilityMatrix, window: RecentWindow, ctx: AnswerContext): string {
  // Effective records only: a record corrected or retracted since is not news, its correction is.
  const all = plan.tasks.flatMap((t) => ctx.progress?.forTask(plan.slug, t.no) ?? []).sort(newestRecordedFirst);
  const from = shanghaiMidnight(window.from);
  const until = window.until === null ? null : shanghaiMidnight(window.until);
  const inWindow = all.filter((r) => r.recordedAt >= from && (until === null || r.recordedAt < until));
  const span = window.until === null ? `${window.from} 起` : `${window.from} 至 ${addDays(window.until, -1)}`;
  const heading = `**${window.label}的新进展**(${span}`;
  const last = all[0];
  if (!last) return `${heading})\n${NO_PROGRESS}:各项任务都还没有登记进展。登记方法请发「进展帮助」。`;
  if (inWindow.length === 0) {
    return [
      `${heading})`,
      `${window.label}没有新登记的进展。最近一条登记于 ${shanghaiDayOf(last.recordedAt)}:`,
      recordLine(plan, last, ctx.today),
    ].join("\n");
  }
  const lines = [`${heading},共 ${inWindow.length} 条,按登记时间从新到旧)`];
  for (const r of inWindow.slice(0, MAX_LISTED)) lines.push(recordLine(plan, r, ctx.today));
  if (inWindow.length > MAX_LISTED) {
    lines.push(`- ……另有 ${inWindow.length - MAX_LISTED} 条,可发送「进展历史 任务N」查看`);
  }
  return lines.join("\n");
}
