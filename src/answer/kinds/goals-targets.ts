// The plan's overall goals as an answer: the ones asked about, and for "who leads" the tasks carrying their figures.
import type { ResponsibilityMatrix, Target } from "../../plan/schema.js";
import type { PlanIndex } from "../../search/plan-index.js";
import type { ParsedQuestion } from "../question.js";
import { IDENTIFY } from "../question-forms.js";
import type { Resolution } from "../resolution.js";
import { focusTargets } from "./focus.js";

/** The goals; for a question about who leads, also the tasks that carry the same figure (goals name no lead). */
export function goalsAnswer(
  plan: ResponsibilityMatrix,
  q: ParsedQuestion,
  index: PlanIndex,
  focus = focusTargets(plan.goals.targets, q, index),
): Resolution {
  const asked = focus ?? plan.goals.targets;
  const identify = focus !== null && IDENTIFY.test(q.normalized);
  const wantsCarriers = identify || q.intents.has("lead") || q.intents.has("partners") || q.intents.has("progress");
  const subject = focus && q.topic.trim() ? { subject: q.topic } : {};
  // "绿色出行比例是约束性指标吗", "…基期值是多少": what an indicator table's row says beside the figure.
  const rows = focus && ASKS_INDICATOR.test(q.normalized) ? indicatorRows(plan, focus) : [];
  const indicator = rows.length > 0 ? { indicatorRows: rows } : {};
  if (!wantsCarriers) return { kind: "goals", plan, focus, intents: q.intents, ...subject, ...indicator };
  const carriers = plan.tasks.filter((t) =>
    t.targets.some((x) => asked.some((g) => g.value !== null && g.value === x.value && g.unit === x.unit)),
  );
  return {
    kind: "goals",
    plan,
    focus,
    intents: q.intents,
    carriers,
    ...subject,
    ...indicator,
    ...(identify ? { identify } : {}),
  };
}

const ASKS_INDICATOR = /约束性|预期性|指标属性|属性|基期|基数|基准值|现状值/;
/** words only an indicator table's row holds (src/plan/import/indicator-table.ts prints its cells with them) */
const ROW_WORDS = /约束性|预期性|基期|目标值/;

/** The goals' sentences that are indicator-table rows naming one of the targets' metrics. */
function indicatorRows(plan: ResponsibilityMatrix, targets: Target[]): string[] {
  return plan.goals.sentences.filter((s) => ROW_WORDS.test(s) && targets.some((t) => s.includes(t.metric)));
}
