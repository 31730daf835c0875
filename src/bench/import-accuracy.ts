// Scores an imported matrix against a person's reading of the plan (tests/fixtures/plans/<name>/expected.json):
// leads and partners right, targets found of those a careful reader finds, and warnings nobody should see.
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { ResponsibilityMatrix, Target } from "../plan/schema.js";

/** [value as written, unit] */
const FigureRead = z.tuple([z.string(), z.string()]);

export const ExpectedPlan = z.object({
  title: z.string(),
  tasks: z.array(z.object({ lead: z.array(z.string()), partners: z.array(z.string()), targets: z.array(FigureRead) })),
  goals: z.array(FigureRead),
  deadlines: z.array(z.object({ text: z.string(), date: z.string().optional() })),
  /** warning codes that are right for this file (furniture a reader would also strip) */
  expectedWarnings: z.array(z.string()),
});
export type ExpectedPlan = z.infer<typeof ExpectedPlan>;

export interface ImportScore {
  leadsRight: number;
  partnersRight: number;
  tasks: number;
  targetsFound: number;
  targetsExpected: number;
  falseWarnings: string[];
  /** what was wrong, for a person to read */
  misses: string[];
}

export function readExpectedPlan(path: string): ExpectedPlan {
  return ExpectedPlan.parse(JSON.parse(readFileSync(path, "utf8")));
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

export function scoreImport(matrix: ResponsibilityMatrix, expected: ExpectedPlan): ImportScore {
  const misses: string[] = [];
  let leadsRight = 0;
  let partnersRight = 0;
  let targetsFound = 0;
  let targetsExpected = 0;
  const countFigures = (where: string, found: Target[], wanted: [string, string][]) => {
    for (const [value, unit] of wanted) {
      targetsExpected++;
      if (found.some((t) => t.value === Number(value) && t.unit === unit)) targetsFound++;
      else misses.push(`${where}: 未找到目标 ${value}${unit}`);
    }
  };
  countFigures("总体目标", matrix.goals.targets, expected.goals);
  expected.tasks.forEach((want, i) => {
    const task = matrix.tasks[i];
    const where = `任务${i + 1}`;
    if (task && sameSet(task.lead, want.lead)) leadsRight++;
    else misses.push(`${where}: 牵头 ${task?.lead.join("、")} ≠ ${want.lead.join("、")}`);
    if (task && sameSet(task.partners, want.partners)) partnersRight++;
    else misses.push(`${where}: 配合 ${task?.partners.join("、")} ≠ ${want.partners.join("、")}`);
    countFigures(where, task?.targets ?? [], want.targets);
  });
  const falseWarnings = matrix.warnings
    .filter((w) => !expected.expectedWarnings.includes(w.code))
    .map((w) => `${w.code}: ${w.excerpt}`);
  return {
    leadsRight,
    partnersRight,
    tasks: expected.tasks.length,
    targetsFound,
    targetsExpected,
    falseWarnings,
    misses,
  };
}
