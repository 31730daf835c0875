// Finds the one task a reference names: a number (任务九, 第3项, #3) or keywords through the answerer's findTasks.
import type { Answerer } from "../answer/answerer.js";
import { parseFigure } from "../plan/numbers.js";
import type { ResponsibilityMatrix, Task } from "../plan/schema.js";

export type TaskResolution =
  | { found: true; plan: ResponsibilityMatrix; task: Task }
  | {
      found: false;
      reason: string;
      candidates: { plan: ResponsibilityMatrix; task: Task }[];
      /** the reference is neither a task number nor words a plan could hold ("task 3", "-1", "2-3") */
      unreadable?: true;
    };

/**
 * Keywords name a task through the plan's own words, which are Chinese: a reference without a Chinese character
 * ("task 3", "-1", "abc") would only match a passage on a stray digit. Besides those words, only what names of
 * tasks and metrics contain (letters and digits as in 5G, 、·() and quotes) may appear; anything else ("2-3",
 * "' OR 1=1 --") is not a reference this reads.
 */
const HAN = /\p{Script=Han}/u;
const NOT_IN_KEYWORDS = /[^\p{Script=Han}\p{L}\p{N}\s、·,，()（）《》“”"%％]/u;

/** Why a reference that is not a task number cannot be read as keywords, or null when it can. */
export function unreadableKeywords(ref: string): string | null {
  const text = ref.trim();
  const stray = NOT_IN_KEYWORDS.exec(text)?.[0];
  if (stray === undefined && HAN.test(text)) return null;
  const why = stray !== undefined ? `含有“${stray}”` : "既不是任务编号,也没有任务里的中文词";
  return `无法识别任务“${text}”(${why}):请写任务编号(如 3、任务三、第3项)或任务中的关键词(如 上市公司)`;
}

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
  const unreadable = unreadableKeywords(ref);
  if (unreadable) return { found: false, reason: unreadable, candidates: [], unreadable: true };
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
