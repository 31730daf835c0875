// planbot progress audit [--refused]: the audit trail, newest first: writes, and refusals with who, what and why.
import type { Command } from "commander";
import { z } from "zod";
import { openCliRuntime } from "./progress.js";

const AuditOptions = z.object({
  refused: z.boolean().default(false),
  limit: z.coerce.number().int().positive().default(50),
  db: z.string().optional(),
});

function audit(raw: unknown): void {
  const opts = AuditOptions.parse(raw);
  const runtime = openCliRuntime(opts.db);
  try {
    const lines = runtime.store.auditTrail({ refusedOnly: opts.refused, limit: opts.limit });
    for (const a of lines) {
      const what = a.action === "refuse" ? `${a.detail ?? ""}\t${a.reason ?? ""}` : `#${a.progressId}`;
      // one line per entry: user text stays on its line
      process.stdout.write(`${[a.at, a.action, a.actor, a.via, what].join("\t").replace(/[\r\n]+/g, " ")}\n`);
    }
    if (lines.length === 0) process.stdout.write(opts.refused ? "no refusals\n" : "no audit entries\n");
  } finally {
    runtime.close();
  }
}

export function registerProgressAudit(progress: Command): void {
  progress
    .command("audit")
    .description("List the audit trail, newest first: writes, and refusals (who, what, why, channel, when)")
    .option("--refused", "only refusals")
    .option("--limit <n>", "at most this many", "50")
    .option("--db <file>", "SQLite file (default PLANBOT_DB)")
    .action((opts: unknown) => audit(opts));
}
