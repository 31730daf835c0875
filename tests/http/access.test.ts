// Who may see what: the route table (every route with the identities that may use it, derived from the routers'
// registered layers), the acceptance checks with WeCom keys on a public interface, sign-in, sessions, CSRF, limits.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Router from "@koa/router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "../../src/config/env.js";
import { type Identity, identitiesAllowed, ROUTE_RULES, ruleKey } from "../../src/http/access/route-rules.js";
import { startServer } from "../../src/http/server.js";
import { openRuntime } from "../../src/runtime.js";
import { startWecomSimulatorApi, type WecomSimulatorApi } from "../../src/wecom/simulator/api-server.js";
import { newCredentials } from "../../src/wecom/simulator/credentials.js";
import { startLocalWecom } from "../../src/wecom/simulator/local-wecom.js";
import { FIXTURE_KNOWLEDGE, type Harness, startHarness } from "../wecom/support/harness.js";
import { keepCookies, signInThroughSimulator } from "./support/sign-in.js";

const TOKENS = {
  PLANBOT_ASK_TOKEN: "ask-token-for-other-systems-1",
  PLANBOT_METRICS_TOKEN: "metrics-token-for-scrapers-22",
  PLANBOT_ADMIN_TOKEN: "admin-token-for-progress-333",
};

const SESSION_SECRET = "a-session-secret-of-at-least-32-characters";

const REPORTERS = `reporters:
  - userid: wang.viewer
    name: 王查看
    role: viewer
    department: 数据资源局
  - userid: li.reporter
    name: 李填报
    department: 数据资源局
  - userid: zhao.admin
    name: 赵管理
    role: admin
`;

/** Every route the service registers, with who may use it when WeCom is configured and the plan is not public. */
const EXPECTED: Record<string, Identity[]> = {
  "GET /wecom/bot": ["none", "viewer", "reporter", "admin", "token"],
  "POST /wecom/bot": ["none", "viewer", "reporter", "admin", "token"],
  "GET /wecom/app": ["none", "viewer", "reporter", "admin", "token"],
  "POST /wecom/app": ["none", "viewer", "reporter", "admin", "token"],
  "GET /healthz": ["none", "viewer", "reporter", "admin", "token"],
  "GET /metrics": ["token"],
  "POST /api/ask": ["viewer", "reporter", "admin", "token"],
  "GET /api/progress": ["token"],
  "POST /api/progress": ["token"],
  "GET /": ["viewer", "reporter", "admin"],
  "GET /tasks/:plan/:no": ["viewer", "reporter", "admin"],
  "GET /try": ["viewer", "reporter", "admin"],
  "POST /try": ["viewer", "reporter", "admin"],
  "GET /assets/:name": ["none", "viewer", "reporter", "admin", "token"],
  "GET /auth/signin": ["none", "viewer", "reporter", "admin", "token"],
  "GET /auth/wecom/callback": ["none", "viewer", "reporter", "admin", "token"],
  "GET /auth/account": ["none", "viewer", "reporter", "admin", "token"],
  "POST /auth/signout": ["none", "viewer", "reporter", "admin", "token"],
};

let api: WecomSimulatorApi;
let h: Harness;
const cookies: Record<"viewer" | "reporter" | "admin", string> = { viewer: "", reporter: "", admin: "" };

