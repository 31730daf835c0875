// One message that reports several of a task's targets ("百亿元以上企业6家，10亿元以上企业25家") becomes one
// binding per target, clause by clause. Only when every figure is accounted for: a clause whose figure cannot be
// bound, or two clauses for one target, leave the whole message as text (the single-binding path decides then).
import type { Target, Task } from "../plan/schema.js";
import { type Binding, bindFigure, figuresInUnit, namesMetric } from "./bind.js";

export type BoundFigure = Extract<Binding, { bound: true }>;

/** Clause ends: a list of figures is written with commas, semicolons, enumeration commas or full stops. */
const CLAUSE_END = /[，,；;。、\n]/;

/** Each target's figure with the clause it came from, or null when the text is not a clean list of ≥2 targets. */
export function bindEachTarget(task: Task, text: string): BoundFigure[] | null {
  const units = new Set(task.targets.map((t: Target) => t.unit).filter((u) => u !== ""));
  const bound: BoundFigure[] = [];
  for (const clause of text.split(CLAUSE_END)) {
    const hasFigure = [...units].some((u) => figuresInUnit(clause, u).length > 0);
    if (!hasFigure) continue; // context such as 截至9月底
    const b = bindFigure(task, clause);
    // The clause must name its metric: a bare "25家" next to other metrics says nothing about which one it is.
    if (!b.bound || !namesMetric(b.target.metric, clause)) return null;
    if (bound.some((x) => x.target.id === b.target.id)) return null;
    bound.push(b);
  }
  return bound.length >= 2 ? bound : null;
}
