// The dashboard's pages over real HTTP (no browser): rows, filters, search, task page, try box, escaping, no secrets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../../src/http/server.js";
import { type Harness, startHarness, TEST_SECRETS } from "./harness.js";
import { SAMPLE_TODAY, samplePlan, sampleRecords } from "./sample-plan.js";

let h: Harness;

beforeAll(async () => {
  h = await startHarness([samplePlan], sampleRecords, SAMPLE_TODAY);
});
afterAll(async () => {
  await h?.close();
});

async function get(path: string): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(h.url + path);
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** data-task numbers of the matrix rows, in order. */
function rowNumbers(page: string): number[] {
  return [...page.matchAll(/<tr data-task="(\d+)"/g)].map((m) => Number(m[1]));
}

function statusOfTarget(page: string, id: string): string | undefined {
  return new RegExp(`data-target="${id}" data-status="([a-z_]+)"`).exec(page)?.[1];
}

describe("matrix page", () => {
  it("lists every task with lead, partners, targets and the latest record's date", async () => {
    const { status, text } = await get("/");
    expect(status).toBe(200);
    expect(rowNumbers(text)).toEqual([1, 2, 3, 4]);
    expect(text).toContain("夯实数字基础设施");
    expect(text).toContain("区数据资源局");
    expect(text).toContain("区发改委、区财政局");
    expect(text).toContain("2024-06-20"); // newest record of task 1
    expect(text).toContain("最新：900个");
  });

  it("shows each target's status from the progress rules, in words as well as colour", async () => {
    const { text } = await get("/");
    expect(statusOfTarget(text, "t1-1")).toBe("on_pace");
    expect(statusOfTarget(text, "t1-2")).toBe("behind");
    expect(statusOfTarget(text, "t2-1")).toBe("stale");
    expect(statusOfTarget(text, "t2-2")).toBe("done");
    // never reported, and the period began more than staleDays ago: stale by the progress rules
    expect(statusOfTarget(text, "t3-1")).toBe("stale");
    expect(text).toMatch(/status-behind" data-status="behind"><span aria-hidden="true">▼<\/span> 进度滞后/);
  });

  it("filters by department as lead, as partner, or either", async () => {
    expect(rowNumbers((await get(`/?dept=${encodeURIComponent("区发改委")}&role=any`)).text)).toEqual([1, 3, 4]);
    expect(rowNumbers((await get(`/?dept=${encodeURIComponent("区发改委")}&role=lead`)).text)).toEqual([4]);
    expect(rowNumbers((await get(`/?dept=${encodeURIComponent("区发改委")}&role=partner`)).text)).toEqual([1, 3]);
  });

  it("filters by status and ignores an unknown status instead of failing", async () => {
    expect(rowNumbers((await get("/?status=behind")).text)).toEqual([1]);
    expect(rowNumbers((await get("/?status=recorded")).text)).toEqual([4]);
    const odd = await get("/?status=<b>&role=nonsense");
    expect(odd.status).toBe(200);
    expect(rowNumbers(odd.text)).toEqual([1, 2, 3, 4]);
  });

  it("lists exactly the tasks the answering core names for a search, or all when it names none", async () => {
    for (const q of ["任务一", "区工信局负责哪些任务", "5G基站"]) {
      const answers = h.runtime.answerer.answer(q, h.runtime.answerContext());
      const named = [...new Set(answers.flatMap((a) => a.tasks.map((t) => t.no)))].sort((a, b) => a - b);
      const shown = rowNumbers((await get(`/?q=${encodeURIComponent(q)}`)).text).sort((a, b) => a - b);
      expect(shown).toEqual(named.length > 0 ? named : [1, 2, 3, 4]);
    }
  });

  it("answers the search box with the chat's answering core and echoes the query escaped", async () => {
    const { status, text } = await get(`/?q=${encodeURIComponent('<img src=x onerror="x">任务')}`);
    expect(status).toBe(200);
    expect(text).toContain("搜索回答");
    expect(text).not.toContain("<img src=x");
    expect(text).toContain("&lt;img src=x onerror=&quot;x&quot;&gt;任务");
  });

  it("shows source-defect warnings for the document and on the task they touch", async () => {
    const { text } = await get("/");
    // document-level: folded for staff, described, the spam itself never quoted
    expect(text).toMatch(/<details class="source-notes"><summary>原文质量说明（1 处，供工作人员核对）/);
    expect(text).toContain("标题末尾带有网页抓取附带的无关文字");
    expect(text).not.toContain("k8凯发");
    expect(text).toMatch(/<tr data-task="3"[\s\S]*原文缺陷 2 处[\s\S]*提升个百分点/);
    expect(text).toContain("原文未写明"); // task 3 has no lead
  });

  it("never sends a configured secret and sets a strict content security policy", async () => {
    for (const path of ["/", "/tasks/linhu-digital/1", "/try"]) {
      const { text, headers } = await get(path);
      for (const secret of Object.values(TEST_SECRETS)) expect(text).not.toContain(secret);
      expect(headers.get("content-security-policy")).toContain("script-src 'self'");
    }
  });
});

describe("task page", () => {
  it("shows the plan's text, targets, the full history and chart data", async () => {
    const { status, text } = await get("/tasks/linhu-digital/1");
    expect(status).toBe(200);
    expect(text).toContain("加快5G基站建设");
    expect(text).toContain("（牵头部门：区数据资源局，协同部门：区发改委、区财政局）");
    expect([...text.matchAll(/<tr data-record="\d+"/g)]).toHaveLength(3);
    expect(text).toContain('<canvas data-chart="t1-1"');
    const data = JSON.parse(
      /<script type="application\/json" id="chart-data">([\s\S]*?)<\/script>/.exec(text)?.[1] ?? "",
    );
    expect(data[0]).toMatchObject({
      targetId: "t1-1",
      actual: [
        { date: "2024-03-31", value: 400 },
        { date: "2024-06-15", value: 900 },
      ],
      // The pace line starts at the first recorded value, never at zero by default.
      paceLine: [
        { date: "2024-03-31", value: 400 },
        { date: "2024-12-31", value: 1500 },
      ],
    });
    expect(text).toContain('src="/assets/chart.umd.min.js"');
  });

  it("escapes a record's text", async () => {
    const { text } = await get("/tasks/linhu-digital/4");
    expect(text).toContain("出台数字经济政策十条&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(text).not.toContain("<script>alert(1)");
  });

  it("answers 404 for an unknown plan or task", async () => {
    expect((await get("/tasks/linhu-digital/99")).status).toBe(404);
    expect((await get("/tasks/nope/1")).status).toBe(404);
    expect((await get("/tasks/linhu-digital/abc")).status).toBe(404);
  });
});

describe("try the bot", () => {
  it("returns exactly the chat's reply, as markdown and rendered HTML", async () => {
    const question = "任务一的牵头部门是谁";
    const expected = await h.runtime.handleMessage({ text: question, userid: "dashboard", channel: "http" });
    const res = await fetch(`${h.url}/try`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ text: question }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { markdown: string; html: string };
    expect(body.markdown).toBe(expected.markdown);
    expect(body.html.length).toBeGreaterThan(0);
  });

  it("keeps a conversation per browser session: a follow-up continues the session's last question only", async () => {
    const ask = async (text: string, conversation?: string) => {
      const res = await fetch(`${h.url}/try`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(conversation ? { text, conversation } : { text }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { markdown: string }).markdown;
    };
    const mine = "3f1c9a2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b";
    await ask("任务二谁牵头", mine);
    const next = await ask("那协同部门呢", mine);
    expect(next).toMatch(/^协同:.*推动制造业数字化转型/);
    // Another session, or no session at all, has nothing to continue.
    expect(await ask("那协同部门呢", "0a0b0c0d-other-session")).not.toMatch(/^协同:/);
    expect(await ask("那协同部门呢")).not.toMatch(/^协同:/);
    // A malformed id is refused plainly rather than trusted.
    const bad = await fetch(`${h.url}/try`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ text: "任务二", conversation: "<script>" }),
    });
    expect(bad.status).toBe(400);
  });

  it("carries the conversation in the page, for a form posted without script", async () => {
    const page = await (await fetch(`${h.url}/try`)).text();
    const id = /name="conversation" value="([A-Za-z0-9_-]{8,64})"/.exec(page)?.[1] ?? "";
    expect(id).not.toBe("");
    const post = (text: string) =>
      fetch(`${h.url}/try`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ text, conversation: id }).toString(),
      }).then((r) => r.text());
    await post("任务二谁牵头");
    const next = await post("那协同部门呢");
    expect(next).toContain("推动制造业数字化转型");
    expect(next).toContain(`value="${id}"`);
  });

  it("works as a plain form post without script", async () => {
    const res = await fetch(`${h.url}/try`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ text: "任务一" }).toString(),
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("机器人回复");
    expect(text).toContain("wecom-bubble");
  });

  it("does not record progress even when the question is a progress command", async () => {
    const before = h.runtime.store.count();
    const res = await fetch(`${h.url}/try`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ text: "进展 任务1 5G基站 1000个 截至2024-06-28" }),
    });
    expect(res.status).toBe(200);
    // the message did reach the progress commands (so this can fail), which perform no write from this channel
    const body = (await res.json()) as { kind: string; markdown: string };
    expect(body.kind).toBe("progress_read_only");
    expect(body.markdown).toContain("群聊");
    expect(h.runtime.store.count()).toBe(before);
  });

  it("shows when a record was stored in Beijing time", async () => {
    const stored = h.runtime.store.list({ plan: "linhu-digital", taskNo: 1 })[0];
    const beijing = new Date(Date.parse(stored?.recordedAt ?? "") + 8 * 3_600_000).toISOString().slice(0, 16);
    expect((await get("/tasks/linhu-digital/1")).text).toContain(beijing.replace("T", " "));
  });

  it("refuses an empty or oversized question with 400/413", async () => {
    const empty = await fetch(`${h.url}/try`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ text: "  " }),
    });
    expect(empty.status).toBe(400);
    const broken = await fetch(`${h.url}/try`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: "{not json",
    });
    expect(broken.status).toBe(400);
    const huge = await fetch(`${h.url}/try`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `text=${"问".repeat(20_000)}`,
    });
    expect(huge.status).toBe(413);
  });
});

