import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeReply } from "../../src/answer/compose-reply.js";
import { type Harness, startHarness } from "../wecom/support/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ wecom: false });
});
afterAll(async () => {
  await h.dispose();
});

describe("local mode (no WeCom keys)", () => {
  it("answers POST /api/ask with the answering core's text and answers", async () => {
    const q = "建设政务数据共享平台由谁牵头";
    const res = await fetch(`${h.server.url}/api/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ q }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { text: string; answers: Array<{ intent: string; plan: string | null }> };
    const direct = h.runtime.answerer.answer(q, h.runtime.answerContext());
    expect(body.text).toBe(composeReply(direct));
    expect(body.answers.map((a) => [a.intent, a.plan])).toEqual(direct.map((a) => [a.intent, a.plan]));
  });

  it("refuses a malformed ask with 400 and keeps serving", async () => {
    for (const body of ["", "{", '{"q": ""}', '{"question": "x"}', JSON.stringify({ q: "x".repeat(5000) })]) {
      const res = await fetch(`${h.server.url}/api/ask`, { method: "POST", body });
      expect(res.status).toBe(400);
    }
    const ok = await fetch(`${h.server.url}/api/ask`, { method: "POST", body: '{"q":"牵头"}' });
    expect(ok.status).toBe(200);
  });

  it("reports liveness and the loaded plans on /healthz", async () => {
    const res = await fetch(`${h.server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: "ok",
      plans: [{ slug: "demo-plan", tasks: 2 }],
      wecom: { bot: false, app: false },
    });
  });

  it("does not mount the WeCom callback routes", async () => {
    expect((await fetch(`${h.server.url}/wecom/bot`, { method: "POST", body: "{}" })).status).toBe(404);
    expect((await fetch(`${h.server.url}/wecom/app`)).status).toBe(404);
  });

  it("exposes Prometheus metrics, including requests and answer latency", async () => {
    await fetch(`${h.server.url}/api/ask`, { method: "POST", body: '{"q":"目标"}' });
    const res = await fetch(`${h.server.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/planbot_http_requests_total\{method="POST",route="\/api\/ask",status="200"\} \d+/);
    expect(text).toMatch(/planbot_answer_duration_seconds_count\{channel="http"\} [1-9]/);
    expect(text).toContain("planbot_wecom_pushes_total");
  });

  it("gives every response a request id, keeping a sane one the caller sent", async () => {
    const mine = await fetch(`${h.server.url}/healthz`, { headers: { "x-request-id": "abc-123" } });
    expect(mine.headers.get("x-request-id")).toBe("abc-123");
    const bad = await fetch(`${h.server.url}/healthz`, { headers: { "x-request-id": "<script>" } });
    expect(bad.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
