// "哪些任务进度滞后?" "整体进展怎么样?": every target of a plan grouped by status, worst first, from the store.
import type { AnswerContext } from "../answer/types.js";
import type { ResponsibilityMatrix } from "../plan/schema.js";
import { SAMPLE_MARK } from "./format.js";
import { renderTargetLine } from "./render.js";
import { STATUS_LABEL, type TargetProgress, type TargetStatus, taskProgress } from "./status.js";

/** Worst first: what needs a leader's attention leads the reply. */
const ORDER: TargetStatus[] = ["missed", "behind", "stale", "no_record", "recorded", "on_pace", "done"];

export interface StatusOverviewRequest {
  plan: ResponsibilityMatrix;
  /** statuses asked about; null = all */
  only: TargetStatus[] | null;
  /** only the tasks this department leads */
  department?: string;
}

export function renderStatusOverview(req: StatusOverviewRequest, ctx: AnswerContext): string {
  const tasks = req.plan.tasks.filter((t) => !req.department || t.lead.includes(req.department));
  const groups = new Map<TargetStatus, { label: string; progress: TargetProgress }[]>();
  let total = 0;
  for (const task of tasks) {
    for (const p of taskProgress(req.plan, task, ctx.progress, ctx.today, ctx.staleDays).targets) {
      total++;
      const list = groups.get(p.status) ?? [];
      list.push({ label: task.label, progress: p });
      groups.set(p.status, list);
    }
  }
  const scope = req.department ? `${req.department}牵头的任务` : "各项任务";
  const asked = ORDER.filter((s) => !req.only || req.only.includes(s));
  const shown = asked.filter((s) => groups.get(s)?.length);
  const head = `**${scope}的目标完成情况**(截至 ${ctx.today},共${total}项量化目标)`;
  if (total === 0) return `${head}\n没有可统计的量化目标。`;
  const others = ORDER.filter((s) => !asked.includes(s) && groups.get(s)?.length);
  const rest = others.length
    ? [`其余:${others.map((s) => `${STATUS_LABEL[s]} ${groups.get(s)?.length ?? 0} 项`).join(",")}`]
    : [];
  if (shown.length === 0) {
    return [head, `没有处于“${asked.map((s) => STATUS_LABEL[s]).join("”“")}”状态的目标。`, ...rest].join("\n");
  }
  const lines = [head];
  for (const status of shown) {
    const list = groups.get(status) ?? [];
    lines.push(`**${STATUS_LABEL[status]}(${list.length}项)**`);
    // renderTargetLine starts with "- metric:"; the task label in front says where the target belongs.
    for (const { label, progress } of list) lines.push(`- ${label}${renderTargetLine(progress).slice(2)}`);
  }
  lines.push(...rest);
  // The lines carry figures, not record texts: say so when sample records are among them.
  const fromSample = shown.some((s) =>
    groups.get(s)?.some(({ progress }) => progress.latest?.text.includes(SAMPLE_MARK)),
  );
  if (fromSample) lines.push(`注:以上含示例数据${SAMPLE_MARK}`);
  return lines.join("\n");
}
