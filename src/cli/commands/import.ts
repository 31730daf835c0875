// planbot import: a plan's text → a reviewable responsibility matrix under knowledge/.
import { join } from "node:path";
import type { Command } from "commander";
import { slugFromPath, writePlan } from "../../plan/import/write-plan.js";

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
        `  ${matrix.tasks.length} tasks, ${targets} targets, ${matrix.measures.length} safeguard measures`,
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
