// Which database holds the state: PostgreSQL when PLANBOT_DATABASE_URL is set (replicas share it), else the SQLite
// file PLANBOT_DB. Every store module takes the Db this returns.
import type { Env } from "../config/env.js";
import { openDatabase } from "./database.js";
import { openPostgres } from "./postgres/open-postgres.js";
import type { Db } from "./sql.js";

export type { Db } from "./sql.js";

export function openStoreDatabase(
  env: Pick<
    Env,
    "PLANBOT_DB" | "PLANBOT_DATABASE_URL" | "PLANBOT_DATABASE_POOL" | "PLANBOT_DATABASE_STATEMENT_TIMEOUT_MS"
  >,
): Db {
  if (env.PLANBOT_DATABASE_URL === undefined) return openDatabase(env.PLANBOT_DB);
  return openPostgres({
    url: env.PLANBOT_DATABASE_URL,
    poolSize: env.PLANBOT_DATABASE_POOL,
    statementTimeoutMs: env.PLANBOT_DATABASE_STATEMENT_TIMEOUT_MS,
  });
}
