// planbot matrix export|import: review a plan's responsibility matrix in Excel instead of JSON.
import { join } from "node:path";
import type { Command } from "commander";
import { describeProblem } from "../../plan/matrix-sheet.js";
import { exportReviewSheet, importReviewSheet } from "../../plan/review-sheet.js";

const knowledgeDir = () => process.env.PLANBOT_KNOWLEDGE ?? "knowledge";

export function registerMatrix(program: Command): void {
  const matrix = program.command("matrix").description("review a plan's responsibility matrix as an Excel sheet");
  matrix
    .command("export")
    .description("write the plan's tasks and targets as an .xlsx a person can edit")
    .argument("<slug>", "the plan (its folder under the knowledge folder)")
    .argument("<file>", "the .xlsx to write")
    .action(async (slug: string, file: string) => {
      const m = await exportReviewSheet(knowledgeDir(), slug, file);
      const targets = m.tasks.reduce((n, t) => n + t.targets.length, m.goals.targets.length);
      process.stdout.write(`已导出“${m.title}”:${m.tasks.length} 项任务、${targets} 个指标 → ${file}\n`);
    });
  matrix
    .command("import")
    .description("take a reviewed sheet back: every cell is checked; nothing is written unless all are valid")
    .argument("<slug>", "the plan")
    .argument("<file>", "the reviewed .xlsx")
    .requiredOption("--by <name>", "who reviewed the sheet (recorded with each change)")
    .action(async (slug: string, file: string, opts: { by: string }) => {
      const result = await importReviewSheet(knowledgeDir(), slug, file, { by: opts.by, at: new Date() });
      if (result.problems.length > 0) {
        process.stderr.write(
          `未导入:${result.problems.length} 个格子有问题,什么都没有写入。\n${result.problems.map((p) => `  ${describeProblem(p)}`).join("\n")}\n`,
        );
        process.exitCode = 1;
        return;
      }
      if (!result.written) {
        process.stdout.write("没有改动:表中的值与当前矩阵相同,matrix.json 未变。\n");
        return;
      }
      process.stdout.write(
        `已导入 ${result.changes.length} 处修改(审核人 ${opts.by}),记录在 ${join(knowledgeDir(), slug, "review.yaml")};运行中的服务会自动加载:\n${[...result.changes, ...result.notes.map((n) => `注意:${n}`)].map((c) => `  ${c}`).join("\n")}\n`,
      );
    });
}