beforeAll(async () => {
  const creds = newCredentials();
  api = await startWecomSimulatorApi({
    corps: [{ corpId: creds.app.corpId, corpSecret: creds.app.secret, agentId: creds.app.agentId }],
    oauthOutsiders: ["outsider"],
  });
  h = await startHarness({
    creds,
    env: {
      ...TOKENS,
      WECOM_API_BASE: api.url,
      WECOM_OAUTH_BASE: api.url,
      WECOM_LOGIN_BASE: api.url,
      PLANBOT_SESSION_SECRET: SESSION_SECRET,
    },
    // The acceptance setting: WeCom keys and a public interface (the socket itself stays on 127.0.0.1).
    server: { listenHost: "0.0.0.0" },
  });
  // The harness has no reporters file: write one and restart on the same data.
  const reporters = join(h.dir, "reporters.yaml");
  writeFileSync(reporters, REPORTERS);
  await h.stop();
  h = await startHarness({
    dir: h.dir,
    creds,
    env: {
      ...TOKENS,
      PLANBOT_REPORTERS: reporters,
      WECOM_API_BASE: api.url,
      WECOM_OAUTH_BASE: api.url,
      WECOM_LOGIN_BASE: api.url,
      // a low limit for sign-in so the test can reach it; the general one stays high for the table's many requests
      PLANBOT_SIGNIN_RATE_LIMIT: "80",
      // one key for every server the tests start on this runtime, so a session made on one is good on the others
      PLANBOT_SESSION_SECRET: SESSION_SECRET,
    },
    server: { listenHost: "0.0.0.0" },
  });
  cookies.viewer = (await signInThroughSimulator(h.server.url, api, "wang.viewer")).cookie;
  cookies.reporter = (await signInThroughSimulator(h.server.url, api, "li.reporter")).cookie;
  cookies.admin = (await signInThroughSimulator(h.server.url, api, "zhao.admin")).cookie;
}, 60_000);

afterAll(async () => {
  await h.dispose();
  await api.stop();
});

/** Every "METHOD pattern" the mounted routers registered (HEAD is GET's twin and follows its rule). */
function registeredRoutes(): string[] {
  const keys = new Set<string>();
  for (const router of h.server.planbot.routers) {
    for (const layer of (router as unknown as Router).stack) {
      for (const method of layer.methods) if (method !== "HEAD") keys.add(ruleKey(method, String(layer.path)));
    }
  }
  return [...keys].sort();
}

describe("the route table", () => {
  it("has a rule for every registered route, and lists exactly the registered routes", () => {
    expect(h.server.planbot.mode).toBe("closed");
    const routes = registeredRoutes();
    // A route added without a rule, or a rule for a route that no longer exists, fails here.
    expect(routes).toEqual(Object.keys(EXPECTED).sort());
    for (const route of routes) expect(ROUTE_RULES[route], route).toBeDefined();
  });

  it("admits exactly the listed identities to each route", () => {
    for (const route of registeredRoutes()) {
      const rule = ROUTE_RULES[route];
      if (!rule) throw new Error(`no rule for ${route}`);
      expect(identitiesAllowed(rule, "closed", false), route).toEqual(EXPECTED[route]);
    }
  });

  /** A concrete request for a route pattern, as the identity would send it. */
  function requestFor(route: string, identity: Identity): { url: string; init: RequestInit } {
    const [method, pattern] = route.split(" ") as [string, string];
    const path = pattern.replace(":plan", "demo-plan").replace(":no", "1").replace(":name", "dashboard.css");
    const headers: Record<string, string> = { accept: "application/json" };
    const rule = ROUTE_RULES[route];
    const ownToken = rule && (rule.who === "token" || rule.who === "role") ? rule.token : undefined;
    if (identity === "token") {
      const name = ownToken ?? "ask";
      headers.authorization = `Bearer ${TOKENS[`PLANBOT_${name.toUpperCase()}_TOKEN` as keyof typeof TOKENS]}`;
    } else if (identity !== "none") headers.cookie = cookies[identity];
    const body =
      method === "POST"
        ? route === "POST /try"
          ? JSON.stringify({ text: "接入部门谁牵头" })
          : JSON.stringify({ q: "接入部门谁牵头" })
        : undefined;
    if (body) headers["content-type"] = "application/json";
    return { url: `${h.server.url}${path}`, init: { method, headers, body, redirect: "manual" } };
  }

  /** The guard's refusals: to sign-in, or 401/403/503 with its own messages (callback errors are not refusals). */
  async function refused(res: Response): Promise<boolean> {
    if (res.status === 302) return (res.headers.get("location") ?? "").startsWith("/auth/signin");
    if (![401, 403, 503].includes(res.status)) return false;
    const text = await res.text();
    return /sign-in required|bearer token|API disabled|may not use this/.test(text);
  }

  it("lets each identity through exactly where the table says, over HTTP", async () => {
    const identities: Identity[] = ["none", "viewer", "reporter", "admin", "token"];
    const seen: Record<string, Identity[]> = {};
    for (const route of Object.keys(EXPECTED)) {
      seen[route] = [];
      for (const identity of identities) {
        // Sign-out would end the shared sessions; it is checked on a session of its own below.
        if (route === "POST /auth/signout" && identity !== "none" && identity !== "token") {
          seen[route].push(identity);
          continue;
        }
        const { url, init } = requestFor(route, identity);
        const res = await fetch(url, init);
        if (!(await refused(res))) seen[route].push(identity);
      }
    }
    expect(seen).toEqual(EXPECTED);
  }, 60_000);

  it("refuses a route that was added without a rule, and serves it once it has one", async () => {
    const extra = new Router();
    extra.get("/extra/admin-page", (ctx) => {
      ctx.body = { admin: ctx.state.user };
    });
    const runtime = h.runtime;
    const without = await startServer(runtime, { host: "127.0.0.1", port: 0 }, { routers: [extra], botWorker: false });
    try {
      const res = await fetch(`${without.url}/extra/admin-page`, { headers: { cookie: cookies.admin } });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: "this route has no access rule" });
    } finally {
      await without.close();
    }
    // With a rule: only an admin gets in, and sees themselves in ctx.state.user.
    const withRule = await startServer(
      runtime,
      { host: "127.0.0.1", port: 0 },
      { routers: [extra], rules: { "GET /extra/admin-page": { who: "role", role: "admin" } }, botWorker: false },
    );
    try {
      const get = (cookie: string) =>
        fetch(`${withRule.url}/extra/admin-page`, { headers: { cookie, accept: "application/json" } });
      expect((await get(cookies.viewer)).status).toBe(403);
      expect((await get(cookies.reporter)).status).toBe(403);
      const admin = await get(cookies.admin);
      expect(admin.status).toBe(200);
      expect(await admin.json()).toEqual({ admin: { userid: "zhao.admin", role: "admin" } });
    } finally {
      await withRule.close();
    }
  });
});

