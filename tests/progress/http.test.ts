import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import Koa from "koa";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { errorHandler } from "../../src/http/middleware/errors.js";
import { requestContext } from "../../src/http/middleware/request-context.js";
import { progressRoutes } from "../../src/http/routes/progress.js";
import type { AppState } from "../../src/http/state.js";
import type { Runtime } from "../../src/runtime.js";
import { openDatabase } from "../../src/store/database.js";
import { createIdempotencyKeys, requestHash } from "../../src/store/idempotency-keys.js";
import { type RuntimeFixture, runtimeFixture } from "./runtime-fixture.js";

const TOKEN = "test-admin-token-0123456789";
let fx: RuntimeFixture;
let rt: Runtime;
let server: Server;
let base: string;

async function serve(env: Record<string, string>): Promise<void> {
  rt = fx.open(env);
  const app = new Koa<AppState>();
  const router = progressRoutes(rt);
  app.use(requestContext()).use(errorHandler()).use(router.routes()).use(router.allowedMethods());
  server = app.listen(0, "127.0.0.1");
  await new Promise<void>((done) => server.once("listening", () => done()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const post = (body: unknown, token = TOKEN) =>
  fetch(`${base}/api/progress`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

beforeEach(() => {
  fx = runtimeFixture();
});
afterEach(async () => {
  await new Promise((done) => server.close(done));
  rt.close();
  fx.cleanup();
});

describe("progress API", () => {
  it("is off without a configured token", async () => {
    await serve({});
    expect((await post({ task: 1, text: "x", reporter: "r" })).status).toBe(503);
  });

  it("refuses a wrong or missing token", async () => {
    await serve({ PLANBOT_ADMIN_TOKEN: TOKEN });
    const res = await post({ task: 1, text: "x", reporter: "r" }, "wrong");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
    expect((await fetch(`${base}/api/progress`)).status).toBe(401);
    expect(rt.store.count()).toBe(0);
  });

  it("records progress and lists it back", async () => {
    await serve({ PLANBOT_ADMIN_TOKEN: TOKEN });
    const res = await post({
      task: "任务一",
      metric: "专精特新企业",
      value: 300,
      text: "累计达到300家",
      reporter: "oa-sync",
      date: "2024-06-30",
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { record: { id: number; targetId: string; source: string }; bound: boolean };
    expect(body).toMatchObject({ bound: true, record: { targetId: "t1-1", source: "api" } });
    expect(rt.store.audit(body.record.id)[0]?.actor).toBe("api:admin-token");
    const list = await fetch(`${base}/api/progress?task=1`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const listed = (await list.json()) as { records: { id: number; value: number; supersededBy: number | null }[] };
    expect(listed.records).toEqual([expect.objectContaining({ id: body.record.id, value: 300, supersededBy: null })]);
  });

  it("stores a record per target when the text reports several, each figure naming its own", async () => {
    await serve({ PLANBOT_ADMIN_TOKEN: TOKEN });
    const res = await post({ task: 1, text: "专精特新企业累计达到300家;上市公司5家", reporter: "oa-sync" });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { record: { id: number }; records: { targetId: string; value: number }[] };
    expect(body.records.map((r) => [r.targetId, r.value])).toEqual([
      ["t1-1", 300],
      ["t1-2", 5],
    ]);
    expect(body.record.id).toBe(1);
    expect(rt.store.count()).toBe(2);
  });

  it("keeps a figure whose words name another quantity as text, and says how to bind it", async () => {
    await serve({ PLANBOT_ADMIN_TOKEN: TOKEN });
    const res = await post({ task: 1, text: "孵化器在孵企业达到150家", reporter: "oa-sync", date: "2024-06-30" });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { bound: boolean; note: string; record: { targetId: string | null } };
    expect(body).toMatchObject({ bound: false, record: { targetId: null } });
    expect(body.note).toContain("孵化器在孵企业");
    expect(body.note).toContain("请给出 metric 和 value(可选:t1-1 专精特新企业、t1-2 上市公司)");
    const given = await post({ task: 1, metric: "t1-1", text: "孵化器在孵企业达到150家", reporter: "oa-sync" });
    expect(((await given.json()) as { record: { targetId: string; boundBy: string } }).record).toMatchObject({
      targetId: "t1-1",
      boundBy: "explicit",
    });
  });

  it("reads the day a report refers to from its text when the body gives no date", async () => {
    await serve({ PLANBOT_ADMIN_TOKEN: TOKEN });
    const res = await post({ task: 1, metric: "t1-2", value: 5, text: "截至2024年3月上市公司5家", reporter: "r" });
    const dated = await post({
      task: 1,
      metric: "t1-2",
      value: 6,
      text: "截至2024年3月6家",
      reporter: "r",
      date: "2024-05-01",
    });
    const body = (await res.json()) as { record: { asOf: string } };
    expect(body.record.asOf).toBe("2024-03-31");
    expect(((await dated.json()) as { record: { asOf: string } }).record.asOf).toBe("2024-05-01");
  });

  it("lets only the reporter, the lead department and admins correct a record, and audits a refusal", async () => {
    await serve({ PLANBOT_ADMIN_TOKEN: TOKEN });
    const first = await post({ task: 1, metric: "t1-1", value: 300, text: "300家", reporter: "oa-sync" });
    expect(first.status).toBe(201);
    const stranger = await post({ task: 1, metric: "t1-1", value: 1, text: "1家", reporter: "li", supersedes: 1 });
    expect(stranger.status).toBe(403);
    expect(((await stranger.json()) as { error: string }).error).toContain("协同部门只能新增进展");
    expect(rt.store.auditTrail({ refusedOnly: true })[0]).toMatchObject({
      actor: "api:li",
      reason: expect.any(String),
    });
    const own = await post({ task: 1, metric: "t1-1", value: 301, text: "301家", reporter: "oa-sync", supersedes: 1 });
    expect(own.status).toBe(201);
    const lead = await post({ task: 1, metric: "t1-1", value: 302, text: "302家", reporter: "zhang", supersedes: 2 });
    expect(lead.status).toBe(201);
    expect(rt.store.count()).toBe(3);
  });

  it("explains what is wrong with a request and stores nothing", async () => {
    await serve({ PLANBOT_ADMIN_TOKEN: TOKEN });
    expect((await post("{not json")).status).toBe(400);
    const invalid = await post({ task: 1, text: "x" });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(await invalid.json())).toContain("reporter");
    const unknownTask = await post({ task: 99, text: "x", reporter: "r" });
    expect(unknownTask.status).toBe(422);
    expect(((await unknownTask.json()) as { field: string }).field).toBe("task");
    for (const task of ["task 3", "2-3", "-1", "' OR 1=1 --"]) {
      const unreadable = await post({ task, text: "x", reporter: "r" });
      expect(unreadable.status).toBe(400);
      expect(await unreadable.json()).toMatchObject({ field: "task", error: expect.stringContaining(task) });
    }
    const badCorrection = await post({ task: 1, text: "x", reporter: "r", supersedes: 42 });
    expect(badCorrection.status).toBe(422);
    expect(rt.store.count()).toBe(0);
  });
});

describe("Idempotency-Key on POST /api/progress", () => {
  const postKeyed = (body: unknown, key: string) =>
    fetch(`${base}/api/progress`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", "idempotency-key": key },
      body: JSON.stringify(body),
    });
  const report = { task: 1, metric: "t1-1", value: 300, text: "累计达到300家", reporter: "oa-sync" };

  it("answers a retry with the first response and stores one record", async () => {
    await serve({ PLANBOT_ADMIN_TOKEN: TOKEN });
    const first = await postKeyed(report, "k-1");
    const again = await postKeyed(
      { reporter: "oa-sync", text: "累计达到300家", value: 300, metric: "t1-1", task: 1 },
      "k-1",
    );
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    expect(rt.store.count()).toBe(1);
    expect((await postKeyed(report, "k-2")).status).toBe(201);
    expect(rt.store.count()).toBe(2);
  });

  it("refuses the same key with a different body, and a key still in progress", async () => {
    await serve({ PLANBOT_ADMIN_TOKEN: TOKEN });
    await postKeyed(report, "k-1");
    const other = await postKeyed({ ...report, value: 301 }, "k-1");
    expect(other.status).toBe(422);
    expect(((await other.json()) as { error: string }).error).toContain("k-1");
    // another process holds the key: claimed on its own connection, its records not yet committed
    const otherDb = openDatabase(fx.db);
    const elsewhere = createIdempotencyKeys(otherDb);
    expect(elsewhere.claim("POST /api/progress", "k-3", requestHash(report)).kind).toBe("new");
    expect((await postKeyed(report, "k-3")).status).toBe(409);
    otherDb.close();
    expect(rt.store.count()).toBe(1);
  });

  it("frees the key of a request that stored nothing, and refuses a malformed key", async () => {
    await serve({ PLANBOT_ADMIN_TOKEN: TOKEN });
    expect((await postKeyed({ ...report, task: 99 }, "k-1")).status).toBe(422);
    expect((await postKeyed(report, "k-1")).status).toBe(201);
    expect((await postKeyed(report, "a b")).status).toBe(400);
    expect(rt.store.count()).toBe(1);
  });
});
