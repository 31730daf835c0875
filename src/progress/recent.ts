// "最近有什么新进展", "本周进展": the progress dated in a window of days, newest first, across a plan's tasks.
// "Recent" has one meaning: the date a record's figure refers to (its 截至 date, asOf), not the day it was typed in;
// a record stored this week about December 2023 is not this week's progress, and the reply counts it apart.
import type { RecentWindow } from "../answer/recent-window.js";
import type { AnswerContext } from "../answer/types.js";
import { byCodeUnits } from "../plan/code-unit-order.js";
import type { ResponsibilityMatrix } from "../plan/schema.js";
import { addDays, shanghaiMidnight } from "./dates.js";
import { NO_PROGRESS, recordLine } from "./render.js";
import type { ProgressRecord } from "./schema.js";

/** Listed one by one at most; the rest are counted. */
const MAX_LISTED = 20;

const newestDatedFirst = (a: ProgressRecord, b: ProgressRecord) =>
  byCodeUnits(b.asOf, a.asOf) || byCodeUnits(b.recordedAt, a.recordedAt) || b.id - a.id;

export function renderRecentProgress(plan: ResponsibilityMatrix, window: RecentWindow, ctx: AnswerContext): string {
  // Effective records only: a record corrected or retracted since is not news, its correction is.
  const all = plan.tasks.flatMap((t) => ctx.progress?.forTask(plan.slug, t.no) ?? []).sort(newestDatedFirst);
  const inWindow = all.filter((r) => r.asOf >= window.from && (window.until === null || r.asOf < window.until));
  // Typed in during the window about an earlier date: not recent progress, but not hidden either.
  const from = shanghaiMidnight(window.from);
  const until = window.until === null ? null : shanghaiMidnight(window.until);
  const olderTypedLately = all.filter(
    (r) => r.asOf < window.from && r.recordedAt >= from && (until === null || r.recordedAt < until),
  );
  const span = window.until === null ? `${window.from} 起` : `${window.from} 至 ${addDays(window.until, -1)}`;
  const heading = `**${window.label}的新进展**(按进展日期,${span}`;
  const older = olderTypedLately[0]
    ? [`(另有 ${olderTypedLately.length} 条在此期间登记、日期更早的记录,最近的日期为 ${olderTypedLately[0].asOf})`]
    : [];
  const last = all[0];
  if (!last) return `${heading})\n${NO_PROGRESS}:各项任务都还没有登记进展。登记方法请发「进展帮助」。`;
  if (inWindow.length === 0) {
    return [
      `${heading})`,
      `${window.label}没有新的进展。日期最近的一条为 ${last.asOf}:`,
      recordLine(plan, last, ctx.today),
      ...older,
    ].join("\n");
  }
  const lines = [`${heading},共 ${inWindow.length} 条,从新到旧)`];
  for (const r of inWindow.slice(0, MAX_LISTED)) lines.push(recordLine(plan, r, ctx.today));
  if (inWindow.length > MAX_LISTED) {
    lines.push(`- ……另有 ${inWindow.length - MAX_LISTED} 条,可发送「进展历史 任务N」查看`);
  }
  lines.push(...older);
  return lines.join("\n");
}
