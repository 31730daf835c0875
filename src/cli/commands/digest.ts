// planbot digest: prints the morning digest for a day (the parts as they would be sent, each within WeCom's limit).
import type { Command } from "commander";
import { z } from "zod";
import { type PreparedDigest, prepareDigest } from "../../digest/prepare.js";
import { IsoDay } from "../../progress/schema.js";
import { type Runtime, todayInShanghai } from "../../runtime.js";
import { describeSendResults, sendDigestNow } from "../../wecom/send-digest.js";
import { openCliRuntime } from "./progress.js";

export const DigestOptions = z.object({
  /** a real calendar day: 2026-13-01 is refused here, not left to fail as "Invalid time value" further on */
  date: IsoDay.optional(),
  plan: z.string().optional(),
  chat: z.string().optional(),
  db: z.string().optional(),
  send: z.boolean().optional(),
});
export type DigestOptions = z.infer<typeof DigestOptions>;

/** The digest for the options' day, plan and chat; shared by print mode and a sending mode. */
export function digestFor(runtime: Runtime, opts: DigestOptions): PreparedDigest {
  return prepareDigest(
    {
      store: runtime.store,
      plans: runtime.plans.plans,
      directory: runtime.plans.directory,
      reporters: runtime.reporters,
      staleDays: runtime.env.PLANBOT_STALE_DAYS,
    },
    { date: opts.date ?? todayInShanghai(), plan: opts.plan, chat: opts.chat ?? null },
  );
}

function printDigest(digest: PreparedDigest): void {
  digest.parts.forEach((part, i) => {
    const bytes = Buffer.byteLength(part, "utf8");
    process.stdout.write(`${i > 0 ? "\n" : ""}----- message ${i + 1}/${digest.parts.length} (${bytes} bytes) -----\n`);
    process.stdout.write(`${part}\n`);
  });
}

/** Records stored after the window closed belong to the next morning's digest: say so rather than surprise. */
function noteLaterRecords(runtime: Runtime, digest: PreparedDigest): void {
  const later = runtime.store.list({ recordedFrom: digest.until, limit: 1000 }).length;
  if (later === 0) return;
  const count = later === 1000 ? "1000+" : String(later);
  process.stderr.write(`note: ${count} record(s) stored since ${digest.until} will appear in the next digest\n`);
}

export function registerDigest(program: Command): void {
  program
    .command("digest")
    .description("Print the morning digest: new progress, targets behind pace, stale tasks, days left")
    .option("--date <YYYY-MM-DD>", "the morning to build it for (default today, Asia/Shanghai)")
    .option("--plan <slug>", "only this plan")
    .option("--chat <name>", "the chat whose previous digest starts the window (default: the day before)")
    .option("--db <file>", "SQLite file (default PLANBOT_DB)")
    .option("--send", "send it now to the chats file's group robots (all, or --chat NAME), through the outbox")
    .action(async (raw: unknown) => {
      const parsed = DigestOptions.safeParse(raw);
      if (!parsed.success) {
        const given = raw as Record<string, unknown>;
        const lines = parsed.error.issues.map(
          (i) => `--${i.path.join(".")} ${String(given[String(i.path[0])])}: ${i.message}`,
        );
        throw new Error(lines.join("\n"));
      }
      const opts = parsed.data;
      const runtime = openCliRuntime(opts.db);
      try {
        if (opts.send) {
          if (opts.plan) throw new Error("--plan does not go with --send: each chat's plan is set in the chats file");
          const results = await sendDigestNow(runtime, { chat: opts.chat, date: opts.date });
          if (!describeSendResults(results, (line) => process.stdout.write(`${line}\n`))) process.exitCode = 1;
          return;
        }
        const digest = digestFor(runtime, opts);
        printDigest(digest);
        noteLaterRecords(runtime, digest);
      } finally {
        runtime.close();
      }
    });
}
