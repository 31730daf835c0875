import { afterEach, describe, expect, it } from "vitest";
import { metricsRegistry } from "../../../src/http/metrics.js";
import { startWecomSimulatorApi, type WecomSimulatorApi } from "../../../src/wecom/simulator/api-server.js";
import { markdownBytes } from "../../../src/wecom/split-markdown.js";
import { createWebhookSender } from "../../../src/wecom/webhook.js";

const KEY = "robot-key-0123456789";

async function pushCount(result: string): Promise<number> {
  const metric = await metricsRegistry().getSingleMetric("planbot_wecom_pushes_total")?.get();
  return metric?.values.find((v) => v.labels.kind === "webhook" && v.labels.result === result)?.value ?? 0;
}
const fastRetry = { maxAttempts: 5, baseMs: 5, maxMs: 20 };
let sim: WecomSimulatorApi | undefined;

async function simulator(options: Parameters<typeof startWecomSimulatorApi>[0] = {}) {
  sim = await startWecomSimulatorApi({ robots: { [KEY]: "推进群" }, ...options });
  return sim;
}

afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

describe("group robot webhook", () => {
  it("splits a long digest into ≤4096-byte parts delivered in order, lines intact", async () => {
    const s = await simulator();
    const sender = createWebhookSender({ apiBase: s.url, retry: fastRetry });
    const lines = Array.from({ length: 300 }, (_, i) => `- 第${i + 1}项任务：牵头部门已报送进展，完成率${i % 100}%`);
    const out = await sender.pushMarkdown({ key: KEY }, lines.join("\n"));
    expect(out.result.ok).toBe(true);
    const got = s.chatMessages("推进群").map((r) => r.content ?? "");
    expect(got.length).toBeGreaterThan(2);
    expect(out).toMatchObject({ parts: got.length, sent: got.length });
    for (const part of got) expect(markdownBytes(part)).toBeLessThanOrEqual(4096);
    expect(got.join("\n").split("\n")).toEqual(lines);
    const sentBody = s.received[0]?.body as { msgtype: string };
    expect(sentBody.msgtype).toBe("markdown");
  });

  it("queues the 21st message of a window instead of dropping it, and WeCom never says 45009", async () => {
    const windowMs = 400;
    const s = await simulator({ webhookRateLimit: { limit: 20, windowMs } });
    const sender = createWebhookSender({
      apiBase: s.url,
      rateLimit: { limit: 20, windowMs },
      retry: fastRetry,
    });
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => sender.sendMarkdown({ key: KEY }, `消息 ${i + 1}`)),
    );
    expect(results.every((r) => r.ok && r.attempts === 1)).toBe(true);
    expect(s.received.filter((r) => r.errcode === 45009)).toHaveLength(0);
    const got = s.chatMessages("推进群");
    expect(got.map((r) => r.content)).toEqual(Array.from({ length: 25 }, (_, i) => `消息 ${i + 1}`));
    // the 21st arrived only once the 1st had left the window
    expect((got[20]?.at ?? 0) - (got[0]?.at ?? 0)).toBeGreaterThanOrEqual(windowMs);
  });

  it("when WeCom's own limit bites (45009), backs off and delivers every message exactly once", async () => {
    const s = await simulator({ webhookRateLimit: { limit: 5, windowMs: 200 } });
    // our limiter is set looser than WeCom, as if another sender shared the robot
    const sender = createWebhookSender({
      apiBase: s.url,
      rateLimit: { limit: 100, windowMs: 200 },
      retry: { maxAttempts: 30, baseMs: 20, maxMs: 100 },
    });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => sender.sendMarkdown({ key: KEY }, `m${i}`)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(s.received.some((r) => r.errcode === 45009)).toBe(true);
    expect(s.chatMessages().map((r) => r.content)).toEqual(Array.from({ length: 8 }, (_, i) => `m${i}`));
  });

  it("counts each attempt on the service's /metrics registry", async () => {
    const s = await simulator();
    const sender = createWebhookSender({ apiBase: s.url, retry: fastRetry });
    const before = await pushCount("retry");
    const okBefore = await pushCount("ok");
    s.injectFault("webhook", { kind: "http500" });
    expect((await sender.sendMarkdown({ key: KEY }, "计数")).ok).toBe(true);
    expect(await pushCount("retry")).toBe(before + 1);
    expect(await pushCount("ok")).toBe(okBefore + 1);
  });

  it("retries HTTP 500 and injected 45009, then delivers once", async () => {
    const s = await simulator();
    const sender = createWebhookSender({ apiBase: s.url, retry: fastRetry });
    s.injectFault("webhook", { kind: "http500" }, 2);
    s.injectFault("webhook", { kind: "errcode", errcode: 45009 });
    const result = await sender.sendMarkdown({ key: KEY }, "**今日进展**");
    expect(result).toEqual({ ok: true, attempts: 4 });
    expect(s.received.map((r) => r.status)).toEqual([500, 500, 200, 200]);
    expect(s.chatMessages()).toHaveLength(1);
  });

  it("does not resend after a connection cut once the request was written: WeCom may have shown it", async () => {
    const s = await simulator();
    const sender = createWebhookSender({ apiBase: s.url, retry: fastRetry });
    s.injectFault("webhook", { kind: "drop" });
    const result = await sender.sendMarkdown({ key: KEY }, "**今日进展**");
    expect(result).toMatchObject({ ok: false, attempts: 1, retryable: true, maybeDelivered: true });
    expect(s.received.map((r) => r.status)).toEqual([0]);
  });

  it("gives up after maxAttempts on a lasting outage, reporting it as retryable", async () => {
    const s = await simulator();
    const sender = createWebhookSender({ apiBase: s.url, retry: { maxAttempts: 3, baseMs: 5, maxMs: 10 } });
    s.injectFault("webhook", { kind: "http500" }, 10);
    const result = await sender.sendMarkdown({ key: KEY }, "x");
    expect(result).toMatchObject({ ok: false, attempts: 3, retryable: true });
    expect(s.received).toHaveLength(3);
  });

  it("reports a bad key (93000) at once without retrying, and never puts the key in the error", async () => {
    const s = await simulator();
    const sender = createWebhookSender({ apiBase: s.url, retry: fastRetry });
    const secretKey = "not-a-robot-secret-key";
    const result = await sender.sendMarkdown({ key: secretKey }, "hello");
    expect(result).toMatchObject({ ok: false, attempts: 1, retryable: false, errcode: 93000 });
    expect(JSON.stringify(result)).not.toContain(secretKey);
    expect(s.received).toHaveLength(1);
  });

  it("refuses over-long content locally and the simulator refuses it too", async () => {
    const s = await simulator();
    const sender = createWebhookSender({ apiBase: s.url, retry: fastRetry });
    const big = "汉".repeat(1366); // 4098 bytes
    expect(await sender.sendMarkdown({ key: KEY }, big)).toMatchObject({ ok: false, retryable: false });
    expect(s.received).toHaveLength(0);
    const res = await fetch(`${s.url}/cgi-bin/webhook/send?key=${KEY}`, {
      method: "POST",
      body: JSON.stringify({ msgtype: "markdown", markdown: { content: big } }),
    });
    expect(((await res.json()) as { errcode: number }).errcode).toBe(40058);
  });

  it("accepts a full webhook URL from the chats file and errors out on a connection refused", async () => {
    const s = await simulator();
    const sender = createWebhookSender({
      apiBase: "http://127.0.0.1:9",
      retry: { maxAttempts: 2, baseMs: 1, maxMs: 2 },
    });
    const ok = await sender.sendMarkdown({ url: `${s.url}/cgi-bin/webhook/send?key=${KEY}` }, "全量 URL");
    expect(ok.ok).toBe(true);
    const refused = await sender.sendMarkdown({ key: KEY }, "nobody listens");
    expect(refused).toMatchObject({ ok: false, retryable: true, attempts: 2 });
    expect(JSON.stringify(refused)).not.toContain(KEY);
  });
});
