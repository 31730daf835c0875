// planbot ask: one question (or one a line from stdin with --jsonl), answered as the chat would.
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { composeReply } from "../../answer/compose-reply.js";
import type { Answer } from "../../answer/types.js";
import { loadEnv } from "../../config/env.js";
import { openRuntime } from "../../runtime.js";

interface AskOptions {
  json?: boolean;
  jsonl?: boolean;
  db?: string;
}

/** The JSON shape scorers read: the reply text, the primary intent, and the tasks it is about. */
function toJson(question: string, answers: Answer[]) {
  return {
    q: question,
    text: composeReply(answers),
    intent: answers[0]?.intent ?? "not_covered",
    plan: answers[0]?.plan ?? null,
    answers: answers.map((a) => ({ intent: a.intent, plan: a.plan })),
    tasks: answers.flatMap((a) =>
      a.tasks.map((t) => ({
        plan: a.plan,
        no: t.no,
        title: t.title,
        lead: t.lead,
        partners: t.partners,
        targets: t.targets.map((x) => ({
          id: x.id,
          metric: x.metric,
          value: x.value,
          unit: x.unit,
          year: x.year,
          comparison: x.comparison,
        })),
      })),
    ),
  };
}

export function registerAsk(program: Command): void {
  program
    .command("ask")
    .description("answer a question about the loaded plans")
    .argument("[question]", "the question, in Chinese or English")
    .option("--json", "print a JSON object (text, intent, tasks)")
    .option("--jsonl", "read one question a line from stdin, print one JSON object a line")
    .option("--db <file>", "progress database (default $PLANBOT_DB)")
    .action(async (question: string | undefined, opts: AskOptions) => {
      const env = loadEnv();
      const runtime = openRuntime({ ...env, ...(opts.db ? { PLANBOT_DB: opts.db } : {}) });
      try {
        if (opts.jsonl) {
          const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
          for await (const line of lines) {
            if (!line.trim()) continue;
            const answers = runtime.answerer.answer(line, runtime.answerContext());
            process.stdout.write(`${JSON.stringify(toJson(line, answers))}\n`);
          }
          return;
        }
        if (!question) throw new Error('give a question, e.g. planbot ask "上市公司目标是多少"');
        const answers = runtime.answerer.answer(question, runtime.answerContext());
        process.stdout.write(
          opts.json ? `${JSON.stringify(toJson(question, answers), null, 2)}\n` : `${composeReply(answers)}\n`,
        );
      } finally {
        runtime.close();
      }
    });
}
