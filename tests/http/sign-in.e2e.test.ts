// Signing in as people do, in a real headless Chromium: the dashboard sends the browser to (simulated) WeCom, the
// person is confirmed, the dashboard shows with progress, the try box answers (a same-origin POST), sign-out works.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startWecomSimulatorApi, type WecomSimulatorApi } from "../../src/wecom/simulator/api-server.js";
import { newCredentials } from "../../src/wecom/simulator/credentials.js";
import { artifactPath, chromiumMissing, launchChromium } from "../dashboard/browser.js";
import { type Harness, startHarness } from "../wecom/support/harness.js";

describe.skipIf(chromiumMissing)("sign-in through WeCom in Chromium", () => {
  let api: WecomSimulatorApi;
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    const creds = newCredentials();
    api = await startWecomSimulatorApi({
      corps: [{ corpId: creds.app.corpId, corpSecret: creds.app.secret, agentId: creds.app.agentId }],
      oauthPeople: [{ userid: "wang.viewer", name: "王查看" }],
    });
    const env = { WECOM_API_BASE: api.url, WECOM_OAUTH_BASE: api.url, WECOM_LOGIN_BASE: api.url };
    h = await startHarness({ creds, env });
    const reporters = join(h.dir, "reporters.yaml");
    writeFileSync(reporters, "reporters:\n  - userid: wang.viewer\n    name: 王查看\n    role: viewer\n");
    await h.stop();
    h = await startHarness({ dir: h.dir, creds, env: { ...env, PLANBOT_REPORTERS: reporters } });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.dispose();
    await api?.stop();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    problems = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    // only planbot and (simulated) WeCom are ever asked for anything
    page.on("request", (r) => {
      const url = r.url();
      if (!url.startsWith(h.server.url) && !url.startsWith(api.url) && !url.startsWith("data:")) {
        problems.push(`external request ${url}`);
      }
    });
  });
  afterEach(async () => {
    await page?.close();
    expect(problems).toEqual([]);
  });

  it("signs in on WeCom's login page, sees the dashboard, asks the bot, and signs out", async () => {
    api.signInAs(undefined);
    await page.goto(`${h.server.url}/tasks/demo-plan/1`);
    // at (simulated) WeCom's web login: the person picks who they are
    expect(page.url().startsWith(`${api.url}/wwlogin/sso/login?`)).toBe(true);
    await page.getByRole("button", { name: "王查看(wang.viewer)" }).click();
    // back where they wanted to go
    await page.waitForURL(`${h.server.url}/tasks/demo-plan/1`);
    await page.goto(`${h.server.url}/`);
    await expect(page.locator("h1").textContent()).resolves.toBe("行动计划执行情况");
    await expect(page.locator("thead").textContent()).resolves.toContain("指标与进展");
    await page.screenshot({ path: artifactPath("signed-in-matrix.png"), fullPage: true });

    // the try box posts from our own page: the same-origin check lets it through
    await page.goto(`${h.server.url}/try`);
    await page.fill("#try-q", "接入部门谁牵头");
    await page.getByRole("button", { name: "发送" }).click();
    await expect
      .poll(() => page.locator("[data-try-reply] .wecom-bubble").textContent(), { timeout: 10_000 })
      .toContain("牵头");

    await page.goto(`${h.server.url}/auth/account`);
    await expect(page.locator("main").textContent()).resolves.toContain("查看者");
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL(`${h.server.url}/auth/account`);
    await expect(page.locator("main").textContent()).resolves.toContain("尚未登录");
    // signed out: the dashboard sends the browser to sign in again
    await page.goto(`${h.server.url}/`);
    expect(page.url().startsWith(api.url)).toBe(true);
  });

  it("inside WeCom, opening the dashboard link signs in without typing anything", async () => {
    api.signInAs("wang.viewer");
    const inWecom = await browser.newPage({ userAgent: "Mozilla/5.0 (Linux) wxwork/4.1.22 MicroMessenger/7.0.1" });
    try {
      await inWecom.goto(`${h.server.url}/`);
      // (the browser carries WeCom's #wechat_redirect fragment across the redirects, as it does inside WeCom)
      expect(inWecom.url().replace(/#.*$/, "")).toBe(`${h.server.url}/`);
      await expect(inWecom.locator("h1").textContent()).resolves.toBe("行动计划执行情况");
    } finally {
      await inWecom.close();
    }
  });

  it("someone WeCom knows but the list does not is told whom to ask", async () => {
    api.signInAs("stranger");
    await page.goto(`${h.server.url}/`);
    await expect(page.locator("h1").textContent()).resolves.toBe("尚未开通查看权限");
    await expect(page.locator("main").textContent()).resolves.toContain("stranger");
    await page.screenshot({ path: artifactPath("unknown-user.png"), fullPage: true });
    // the refusal page itself comes with 403, which Chromium reports on the console; nothing else may go wrong
    problems = problems.filter((p) => !p.includes("status of 403"));
  });
});
