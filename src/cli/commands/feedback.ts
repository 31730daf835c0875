// planbot feedback disliked: the answers people marked 👎 in WeCom, newest first, with the question and the reply.
import type { Command } from "commander";
import { z } from "zod";
import { loadEnv } from "../../config/env.js";
import { createBotFeedback } from "../../store/bot-feedback.js";
import { openDatabase } from "../../store/database.js";

const Options = z.object({
  limit: z.coerce.number().int().positive().default(50),
  db: z.string().optional(),
  json: z.boolean().default(false),
});

const oneLine = (text: string | null) => (text ?? "（未保存：回答早于上次重启）").replace(/\s+/g, " ").trim();

function disliked(raw: unknown): void {
  const opts = Options.parse(raw);
  const db = openDatabase(opts.db ?? loadEnv().PLANBOT_DB);
  try {
    const rows = createBotFeedback(db).disliked(opts.limit);
    for (const r of rows) {
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(r)}\n`);
        continue;
      }
      const where = r.chatid ? `群 ${r.chatid}` : "单聊";
      process.stdout.write(`${r.at}  ${r.userid}（${where}）👎${r.comment ? `：${oneLine(r.comment)}` : ""}\n`);
      process.stdout.write(`  问：${oneLine(r.question)}\n  答：${oneLine(r.reply)}\n`);
    }
    if (rows.length === 0 && !opts.json) process.stdout.write("no disliked answers\n");
  } finally {
    db.close();
  }
}

export function registerFeedback(program: Command): void {
  const feedback = program.command("feedback").description("Feedback people gave the bot's answers in WeCom (👍/👎)");
  feedback
    .command("disliked")
    .description("List the answers marked 👎, newest first, with the question and the reply, for review")
    .option("--limit <n>", "at most this many", "50")
    .option("--json", "one JSON object a line")
    .option("--db <file>", "SQLite file (default PLANBOT_DB)")
    .action((opts: unknown) => disliked(opts));
}
