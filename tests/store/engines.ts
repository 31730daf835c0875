// The store engines a store test runs on: SQLite in a temp dir, and PostgreSQL when PLANBOT_TEST_DATABASE_URL names
// a server (scripts/ci-postgres.sh starts one). Each test gets its own SQLite file or its own PostgreSQL schema.
// With CI=true a missing server fails the run; on a developer's machine its tests are skipped, with a message.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe } from "vitest";
import { openDatabase } from "../../src/store/database.js";
import { openPostgres } from "../../src/store/postgres/open-postgres.js";
import { connectPostgres, type PgDb } from "../../src/store/postgres/pg-db.js";
import type { Db } from "../../src/store/sql.js";

export interface EngineDb {
  /** one connection, migrated */
  db: Db;
  /** another connection to the same database, as a second process or replica would have */
  another(): Db;
  cleanup(): Promise<void>;
}

export interface Engine {
  name: "sqlite" | "postgres";
  open(): EngineDb;
}

const sqlite: Engine = {
  name: "sqlite",
  open() {
    const dir = mkdtempSync(join(tmpdir(), "planbot-engine-"));
    const file = join(dir, "planbot.sqlite");
    const opened = [openDatabase(file)];
    return {
      db: opened[0] as Db,
      another() {
        const db = openDatabase(file);
        opened.push(db);
        return db;
      },
      async cleanup() {
        for (const db of opened) if (db.open) db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export const testDatabaseUrl = process.env.PLANBOT_TEST_DATABASE_URL;

/** The URL of a new, empty schema on the test server: its tables are this test's alone. */
export function freshSchemaUrl(base: string): { url: string; schema: string } {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const admin = connectPostgres({ url: base });
  admin.exec(`CREATE SCHEMA ${schema}`);
  void admin.closeAsync();
  const url = new URL(base);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return { url: url.toString(), schema };
}

const postgres: Engine = {
  name: "postgres",
  open() {
    if (!testDatabaseUrl) throw new Error("PLANBOT_TEST_DATABASE_URL is not set");
    const { url } = freshSchemaUrl(testDatabaseUrl);
    const opened: PgDb[] = [openPostgres({ url, waitForServerMs: 5_000 })];
    return {
      db: opened[0] as PgDb,
      another() {
        const db = openPostgres({ url, waitForServerMs: 5_000 });
        opened.push(db);
        return db;
      },
      async cleanup() {
        await Promise.all(opened.map((db) => db.closeAsync()));
      },
    };
  },
};

if (!testDatabaseUrl) {
  if (process.env.CI === "true") {
    throw new Error("CI=true but PLANBOT_TEST_DATABASE_URL is not set: the PostgreSQL store tests must run in CI");
  }
  console.warn(
    "PLANBOT_TEST_DATABASE_URL is not set: the PostgreSQL store tests are skipped (source scripts/ci-postgres.sh to run them)",
  );
}

/** Every engine the tests can reach; in CI both, or the module above has already failed. */
export const engines: Engine[] = testDatabaseUrl ? [sqlite, postgres] : [sqlite];

/** The same tests once per engine, named after it; the PostgreSQL ones listed as skipped when there is no server. */
export function describeEachEngine(title: string, body: (engine: Engine) => void): void {
  describe.each([sqlite, postgres])(`${title} [$name]`, (engine) => {
    if (engine.name === "postgres" && !testDatabaseUrl) {
      describe.skip("needs PLANBOT_TEST_DATABASE_URL", () => body(engine));
      return;
    }
    body(engine);
  });
}

/** Tests of PostgreSQL alone (copying into it, replicas on it): skipped with the same message without a server. */
export function describeOnPostgres(title: string, body: () => void): void {
  if (testDatabaseUrl) describe(`${title} [postgres]`, body);
  else describe.skip(`${title} [postgres] (needs PLANBOT_TEST_DATABASE_URL)`, body);
}
