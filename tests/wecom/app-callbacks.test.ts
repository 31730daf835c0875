import { afterEach, describe, expect, it } from "vitest";
import { markdownToPlain } from "../../src/wecom/app/plain-text.js";
import { startWecomSimulatorApi, type WecomSimulatorApi } from "../../src/wecom/simulator/api-server.js";
import { newAppMsgId } from "../../src/wecom/simulator/callbacks.js";
import { newCredentials } from "../../src/wecom/simulator/credentials.js";
import { coreAnswer, countingHandler, type Harness, startHarness } from "./support/harness.js";

let h: Harness | undefined;
let api: WecomSimulatorApi | undefined;
afterEach(async () => {
  await h?.dispose();
  await api?.stop();
  h = undefined;
  api = undefined;
});

describe("self-built app callbacks", () => {
  it("passes WeCom's URL verification", async () => {
    h = await startHarness();
    const result = await h.sim.verifyUrl("app");
    expect(result.ok).toBe(true);
  });

  it("answers a text message with a passive encrypted XML reply addressed to the sender", async () => {
    const counter = countingHandler();
    h = await startHarness({ wrapHandler: counter.wrap });
    const ex = await h.sim.askApp("建设政务数据共享平台的牵头部门", { userid: "zhangsan" });
    expect(ex.problems).toEqual([]);
    expect(ex.deliveries).toHaveLength(1);
    expect(ex.replyText).toBe(markdownToPlain(coreAnswer(h, "建设政务数据共享平台的牵头部门")));
    expect(counter.calls).toEqual([
      expect.objectContaining({ userid: "zhangsan", channel: "wecom-app", text: "建设政务数据共享平台的牵头部门" }),
    ]);
  });

  it("the same MsgId three times is processed once and gets the same reply", async () => {
    const counter = countingHandler();
    h = await startHarness({ wrapHandler: counter.wrap });
    const msgid = newAppMsgId();
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push((await h.sim.askApp("接入部门目标", { msgid })).replyText);
    expect(counter.calls).toHaveLength(1);
    expect(replies[0]).toBeTruthy();
    expect(new Set(replies).size).toBe(1);
  });

  it("a slow answer goes out by the active send API; WeCom's retries stay silent and nothing is answered twice", async () => {
    const counter = countingHandler(700);
    const creds = newCredentials();
    const corp = creds.app;
    api = await startWecomSimulatorApi({
      corps: [{ corpId: corp.corpId, corpSecret: corp.secret, agentId: corp.agentId }],
    });
    h = await startHarness({
      creds,
      wrapHandler: counter.wrap,
      env: { WECOM_API_BASE: api.url },
      server: { appBudgetMs: 100 },
      // WeCom's 5 s, shortened: the first delivery is answered empty in time, so there is no retry.
      appTimeoutMs: 2000,
    });
    const msgid = newAppMsgId();
    const first = await h.sim.askApp("牵头部门", { userid: "lisi", msgid });
    expect(first.deliveries.map((d) => [d.status, d.body])).toEqual([[200, ""]]);
    // A late retry of the same MsgId while the answer is on its way: still silent.
    const retry = await h.sim.askApp("牵头部门", { userid: "lisi", msgid });
    expect(retry.deliveries.map((d) => [d.status, d.body])).toEqual([[200, ""]]);
    await expect.poll(() => api?.appMessages().length, { timeout: 5000 }).toBe(1);
    const sent = api.appMessages()[0];
    expect(sent?.to).toBe("lisi");
    expect(sent?.content).toBe(coreAnswer(h, "牵头部门"));
    expect(counter.calls).toHaveLength(1);
    // After delivery the stored outcome says "active": a retry after that is silent too.
    const after = await h.sim.askApp("牵头部门", { userid: "lisi", msgid });
    expect(after.replyText).toBeUndefined();
  });

  it("retries like WeCom when a delivery goes unanswered, and the retry gets the answer", async () => {
    const counter = countingHandler(600);
    // No active send configured: the route waits for the answer, longer than the simulated WeCom timeout.
    h = await startHarness({ wrapHandler: counter.wrap, appTimeoutMs: 300, server: { appBudgetMs: 60_000 } });
    const ex = await h.sim.askApp("数字经济企业", { userid: "wangwu" });
    expect(ex.deliveries.length).toBeGreaterThan(1);
    expect(ex.deliveries[0]?.status).toBe(0);
    expect(ex.replyText).toBe(markdownToPlain(coreAnswer(h, "数字经济企业")));
    expect(counter.calls).toHaveLength(1);
  });
});
