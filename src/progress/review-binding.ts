// For an operator reviewing records bound by rule: how a record's figure was bound, and what the rule binds now.
import type { ResponsibilityMatrix } from "../plan/schema.js";
import type { Glossary } from "../search/glossary.js";
import { bindFigure } from "./bind.js";
import { formatNumber } from "./format.js";
import type { ProgressRecord } from "./schema.js";

export interface BindingReview {
  /** how it was bound: named, sole, or "not recorded" for a record stored before the way was kept */
  way: string;
  /** the current rule on the record's text: "same", "text only (why)" or the other target and value */
  now: string;
}

export function reviewBinding(
  r: ProgressRecord,
  plans: readonly ResponsibilityMatrix[],
  glossary?: Glossary,
): BindingReview {
  const way = r.boundBy ?? "not recorded";
  const plan = plans.find((p) => p.slug === r.plan);
  const task = plan?.tasks.find((t) => t.no === r.taskNo);
  if (!plan || !task) return { way, now: "plan or task no longer loaded" };
  const b = bindFigure(task, r.text, "", r.asOf, { plan, glossary });
  if (!b.bound) return { way, now: `text only (${b.reason ?? "no target"})` };
  if (b.target.id === r.targetId && b.value === r.value) return { way, now: "same" };
  return { way, now: `${b.target.id}=${formatNumber(b.value)}${b.unit}` };
}
