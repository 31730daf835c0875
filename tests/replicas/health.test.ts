// /healthz on PostgreSQL: ready only while the database answers. A database that stops taking connections turns it
// to 503 (the load balancer then sends elsewhere) without stopping the process; when it takes them again, so does
// the replica, on new connections.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { connectPostgres, type PgDb } from "../../src/store/postgres/pg-db.js";
import { describeOnPostgres, testDatabaseUrl } from "../store/engines.js";
import { type Harness, startHarness } from "../wecom/support/harness.js";

describeOnPostgres("/healthz", () => {
  const name = `planbot_health_${randomBytes(4).toString("hex")}`;
  let admin: PgDb;
  let h: Harness;
  beforeAll(async () => {
    admin = connectPostgres({ url: testDatabaseUrl as string });
    admin.exec(`CREATE DATABASE ${name}`);
    const url = new URL(testDatabaseUrl as string);
    url.pathname = `/${name}`;
    h = await startHarness({ wecom: false, env: { PLANBOT_DATABASE_URL: url.toString() } });
  }, 30_000);
  afterAll(async () => {
    await h?.stop();
    admin.exec(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.closeAsync();
  });

  const health = async () => {
    const res = await fetch(`${h.server.url}/healthz`);
    return { status: res.status, body: (await res.json()) as { status: string; database: string } };
  };

  it("is ready while PostgreSQL answers, 503 while it does not, and ready again when it is back", async () => {
    expect(await health()).toMatchObject({ status: 200, body: { status: "ok", database: "postgres" } });
    admin.exec(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    admin.exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
    await vi.waitFor(async () => expect((await health()).status).toBe(503), { timeout: 10_000, interval: 100 });
    expect((await health()).body.status).toBe("database-unreachable");
    admin.exec(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    await vi.waitFor(async () => expect((await health()).status).toBe(200), { timeout: 10_000, interval: 100 });
    // and it records again, on a new connection
    expect(h.runtime.store.count()).toBe(0);
  }, 40_000);
});
