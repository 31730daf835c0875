// Finds the one task a reference names: a number (任务九, 第3项, #3) or keywords through the answerer's findTasks.
import type { Answerer } from "../answer/answerer.js";
import { parseFigure } from "../plan/numbers.js";
import type { ResponsibilityMatrix, Task } from "../plan/schema.js";

export type TaskResolution =
  | { found: true; plan: ResponsibilityMatrix; task: Task }
  | { found: false; reason: string; candidates: { plan: ResponsibilityMatrix; task: Task }[] };

/** "任务九" → 9, "第3项" → 3, "#3" → 3, "3" → 3; null when the reference is not a bare number. */
export function taskNumberOf(ref: string): number | null {
  const m = /^(?:任务\s*|第\s*|[#＃]\s*)?([0-9０-９一二两三四五六七八九十百]+)\s*(?:项|条|个)?(?:任务)?$/.exec(
    ref.trim(),
  );
  return m?.[1] ? parseFigure(m[1]) : null;
}

export function resolveTask(
  ref: string,
  plans: readonly ResponsibilityMatrix[],
  answerer: Pick<Answerer, "findTasks">,
  planSlug?: string,
): TaskResolution {
  const inScope = planSlug ? plans.filter((p) => p.slug === planSlug) : plans;
  if (inScope.length === 0) return { found: false, reason: `没有找到计划 ${planSlug ?? ""}`, candidates: [] };
  const no = taskNumberOf(ref);
  if (no !== null) {
    const hits = inScope.flatMap((plan) => plan.tasks.filter((t) => t.no === no).map((task) => ({ plan, task })));
    if (hits.length === 1 && hits[0]) return { found: true, ...hits[0] };
    if (hits.length === 0) {
      const max = Math.max(...inScope.map((p) => p.tasks.length));
      return { found: false, reason: `没有任务${no}(共 ${max} 项任务)`, candidates: [] };
    }
    return { found: false, reason: `多个计划都有任务${no},请注明计划`, candidates: hits };
  }
  const matches = answerer.findTasks(ref).filter((m) => inScope.includes(m.plan));
  const [best, second] = matches;
  if (!best) return { found: false, reason: `没有找到与“${ref}”对应的任务`, candidates: [] };
  if (second && second.score >= best.score) {
    return {
      found: false,
      reason: `“${ref}”可能指多项任务`,
      candidates: matches.filter((m) => m.score >= best.score).slice(0, 5),
    };
  }
  return { found: true, plan: best.plan, task: best.task };
}
