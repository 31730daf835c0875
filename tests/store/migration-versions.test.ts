// Both stores are versioned the same way: every SQLite migration has its PostgreSQL step under the same number, and a
// new database of either engine ends at the newest version.
import { afterEach, expect, it } from "vitest";
import { migrations } from "../../src/store/migrations/index.js";
import { postgresMigrations } from "../../src/store/postgres/migrations/index.js";
import { isPostgres } from "../../src/store/postgres/pg-db.js";
import type { Db } from "../../src/store/sql.js";
import { describeEachEngine, type EngineDb } from "./engines.js";

it("lists the same versions, with the same names, for SQLite and PostgreSQL", () => {
  const listed = (list: typeof migrations) => list.map((m) => `${m.version} ${m.name}`);
  expect(listed(postgresMigrations)).toEqual(listed(migrations));
});

describeEachEngine("a new database", (engine) => {
  let e: EngineDb | undefined;
  afterEach(async () => {
    await e?.cleanup();
    e = undefined;
  });

  it("is brought to the newest version, and opening it again applies nothing", () => {
    e = engine.open();
    const version = (db: Db) =>
      isPostgres(db)
        ? db.prepare<[], { v: number }>("SELECT max(version) AS v FROM schema_migrations").get()?.v
        : db.prepare<[], { user_version: number }>("PRAGMA user_version").get()?.user_version;
    expect(version(e.db)).toBe(migrations.at(-1)?.version);
    expect(version(e.another())).toBe(migrations.at(-1)?.version);
  });
});
