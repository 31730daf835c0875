// One message that reports several of a task's targets ("百亿元以上企业6家，10亿元以上企业25家") becomes one
// binding per target. Only when every figure is accounted for: a figure whose words name no target of the task, or
// two figures for one target, leave the whole message to the single binding (bind.ts).
import type { Target, Task } from "../plan/schema.js";
import { type Binding, bindSubjects, type NamingContext } from "./bind.js";
import { figureSubjects } from "./figure-subjects.js";

export type BoundFigure = Extract<Binding, { bound: true }>;

/** Each target's figure, or null when the text is not a clean list of ≥2 targets, each named beside its figure. */
export function bindEachTarget(
  task: Task,
  text: string,
  hint = "",
  asOf?: string,
  ctx: NamingContext = {},
): BoundFigure[] | null {
  const subjects = figureSubjects(task, text, hint, ctx);
  // A bare "25家" next to other metrics says nothing about which one it is.
  if (subjects.some((f) => f.subject.kind !== "targets")) return null;
  const bound: BoundFigure[] = [];
  const groups = new Map<string, Target[]>();
  for (const f of subjects)
    if (f.subject.kind === "targets") groups.set(f.subject.targets.map((t) => t.id).join(), f.subject.targets);
  for (const [key, targets] of groups) {
    // Each target's own figures, the earlier ones its words named and the ones after them that leave it unsaid.
    const own = subjects.filter(
      (f) => f.subject.kind === "targets" && f.subject.targets.map((t) => t.id).join() === key,
    );
    const b = bindSubjects({ ...task, targets }, own, asOf);
    if (!b.bound || bound.some((x) => x.target.id === b.target.id)) return null;
    bound.push(b);
  }
  return bound.length >= 2 ? bound : null;
}
