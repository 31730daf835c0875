// What falls due soon and what is overdue, from the deadlines a plan states per task and target (dated ones only).

import { byCodeUnits } from "../plan/code-unit-order.js";
import type { Task } from "../plan/schema.js";
import { daysBetween } from "../progress/dates.js";
import type { TaskProgress } from "../progress/status.js";

export interface DueEntry {
  task: Task;
  /** the target's metric, or null for the task's own deadline */
  metric: string | null;
  deadline: { text: string; date: string };
  /** days from the digest's day to the deadline; negative when overdue */
  days: number;
}

/**
 * Dated deadlines within `withinDays` of `date` (due) or before it and not met (overdue). A target counts as met when
 * its status is done; a task's own deadline, when every one of its targets is done (a task without targets is never
 * known to be met, so a past deadline is listed for a person to check).
 */
export function dueAndOverdue(
  progress: readonly TaskProgress[],
  date: string,
  withinDays = 30,
): { due: DueEntry[]; overdue: DueEntry[] } {
  const due: DueEntry[] = [];
  const overdue: DueEntry[] = [];
  const place = (entry: DueEntry, met: boolean) => {
    if (entry.days < 0 && !met) overdue.push(entry);
    else if (entry.days >= 0 && entry.days <= withinDays && !met) due.push(entry);
  };
  for (const tp of progress) {
    const { task } = tp;
    const allMet = tp.targets.length > 0 && tp.targets.every((p) => p.status === "done");
    if (task.deadline?.date) {
      const deadline = { text: task.deadline.text, date: task.deadline.date };
      place({ task, metric: null, deadline, days: daysBetween(date, deadline.date) }, allMet);
    }
    for (const p of tp.targets) {
      const d = p.target.deadline;
      if (!d?.date || d.date === task.deadline?.date) continue;
      const deadline = { text: d.text, date: d.date };
      place({ task, metric: p.target.metric, deadline, days: daysBetween(date, d.date) }, p.status === "done");
    }
  }
  const byDate = (a: DueEntry, b: DueEntry) => byCodeUnits(a.deadline.date, b.deadline.date) || a.task.no - b.task.no;
  return { due: due.sort(byDate), overdue: overdue.sort(byDate) };
}
