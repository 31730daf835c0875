// planbot eval: scores the bot on a question set (JSONL with must/any/forbid), on an empty progress store.
import type { Command } from "commander";
import { loadEnv } from "../../config/env.js";
import { judge, readQuestionSet } from "../../eval/question-set.js";
import { openRuntime } from "../../runtime.js";

export function registerEval(program: Command): void {
  program
    .command("eval")
    .description("score the answers on a question set (JSONL: q, must, any, forbid)")
    .argument("<file>", "question set")
    .option("-v, --verbose", "print every failing question with its reply")
    .option("--min <percent>", "exit 1 when the score is below this", "0")
    .action((file: string, opts: { verbose?: boolean; min: string }) => {
      const questions = readQuestionSet(file);
      const runtime = openRuntime({ ...loadEnv(), PLANBOT_DB: ":memory:" });
      const ctx = { ...runtime.answerContext(), today: "2024-06-30" };
      let passed = 0;
      const out: string[] = [];
      for (const q of questions) {
        const reply = runtime.answerer
          .answer(q.q, ctx)
          .map((a) => a.text)
          .join("\n\n");
        const v = judge(q, reply);
        if (v.pass) passed++;
        else if (opts.verbose) {
          out.push(
            `✗ ${q.id} ${q.q}`,
            `  missing: ${v.missing.join(", ") || "-"}  forbidden: ${v.forbidden.join(", ") || "-"}`,
          );
          out.push(...reply.split("\n").map((l) => `  | ${l}`));
        } else
          out.push(
            `✗ ${q.id} ${q.q} (missing: ${v.missing.join(", ") || "-"}; forbidden: ${v.forbidden.join(", ") || "-"})`,
          );
      }
      runtime.close();
      const pct = (100 * passed) / Math.max(1, questions.length);
      out.push(`score: ${passed}/${questions.length} passed (${pct.toFixed(1)}%)`);
      process.stdout.write(`${out.join("\n")}\n`);
      if (pct < Number(opts.min)) process.exitCode = 1;
    });
}
