// The route table: every route the routers register, with the identities that may use it (none, viewer, reporter,
// admin, token), checked against the rules and over HTTP; and the acceptance checks with WeCom keys on 0.0.0.0.
import Router from "@koa/router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Identity, identitiesAllowed, ROUTE_RULES, ruleKey } from "../../src/http/access/route-rules.js";
import { startServer } from "../../src/http/server.js";
import type { Harness } from "../wecom/support/harness.js";
import { type ClosedService, type RoleCookies, startClosedService, TOKENS } from "./support/closed-service.js";

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
  "GET /progress/import": ["admin"],
  "POST /progress/import/preview": ["admin"],
  "POST /progress/import/confirm": ["admin"],
  "GET /assets/:name": ["none", "viewer", "reporter", "admin", "token"],
  "GET /auth/signin": ["none", "viewer", "reporter", "admin", "token"],
  "GET /auth/wecom/callback": ["none", "viewer", "reporter", "admin", "token"],
  "GET /auth/account": ["none", "viewer", "reporter", "admin", "token"],
  "POST /auth/signout": ["none", "viewer", "reporter", "admin", "token"],
};

let service: ClosedService;
let h: Harness;
let cookies: RoleCookies;
beforeAll(async () => {
  service = await startClosedService();
  ({ h, cookies } = service);
}, 60_000);
afterAll(async () => {
  await service.stop();
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
