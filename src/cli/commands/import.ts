// planbot import: a plan (.docx, .pdf, .html, .txt, .md), optionally with its task table → a reviewable matrix under knowledge/.
import { join } from "node:path";
import type { Command } from "commander";
import { importPlanFile } from "../../plan/import/import-file.js";
import { slugFromPath } from "../../plan/import/write-plan.js";
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
    .description("import a plan (.docx, .pdf, .html/.htm, .txt/.md) into a knowledge folder as a responsibility matrix")
    .argument("<plan>", "the plan's file")
    .option("--out <dir>", "output folder (default: $PLANBOT_KNOWLEDGE/<slug of the file name>)")
    .option("--matrix <file>", "the responsibility table (重点任务分工表) as its own .xlsx or .csv file")
    .action(async (planFile: string, opts: { out?: string; matrix?: string }) => {
      const outDir = opts.out ?? join(process.env.PLANBOT_KNOWLEDGE ?? "knowledge", slugFromPath(planFile));
      const { matrix, addedDepartments, sharedAliases, format, encodings, notes, reviewKept, reviewNotes } =
        await importPlanFile(planFile, outDir, opts.matrix ? { matrixFile: opts.matrix } : {});
      const targets = matrix.tasks.reduce((n, t) => n + t.targets.length, matrix.goals.targets.length);
      const lines = [
        `imported “${matrix.title}” (${format}) → ${outDir}`,
        ...encodings.map((e) => `  encoding ${e}`),
        ...(matrix.notice ? [`  issued by the notice “${matrix.notice}” (kept as the plan's source)`] : []),
        `  ${matrix.tasks.length} tasks, ${targets} targets, ${matrix.measures.length} safeguard measures`,
        ...matrix.tasks.map(
          (t) =>
            `  ${t.label} ${t.title} — 牵头 ${t.lead.join("、") || "(未写明)"}${t.deadline ? ` — 完成时限 ${t.deadline.text}` : ""}`,
        ),
        ...periodReadings(matrix),
        ...notes.map((n) => `  * ${n}`),
        ...(reviewKept > 0 ? [`  ${reviewKept} reviewed values kept (review.yaml)`] : []),
        ...reviewNotes.map((n) => `  ! ${n}`),
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
