// The plan's overall goals as an answer: the ones asked about, and for "who leads" the tasks carrying their figures.
import type { ResponsibilityMatrix } from "../../plan/schema.js";
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
  if (!wantsCarriers) return { kind: "goals", plan, focus, intents: q.intents, ...subject };
  const carriers = plan.tasks.filter((t) =>
    t.targets.some((x) => asked.some((g) => g.value !== null && g.value === x.value && g.unit === x.unit)),
  );
  return { kind: "goals", plan, focus, intents: q.intents, carriers, ...subject, ...(identify ? { identify } : {}) };
}
