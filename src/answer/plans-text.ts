// All the loaded plans' words in one normalized string: what a department-like name or a mistyped character is
// checked against.
import type { LoadedPlans } from "../plan/knowledge.js";
import { normalizeText } from "../search/normalize.js";

export function plansText(loaded: LoadedPlans): string {
  return normalizeText(
    loaded.plans
      .flatMap((p) => [p.goals.text, ...p.tasks.flatMap((t) => [t.title, t.text]), ...p.measures.map((m) => m.text)])
      .join("\n"),
  );
}
