// The dashboard in a real headless Chromium: table rows, a filter, keyboard search, a task page with a drawn chart,
// and the "try the bot" box. Screenshots go to test-artifacts/dashboard/.
import { execFileSync } from "node:child_process";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { artifactPath, chromiumMissing, launchChromium } from "./browser.js";
import { type Harness, startHarness } from "./harness.js";
import { SAMPLE_TODAY, samplePlan, sampleRecords } from "./sample-plan.js";

describe.skipIf(chromiumMissing)("dashboard in Chromium", () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    h = await startHarness([samplePlan], sampleRecords, SAMPLE_TODAY);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    problems = [];
    // a CSP violation or a script error shows up here
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    // nothing may be fetched from outside the server under test
    page.on("request", (r) => {
      if (!r.url().startsWith(h.url) && !r.url().startsWith("data:")) problems.push(`external request ${r.url()}`);
    });
  });
  afterEach(async () => {
    await page?.close();
    expect(problems).toEqual([]);
  });

  const rowNumbers = () =>
    page.locator("tbody tr[data-task]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-task")));

  it("shows the matrix table with every task, in Chinese", async () => {
    await page.goto(`${h.url}/`);
    await expect(page.locator("h1").textContent()).resolves.toBe("行动计划执行情况");
    expect(await rowNumbers()).toEqual(["1", "2", "3", "4"]);
    const row1 = page.locator('tr[data-task="1"]');
    await expect(row1.locator("th").textContent()).resolves.toContain("夯实数字基础设施");
    await expect(row1.locator('[data-target="t1-2"] .status').textContent()).resolves.toContain("进度滞后");
    // a Chinese font is installed for Chromium (via fontconfig), so the screenshots show glyphs, not boxes
    expect(execFileSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" }).trim()).not.toBe("");
    await page.screenshot({ path: artifactPath("matrix.png"), fullPage: true });
  });

  it("filters by status and by department", async () => {
    await page.goto(`${h.url}/`);
    await page.selectOption("#f-status", "behind");
    await Promise.all([page.waitForURL(/status=behind/), page.getByRole("button", { name: "筛选" }).click()]);
    expect(await rowNumbers()).toEqual(["1"]);
    await page.selectOption("#f-status", "");
    await page.selectOption("#f-dept", "区发改委");
    await page.selectOption("#f-role", "lead");
    await Promise.all([page.waitForURL(/role=lead/), page.getByRole("button", { name: "筛选" }).click()]);
    expect(await rowNumbers()).toEqual(["4"]);
    await page.screenshot({ path: artifactPath("matrix-filtered.png"), fullPage: true });
  });

  it("can be used from the keyboard: skip link first, search by typing and Enter", async () => {
    await page.goto(`${h.url}/`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("跳到正文");
    await page.getByLabel(/搜索/).focus();
    await page.keyboard.type("任务一的牵头部门");
    await Promise.all([page.waitForURL(/q=/), page.keyboard.press("Enter")]);
    await expect(page.locator("#search-heading").textContent()).resolves.toBe("搜索回答");
    await expect(page.locator(".search-answer .wecom-markdown").textContent()).resolves.not.toBe("");
    await page.screenshot({ path: artifactPath("search.png"), fullPage: true });
  });

  it("labels every form control and states status in text, not only colour", async () => {
    await page.goto(`${h.url}/`);
    const unlabelled = await page
      .locator("input, select, textarea")
      .evaluateAll((els) => els.filter((e) => (e as HTMLInputElement).labels?.length === 0).map((e) => e.id));
    expect(unlabelled).toEqual([]);
    const badgeTexts = await page.locator("td .status").allTextContents();
    expect(badgeTexts.length).toBeGreaterThan(0);
    for (const t of badgeTexts) expect(t.trim()).toMatch(/^\S+ \S+$/); // icon + words
  });

  it("opens a task page with its plan text, history and a drawn chart", async () => {
    await page.goto(`${h.url}/`);
    await Promise.all([
      page.waitForURL(/\/tasks\/linhu-digital\/1$/),
      page
        .locator("table.matrix")
        .getByRole("link", { name: /夯实数字基础设施/ })
        .click(),
    ]);
    await expect(page.locator(".plan-text").first().textContent()).resolves.toContain("加快5G基站建设");
    expect(await page.locator("table.history tbody tr").count()).toBe(3);
    const canvas = page.locator('canvas[data-chart="t1-1"]');
    await canvas.and(page.locator('[data-drawn="true"]')).waitFor();
    // drawn: some pixels are not transparent
    const inked = await canvas.evaluate((c) => {
      const el = c as HTMLCanvasElement;
      const data = el.getContext("2d")?.getImageData(0, 0, el.width, el.height).data ?? new Uint8ClampedArray();
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(500);
    await page.screenshot({ path: artifactPath("task.png"), fullPage: true });
  });

  it("gives a leader a first screen: counts, attainment per task, behind and stale, no spam, the data's date", async () => {
    await page.goto(`${h.url}/`);
    const overview = page.locator("section.overview");
    await expect(overview.locator(".status-counts li").count()).resolves.toBeGreaterThan(0);
    await expect(overview.locator(".attainment-bars li").count()).resolves.toBe(samplePlan.tasks.length);
    await expect(overview.locator("#behind-heading + ul").textContent()).resolves.toContain(
      samplePlan.tasks[0]?.targets[1]?.metric ?? "?",
    );
    const newest =
      sampleRecords
        .map((r) => r.asOf ?? "")
        .sort()
        .at(-1) ?? "";
    await expect(page.locator(".today").textContent()).resolves.toContain(`数据截至 ${newest}`);
    // The source's defects are folded, and the spam a scraper glued to the title is never on the page.
    await expect(page.locator("details.source-notes").getAttribute("open")).resolves.toBeNull();
    const spam = samplePlan.warnings.filter((w) => w.code === "title_spam").map((w) => w.excerpt);
    expect(spam.length).toBeGreaterThan(0);
    const pageText = (await page.content()) ?? "";
    for (const s of spam) expect(pageText).not.toContain(s);
    // The overview is above the fold on a desktop screen.
    const box = await overview.boundingBox();
    expect((box?.y ?? 9999) < 900).toBe(true);
    await page.screenshot({ path: artifactPath("first-screen-desktop.png") });
    await page.screenshot({ path: artifactPath("first-screen-desktop-full.png"), fullPage: true });
  });

  it("on a phone (390 px) shows every task's targets without sideways scrolling", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${h.url}/`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const rights = await page.locator(".target").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
    expect(rights.length).toBeGreaterThan(0);
    for (const right of rights) expect(right).toBeLessThanOrEqual(390);
    await page.screenshot({ path: artifactPath("first-screen-phone.png") });
    await page.screenshot({ path: artifactPath("matrix-phone.png"), fullPage: true });
  });

  it("draws a task's chart at the page's full width", async () => {
    await page.goto(`${h.url}/tasks/${samplePlan.slug}/1`);
    await page.locator('canvas[data-drawn="true"]').first().waitFor();
    const [chart, main] = await Promise.all([
      page.locator(".chart-box").first().boundingBox(),
      page.locator("main").boundingBox(),
    ]);
    expect((chart?.width ?? 0) / (main?.width ?? 1)).toBeGreaterThan(0.85);
  });

  it("keeps the try box's conversation: a follow-up continues the question before", async () => {
    await page.goto(`${h.url}/try`);
    const ask = async (q: string) => {
      await page.getByLabel(/向机器人提问/).fill(q);
      await page.getByRole("button", { name: "发送" }).click();
      await page.locator(".wecom-bubble").waitFor();
      await page.locator("button:not([disabled])").waitFor();
      return (await page.locator(".raw-markdown pre").textContent()) ?? "";
    };
    await ask("任务二谁牵头");
    expect(await ask("那协同部门呢")).toMatch(/^协同:/);
  });

  it("answers in the try-the-bot box exactly as the chat would", async () => {
    const question = "任务一的牵头部门是谁";
    const expected = await h.runtime.handleMessage({ text: question, userid: "dashboard", channel: "http" });
    await page.goto(`${h.url}/try`);
    await page.getByLabel(/向机器人提问/).fill(question);
    await page.getByRole("button", { name: "发送" }).click();
    await page.locator(".wecom-bubble").waitFor();
    await expect(page.locator(".raw-markdown pre").textContent()).resolves.toBe(expected.markdown);
    expect(page.url()).toBe(`${h.url}/try`); // answered in place by the script, no reload
    await page.screenshot({ path: artifactPath("try.png"), fullPage: true });
  });
});