describe("acceptance: WeCom keys set and HOST=0.0.0.0", () => {
  it("GET / redirects a browser to sign-in and answers 401 to anything else", async () => {
    const browser = await fetch(`${h.server.url}/`, { redirect: "manual", headers: { accept: "text/html" } });
    expect(browser.status).toBe(302);
    expect(browser.headers.get("location")).toBe("/auth/signin?next=%2F");
    const script = await fetch(`${h.server.url}/`, { redirect: "manual" });
    expect(script.status).toBe(401);
  });

  it("POST /api/ask and GET /metrics answer 401 without identity; their tokens open them", async () => {
    const ask = await fetch(`${h.server.url}/api/ask`, { method: "POST", body: '{"q":"接入部门目标"}' });
    expect(ask.status).toBe(401);
    expect(ask.headers.get("www-authenticate")).toContain("Bearer");
    expect((await fetch(`${h.server.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${h.server.url}/metrics`, { headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    const metrics = await fetch(`${h.server.url}/metrics`, {
      headers: { authorization: `Bearer ${TOKENS.PLANBOT_METRICS_TOKEN}` },
    });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain("planbot_http_requests_total");
    const byToken = await fetch(`${h.server.url}/api/ask`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKENS.PLANBOT_ASK_TOKEN}` },
      body: '{"q":"接入部门目标"}',
    });
    expect(byToken.status).toBe(200);
    // The ask token is for asking only.
    const progress = await fetch(`${h.server.url}/api/progress`, {
      headers: { authorization: `Bearer ${TOKENS.PLANBOT_ASK_TOKEN}` },
    });
    expect(progress.status).toBe(401);
  });

  it("answer 401 also when no token is configured at all", async () => {
    const env = { ...h.runtime.env, PLANBOT_ASK_TOKEN: undefined, PLANBOT_METRICS_TOKEN: undefined };
    const bare = await startServer({ ...h.runtime, env }, { host: "127.0.0.1", port: 0 }, { listenHost: "0.0.0.0" });
    try {
      expect((await fetch(`${bare.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${bare.url}/api/ask`, { method: "POST", body: '{"q":"目标"}' })).status).toBe(401);
      const guessed = await fetch(`${bare.url}/metrics`, { headers: { authorization: "Bearer " } });
      expect(guessed.status).toBe(401);
    } finally {
      await bare.close();
    }
  });

  it("WeCom's callbacks still work and /healthz answers", async () => {
    expect((await h.sim.verifyUrl("bot")).ok).toBe(true);
    expect((await h.sim.verifyUrl("app")).ok).toBe(true);
    const conv = await h.sim.askBot("接入部门谁牵头", { chatid: "g1" });
    expect(conv.problems).toEqual([]);
    expect(conv.answer).toContain("牵头");
    const health = await fetch(`${h.server.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it("a signed-in viewer sees the dashboard with progress, the try box and the ask API", async () => {
    const page = await fetch(`${h.server.url}/`, { headers: { cookie: cookies.viewer } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("指标与进展");
    const task = await fetch(`${h.server.url}/tasks/demo-plan/1`, { headers: { cookie: cookies.viewer } });
    expect(task.status).toBe(200);
    const ask = await fetch(`${h.server.url}/api/ask`, {
      method: "POST",
      headers: { cookie: cookies.viewer },
      body: '{"q":"接入部门目标"}',
    });
    expect(ask.status).toBe(200);
  });

  it("the account page tells each person their role; a viewer cannot record progress in the chat, a reporter can", async () => {
    for (const [who, label] of [
      ["viewer", "查看者"],
      ["reporter", "填报员"],
      ["admin", "管理员"],
    ] as const) {
      const account = await (await fetch(`${h.server.url}/auth/account`, { headers: { cookie: cookies[who] } })).text();
      expect(account).toContain(label);
      expect(account).toContain('action="/auth/signout"');
    }
    const viewer = await h.sim.askApp("进展 任务一:接入部门达到10个", { userid: "wang.viewer" });
    expect(viewer.replyText ?? "").toContain("查看者");
    const reporter = await h.sim.askApp("进展 任务一:接入部门达到10个", { userid: "li.reporter" });
    expect(reporter.replyText ?? "").not.toContain("抱歉");
  });
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

describe("cross-site requests", () => {
  it("refuses a state-changing request from another site, and takes one from our own pages", async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${h.server.url}/try`, {
        method: "POST",
        headers: { cookie: cookies.viewer, "content-type": "application/x-www-form-urlencoded", ...headers },
        body: "text=接入部门谁牵头",
      });
    expect((await post({ origin: "https://evil.example" })).status).toBe(403);
    expect((await post({ "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await post({ "sec-fetch-site": "same-site" })).status).toBe(403);
    expect((await post({ origin: "null" })).status).toBe(403);
    expect((await post({ origin: h.server.url })).status).toBe(200);
    expect((await post({ "sec-fetch-site": "same-origin", origin: h.server.url })).status).toBe(200);
    // sign-out too: another site cannot sign someone out
    const out = await fetch(`${h.server.url}/auth/signout`, {
      method: "POST",
      headers: { cookie: cookies.viewer, origin: "https://evil.example" },
      redirect: "manual",
    });
    expect(out.status).toBe(403);
  });
});

describe("rate limits", () => {
  it("limit sign-in per address, and never WeCom's callbacks", async () => {
    let limited: Response | undefined;
    for (let i = 0; i < 120 && !limited; i++) {
      const res = await fetch(`${h.server.url}/auth/signin`, { redirect: "manual" });
      if (res.status === 429) limited = res;
    }
    expect(limited?.status).toBe(429);
    expect(limited?.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await limited?.text()).toContain("请求过于频繁");
    // callbacks carry no limit headers at all
    const verify = await h.sim.verifyUrl("bot");
    expect(verify.ok).toBe(true);
    const health = await fetch(`${h.server.url}/healthz`);
    expect(health.headers.get("x-ratelimit-limit")).toBe("300");
    // refused requests count too
    const refusedAsk = await fetch(`${h.server.url}/api/ask`, { method: "POST", body: '{"q":"x"}' });
    expect(refusedAsk.headers.get("x-ratelimit-limit")).toBe("300");
  });

  it("do not count people signed in or systems with their token (an office behind one address shares no limit)", async () => {
    const page = await fetch(`${h.server.url}/`, { headers: { cookie: cookies.viewer } });
    expect(page.status).toBe(200);
    expect(page.headers.get("x-ratelimit-limit")).toBeNull();
    const metrics = await fetch(`${h.server.url}/metrics`, {
      headers: { authorization: `Bearer ${TOKENS.PLANBOT_METRICS_TOKEN}` },
    });
    expect(metrics.headers.get("x-ratelimit-limit")).toBeNull();
  });
});

describe("modes", () => {
  it("local mode is open on loopback, and refuses to start open on a public interface unless told to", async () => {
    const env = loadEnv({ PLANBOT_KNOWLEDGE: FIXTURE_KNOWLEDGE, PLANBOT_DB: ":memory:" });
    const runtime = openRuntime(env);
    try {
      await expect(startServer(runtime, { host: "127.0.0.1", port: 0 }, { listenHost: "0.0.0.0" })).rejects.toThrow(
        /PLANBOT_OPEN_DASHBOARD=true/,
      );
      const local = await startServer(runtime, { host: "127.0.0.1", port: 0 });
      try {
        expect(local.planbot.mode).toBe("open-local");
        expect((await fetch(`${local.url}/`)).status).toBe(200);
        expect((await fetch(`${local.url}/metrics`)).status).toBe(200);
        // as strict as before: the progress API wants its token even here
        expect((await fetch(`${local.url}/api/progress`)).status).toBe(503);
      } finally {
        await local.close();
      }
      const opened = { ...runtime, env: { ...env, PLANBOT_OPEN_DASHBOARD: true } };
      const open = await startServer(opened, { host: "127.0.0.1", port: 0 }, { listenHost: "0.0.0.0" });
      try {
        expect(open.planbot.mode).toBe("open-public");
        expect((await fetch(`${open.url}/`)).status).toBe(200);
        // metrics stay closed on a public interface
        expect((await fetch(`${open.url}/metrics`)).status).toBe(401);
      } finally {
        await open.close();
      }
    } finally {
      runtime.close();
    }
  });

  it("PLANBOT_PUBLIC_PLAN shows the matrix without progress to anyone; progress stays behind sign-in", async () => {
    const env = { ...h.runtime.env, PLANBOT_PUBLIC_PLAN: true };
    const service = await startServer({ ...h.runtime, env }, { host: "127.0.0.1", port: 0 }, { botWorker: false });
    try {
      const anonymous = await fetch(`${service.url}/`);
      expect(anonymous.status).toBe(200);
      const text = await anonymous.text();
      expect(text).toContain("计划目标");
      expect(text).not.toContain("指标与进展");
      expect(text).toContain("/auth/signin");
      expect((await fetch(`${service.url}/tasks/demo-plan/1`, { redirect: "manual" })).status).toBe(401);
      expect((await fetch(`${service.url}/api/ask`, { method: "POST", body: '{"q":"x"}' })).status).toBe(401);
      const signedIn = await fetch(`${service.url}/`, { headers: { cookie: cookies.viewer } });
      expect(await signedIn.text()).toContain("指标与进展");
    } finally {
      await service.close();
    }
  });

  it("PLANBOT_METRICS_PORT serves /metrics on a loopback listener without a token", async () => {
    const env = { ...h.runtime.env, PLANBOT_METRICS_PORT: 0 } as typeof h.runtime.env;
    const service = await startServer({ ...h.runtime, env }, { host: "127.0.0.1", port: 0 }, { botWorker: false });
    try {
      expect(service.metrics?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${service.metrics?.url}/metrics`)).status).toBe(200);
      expect((await fetch(`${service.url}/metrics`)).status).toBe(401);
    } finally {
      await service.close();
    }
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
