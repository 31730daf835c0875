// Issue 20.5: the dashboard's upload → preview → confirm, for a signed-in admin only (the sign-in middleware's
// ctx.state.user is set here from a test header), over real HTTP on 127.0.0.1.
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import Koa from "koa";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { progressImportRoutes } from "../../src/dashboard/progress-import-routes.js";
import type { Runtime } from "../../src/runtime.js";
import { type RuntimeFixture, runtimeFixture } from "../progress/runtime-fixture.js";

const SHEET = readFileSync(join(import.meta.dirname, "..", "fixtures", "progress-sheets", "department-june.xlsx"));
let fx: RuntimeFixture;
let rt: Runtime;
let server: ReturnType<Koa["listen"]>;
let base: string;

beforeEach(async () => {
  fx = runtimeFixture();
  rt = fx.open();
  const app = new Koa();
  app.use((ctx, next) => {
    const role = ctx.get("x-test-role");
    if (role) ctx.state.user = { userid: "li", role };
    return next();
  });
  const router = progressImportRoutes(rt);
  app.use(router.routes());
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  rt.close();
  fx.cleanup();
});

const post = (path: string, role: string | null, body: Buffer = SHEET) =>
  fetch(`${base}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/octet-stream", ...(role ? { "x-test-role": role } : {}) },
    body: new Uint8Array(body),
  });

describe("dashboard progress import", () => {
  it.each([null, "viewer", "reporter"])("answers 403 to %s and stores nothing", async (role) => {
    const page = await fetch(`${base}/progress/import`, { headers: role ? { "x-test-role": role } : {} });
    expect(page.status).toBe(403);
    for (const path of ["/progress/import/preview?name=s.xlsx", "/progress/import/confirm?name=s.xlsx"]) {
      const res = await post(path, role);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: "只有管理员可以导入进展表" });
    }
    expect(rt.store.count()).toBe(0);
  });

  it("previews for an admin without storing, then stores what the preview showed, once", async () => {
    expect((await fetch(`${base}/progress/import`, { headers: { "x-test-role": "admin" } })).status).toBe(200);
    const preview = await post("/progress/import/preview?name=june.xlsx", "admin");
    expect(preview.status).toBe(200);
    const shown = (await preview.json()) as { preview: string; fingerprint: string; toStore: number };
    expect(shown.preview).toContain("第 6 行 新增 → 任务1「培育专精特新企业」 · 上市公司 = 7家");
    expect(shown.toStore).toBe(4);
    expect(rt.store.count()).toBe(0);

    const stale = await post(`/progress/import/confirm?name=june.xlsx&preview=${"0".repeat(64)}`, "admin");
    expect(stale.status).toBe(409);
    expect(rt.store.count()).toBe(0);

    const confirmed = await post(`/progress/import/confirm?name=june.xlsx&preview=${shown.fingerprint}`, "admin");
    expect(await confirmed.json()).toEqual({ stored: 4 });
    expect(rt.store.audit(1)).toMatchObject([{ action: "add", actor: "wecom:li", via: "dashboard:import" }]);
    // the same confirm again: the rows are known, the preview it was made from no longer matches
    expect((await post(`/progress/import/confirm?name=june.xlsx&preview=${shown.fingerprint}`, "admin")).status).toBe(
      409,
    );
    expect(rt.store.count()).toBe(4);
  });

  it("names a damaged file in the refusal", async () => {
    const res = await post("/progress/import/preview?name=broken.xlsx", "admin", SHEET.subarray(0, 200));
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toContain("文件“broken.xlsx”不是有效的 Excel 工作簿");
  });
});