describe("assets", () => {
  it("serves Chart.js and the page scripts locally, and nothing outside the fixed set", async () => {
    const chart = await fetch(`${h.url}/assets/chart.umd.min.js`);
    expect(chart.status).toBe(200);
    expect(chart.headers.get("content-type")).toContain("javascript");
    expect((await chart.text()).length).toBeGreaterThan(50_000);
    expect((await fetch(`${h.url}/assets/dashboard.css`)).status).toBe(200);
    expect((await fetch(`${h.url}/assets/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${h.url}/assets/routes.ts`)).status).toBe(404);
  });
});

describe("mounted in the planbot service", () => {
  it("is closed when a WeCom channel is configured (the fixture sets the bot's keys)", async () => {
    const service = await startServer(h.runtime, { host: "127.0.0.1", port: 0 });
    try {
      expect((await fetch(`${service.url}/`, { redirect: "manual" })).status).toBe(401);
      expect((await fetch(`${service.url}/try`, { method: "POST", body: "text=x" })).status).toBe(401);
    } finally {
      await service.close();
    }
  });

  it("serves the matrix, assets and the try box through createPlanbotApp in local mode", async () => {
    const local = { ...h.runtime, env: { ...h.runtime.env, WECOM_BOT_TOKEN: undefined, WECOM_BOT_AES_KEY: undefined } };
    const service = await startServer(local, { host: "127.0.0.1", port: 0 });
    try {
      const page = await fetch(`${service.url}/`);
      expect(page.status).toBe(200);
      expect(rowNumbers(await page.text())).toEqual([1, 2, 3, 4]);
      expect((await fetch(`${service.url}/assets/chart.umd.min.js`)).status).toBe(200);
      const reply = await fetch(`${service.url}/try`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ text: "任务二" }),
      });
      expect(reply.status).toBe(200);
    } finally {
      await service.close();
    }
  });
});
