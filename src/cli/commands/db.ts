// planbot db copy --to postgres://…: moves an existing SQLite database (PLANBOT_DB or --db) into an empty PostgreSQL.
import type { Command } from "commander";
import { z } from "zod";
import { loadEnv } from "../../config/env.js";
import { copyToPostgres } from "../../store/copy-to-postgres.js";
import { openDatabase } from "../../store/database.js";
import { openPostgres } from "../../store/postgres/open-postgres.js";

const CopyOptions = z.object({
  to: z.string().regex(/^postgres(ql)?:\/\//, "--to 必须是 postgres:// 或 postgresql:// 地址"),
  db: z.string().optional(),
});

async function copy(raw: unknown): Promise<void> {
  const opts = CopyOptions.parse(raw);
  const file = opts.db ?? loadEnv().PLANBOT_DB;
  const from = openDatabase(file);
  const to = openPostgres({ url: opts.to, waitForServerMs: 10_000, statementTimeoutMs: 600_000 });
  try {
    for (const r of copyToPostgres(from, to)) process.stdout.write(`${r.table}\t${r.rows}\n`);
    process.stdout.write(`copied ${file} into PostgreSQL; set PLANBOT_DATABASE_URL to use it\n`);
  } finally {
    from.close();
    await to.closeAsync();
  }
}

export function registerDb(program: Command): void {
  const db = program.command("db").description("Database maintenance");
  db.command("copy")
    .description("Copy a SQLite database (PLANBOT_DB, or --db) into an empty PostgreSQL database")
    .requiredOption("--to <url>", "postgres://user:password@host:5432/db")
    .option("--db <file>", "SQLite file (default PLANBOT_DB)")
    .action(copy);
}
