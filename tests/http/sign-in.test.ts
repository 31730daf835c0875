// Sign-in through (simulated) WeCom, the refusals people see, sessions (cookie flags, forgery, sign-out), and the
// sign-in that planbot simulate's local WeCom plays.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "../../src/config/env.js";
import { startServer } from "../../src/http/server.js";
import type { WecomSimulatorApi } from "../../src/wecom/simulator/api-server.js";
import { startLocalWecom } from "../../src/wecom/simulator/local-wecom.js";
import type { Harness } from "../wecom/support/harness.js";
import { FIXTURE_KNOWLEDGE } from "../wecom/support/harness.js";
import { type ClosedService, REPORTERS, type RoleCookies, startClosedService } from "./support/closed-service.js";
import { keepCookies, signInThroughSimulator } from "./support/sign-in.js";

let service: ClosedService;
let api: WecomSimulatorApi;
let h: Harness;
let cookies: RoleCookies;
beforeAll(async () => {
  service = await startClosedService();
  ({ api, h, cookies } = service);
}, 60_000);
afterAll(async () => {
  await service.stop();
});

describe("sign-in", () => {
  it("inside WeCom goes through the in-app authorisation, outside through the web login", async () => {
    api.signInAs(undefined);
    const inside = await fetch(`${h.server.url}/auth/signin`, {
      redirect: "manual",
      headers: { "user-agent": "Mozilla/5.0 wxwork/4.1.22 MicroMessenger/7.0.1" },
    });
    const insideUrl = new URL(inside.headers.get("location") ?? "");
    expect(insideUrl.pathname).toBe("/connect/oauth2/authorize");
    expect(insideUrl.hash).toBe("#wechat_redirect");
    expect(Object.fromEntries(insideUrl.searchParams)).toMatchObject({
      appid: h.creds.app.corpId,
      agentid: h.creds.app.agentId,
      response_type: "code",
      scope: "snsapi_base",
      redirect_uri: `${h.server.url}/auth/wecom/callback`,
    });
    expect(insideUrl.searchParams.get("state")).toMatch(/^[A-Za-z0-9]{32}$/);
    const outside = await fetch(`${h.server.url}/auth/signin`, { redirect: "manual" });
    const outsideUrl = new URL(outside.headers.get("location") ?? "");
    expect(outsideUrl.pathname).toBe("/wwlogin/sso/login");
    expect(outsideUrl.searchParams.get("login_type")).toBe("CorpApp");
    const inApp = await signInThroughSimulator(h.server.url, api, "wang.viewer", {
      userAgent: "Mozilla/5.0 wxwork/4.1.22",
      next: "/tasks/demo-plan/1",
    });
    expect(inApp.last.headers.get("location")).toBe("/tasks/demo-plan/1");
  });

  it("an unknown userid gets a polite refusal naming whom to ask, and no session", async () => {
    const { cookie, last } = await signInThroughSimulator(h.server.url, api, "stranger");
    expect(last.status).toBe(403);
    const text = await last.text();
    expect(text).toContain("stranger");
    expect(text).toContain("赵管理(zhao.admin)");
    const page = await fetch(`${h.server.url}/`, { headers: { cookie }, redirect: "manual" });
    expect(page.status).toBe(401);
  });

  it("someone outside the corp is refused", async () => {
    const { last } = await signInThroughSimulator(h.server.url, api, "outsider");
    expect(last.status).toBe(403);
    expect(await last.text()).toContain("本单位企业微信成员");
  });

  it("refuses a callback whose state this browser did not start, and a code used twice", async () => {
    api.signInAs("wang.viewer");
    const start = await fetch(`${h.server.url}/auth/signin`, { redirect: "manual" });
    const cookie = keepCookies(start);
    const back = (await fetch(start.headers.get("location") ?? "", { redirect: "manual" })).headers.get("location");
    // another browser (no cookie) presenting the same link
    expect((await fetch(back ?? "", { redirect: "manual" })).status).toBe(400);
    const tampered = (back ?? "").replace(/state=[^&]+/, "state=0123456789abcdef0123456789abcdef");
    const wrong = await fetch(tampered, { redirect: "manual", headers: { cookie } });
    expect(wrong.status).toBe(400);
    // the browser keeps what that answer set: the sign-in it started is used up, the right state now fails too
    expect(
      (await fetch(back ?? "", { redirect: "manual", headers: { cookie: keepCookies(wrong, cookie) } })).status,
    ).toBe(400);
    // A cookie replayed from before the callback brings the pending sign-in back, but WeCom's code works only once.
    const fresh = await fetch(`${h.server.url}/auth/signin`, { redirect: "manual" });
    const before = keepCookies(fresh);
    const link = (await fetch(fresh.headers.get("location") ?? "", { redirect: "manual" })).headers.get("location");
    expect((await fetch(link ?? "", { redirect: "manual", headers: { cookie: before } })).status).toBe(302);
    const replay = await fetch(link ?? "", { redirect: "manual", headers: { cookie: before } });
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain("登录凭证无效或已过期");
  });

  it("a cancelled web login says so", async () => {
    const start = await fetch(`${h.server.url}/auth/signin`, { redirect: "manual" });
    const cookie = keepCookies(start);
    const cancel = new URL(start.headers.get("location") ?? "");
    cancel.searchParams.set("sim_cancel", "1");
    const back = (await fetch(cancel, { redirect: "manual" })).headers.get("location") ?? "";
    expect(back).not.toContain("code=");
    const res = await fetch(back, { redirect: "manual", headers: { cookie } });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("登录已取消");
  });

  it("never redirects to another site after sign-in", async () => {
    for (const next of ["//evil.example/", "/\\evil.example", "https://evil.example/"]) {
      const { last } = await signInThroughSimulator(h.server.url, api, "wang.viewer", { next });
      expect(last.headers.get("location")).toBe("/");
    }
  });
});

