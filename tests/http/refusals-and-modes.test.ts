// What is refused besides anonymous reading: requests from other sites, too many requests from one address; and the
// modes (open on loopback, refusing to start open on a public interface, the public plan, the metrics listener).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "../../src/config/env.js";
import { startServer } from "../../src/http/server.js";
import { openRuntime } from "../../src/runtime.js";
import type { Harness } from "../wecom/support/harness.js";
import { FIXTURE_KNOWLEDGE } from "../wecom/support/harness.js";
import { type ClosedService, type RoleCookies, startClosedService, TOKENS } from "./support/closed-service.js";

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
