// planbot import: a plan's text → a reviewable responsibility matrix under knowledge/.
import { join } from "node:path";
import type { Command } from "commander";
import { slugFromPath, writePlan } from "../../plan/import/write-plan.js";
import type { ResponsibilityMatrix } from "../../plan/schema.js";

/** How relative periods (5年内) were turned into years, once per distinct reading, for the person importing. */
function periodReadings(matrix: ResponsibilityMatrix): string[] {
  const all = [...matrix.goals.targets, ...matrix.tasks.flatMap((t) => t.targets)];
  const readings = [...new Set(all.flatMap((t) => (t.yearReading ? [t.yearReading] : [])))];
  return readings.map((r) => `  relative period read: ${r}`);
}

export function registerImport(program: Command): void {
  program
    .command("import")
    .description("import a plan (.txt) into a knowledge folder as a responsibility matrix")
    .argument("<plan>", "the plan's text file")
    .option("--out <dir>", "output folder (default: $PLANBOT_KNOWLEDGE/<slug of the file name>)")
    .action((planFile: string, opts: { out?: string }) => {
      const outDir = opts.out ?? join(process.env.PLANBOT_KNOWLEDGE ?? "knowledge", slugFromPath(planFile));
      const { matrix, addedDepartments, sharedAliases } = writePlan(planFile, outDir);
      const targets = matrix.tasks.reduce((n, t) => n + t.targets.length, matrix.goals.targets.length);
      const lines = [
        `imported “${matrix.title}” → ${outDir}`,
        ...(matrix.notice ? [`  issued by the notice “${matrix.notice}” (kept as the plan's source)`] : []),
        `  ${matrix.tasks.length} tasks, ${targets} targets, ${matrix.measures.length} safeguard measures`,
        ...periodReadings(matrix),
        ...matrix.tasks.map((t) => `  ${t.label} ${t.title} — 牵头 ${t.lead.join("、") || "(未写明)"}`),
        `  ${matrix.warnings.length} source warnings:`,
        ...matrix.warnings.map(
          (w) => `  ! line ${w.line} ${w.code}: ${w.message}${w.confirmedByHuman ? " [人工已确认]" : ""}`,
        ),
      ];
      if (addedDepartments.length > 0)
        lines.push(`  new departments added to the directory: ${addedDepartments.join("、")}`);
      for (const a of sharedAliases)
        lines.push(
          `  “${a.alias}” now names both ${a.nameOf} and ${a.aliasOf} (its alias): answers show both; to keep one, edit departments.yaml`,
        );
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