describe("sessions", () => {
  it("are signed, HttpOnly, SameSite=Lax, expire, and are Secure behind a trusted HTTPS proxy only", async () => {
    const start = await fetch(`${h.server.url}/auth/signin`, { redirect: "manual" });
    const lines = start.headers.getSetCookie();
    expect(lines.some((l) => l.startsWith("planbot.sid.sig="))).toBe(true);
    const sid = lines.find((l) => l.startsWith("planbot.sid=")) ?? "";
    expect(sid).toMatch(/httponly/i);
    expect(sid).toMatch(/samesite=lax/i);
    expect(sid).toMatch(/expires=/i);
    expect(sid).not.toMatch(/secure/i);
    // Without PLANBOT_TRUST_PROXY a forwarded "https" is not believed.
    const spoofed = await fetch(`${h.server.url}/auth/signin`, {
      redirect: "manual",
      headers: { "x-forwarded-proto": "https" },
    });
    expect(spoofed.headers.getSetCookie().join("\n")).not.toMatch(/secure/i);

    const env = { ...h.runtime.env, PLANBOT_TRUST_PROXY: true };
    const proxied = await startServer(
      { ...h.runtime, env },
      { host: "127.0.0.1", port: 0 },
      { botWorker: false, listenHost: "0.0.0.0" },
    );
    try {
      const res = await fetch(`${proxied.url}/auth/signin`, {
        redirect: "manual",
        headers: { "x-forwarded-proto": "https", "x-forwarded-host": "planbot.example.gov.cn" },
      });
      expect(res.headers.getSetCookie().find((l) => l.startsWith("planbot.sid="))).toMatch(/secure/i);
      // the redirect_uri is the address people use, as the proxy reported it
      const redirect = new URL(res.headers.get("location") ?? "");
      expect(redirect.searchParams.get("redirect_uri")).toBe("https://planbot.example.gov.cn/auth/wecom/callback");
    } finally {
      await proxied.close();
    }
  });

  it("a forged or altered session cookie is no identity", async () => {
    const forged = cookies.admin.replace(/planbot\.sid=([^;]+)/, (_m, v: string) => {
      const data = JSON.parse(Buffer.from(v, "base64").toString()) as Record<string, unknown>;
      return `planbot.sid=${Buffer.from(JSON.stringify({ ...data, userid: "zhao.admin2" })).toString("base64")}`;
    });
    const res = await fetch(`${h.server.url}/`, { headers: { cookie: forged }, redirect: "manual" });
    expect(res.status).toBe(401);
  });

  it("sign-out ends the session", async () => {
    const { cookie } = await signInThroughSimulator(h.server.url, api, "li.reporter");
    expect((await fetch(`${h.server.url}/`, { headers: { cookie } })).status).toBe(200);
    const out = await fetch(`${h.server.url}/auth/signout`, {
      method: "POST",
      headers: { cookie },
      redirect: "manual",
    });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/auth/account");
    const after = keepCookies(out, cookie);
    expect((await fetch(`${h.server.url}/`, { headers: { cookie: after }, redirect: "manual" })).status).toBe(401);
  });
});

describe("planbot simulate", () => {
  it("plays WeCom's sign-in too: the local WeCom signs people in from the reporters file", async () => {
    const reporters = join(h.dir, "simulate-reporters.yaml");
    writeFileSync(reporters, REPORTERS);
    const local = await startLocalWecom(
      loadEnv({ PLANBOT_KNOWLEDGE: FIXTURE_KNOWLEDGE, PLANBOT_DB: ":memory:", PLANBOT_REPORTERS: reporters }),
    );
    try {
      // the login page offers the people of the reporters file
      const start = await fetch(`${local.server.url}/auth/signin`, { redirect: "manual" });
      const loginPage = await (await fetch(start.headers.get("location") ?? "")).text();
      expect(loginPage).toContain("赵管理(zhao.admin)");
      const { cookie, last } = await signInThroughSimulator(local.server.url, local.api, "zhao.admin");
      expect(last.headers.get("location")).toBe("/");
      expect((await fetch(`${local.server.url}/`, { headers: { cookie } })).status).toBe(200);
    } finally {
      await local.stop();
    }
  });
});
