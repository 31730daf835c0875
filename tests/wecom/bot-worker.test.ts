// The intelligent bot with its callbacks answered in a worker thread (PLANBOT_BOT_WORKER): the same replies, the
// same dedupe across retries and restarts, the same refusals, and progress written by the worker's own connection.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botCallback, botTextMessage } from "../../src/wecom/simulator/callbacks.js";
import { coreAnswer, type Harness, startHarness } from "./support/harness.js";

const METRICS_TOKEN = "metrics-token-for-the-worker-test";
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ server: { botWorker: true } });
  const reporters = join(h.dir, "reporters.yaml");
  writeFileSync(reporters, "reporters:\n  - userid: zhangsan\n    name: 张三\n    department: 数据资源局\n");
  // Restart with reporters (the worker reads them when it starts).
  await h.stop();
  h = await startHarness({
    dir: h.dir,
    creds: h.creds,
    env: { PLANBOT_REPORTERS: reporters, PLANBOT_METRICS_TOKEN: METRICS_TOKEN },
    server: { botWorker: true },
    // The server thread's handler says so: any reply carrying this text did not come from the worker.
    wrapHandler: () => async () => ({ markdown: "answered on the server thread", kind: "x" }),
  });
}, 60_000);
afterAll(async () => {
  await h.dispose();
});

describe("bot callbacks in a worker thread", () => {
  it("answers a question in a group exactly as the core does", async () => {
    const conv = await h.sim.askBot("接入部门谁牵头", { chatid: "g1" });
    expect(conv.problems).toEqual([]);
    expect(conv.finished).toBe(true);
    expect(conv.answer).toBe(coreAnswer(h, "接入部门谁牵头"));
    expect(conv.answer).not.toContain("server thread");
  });

  it("reports the worker's answer durations in the server's metrics", async () => {
    await h.sim.askBot("接入部门谁牵头", { chatid: "g1" });
    const count = async () => {
      const headers = { authorization: `Bearer ${METRICS_TOKEN}` };
      const text = await (await fetch(`${h.server.url}/metrics`, { headers })).text();
      return Number(/planbot_answer_duration_seconds_count\{channel="wecom-bot"\} (\d+)/.exec(text)?.[1] ?? 0);
    };
    // The worker sends its timings in batches, a few hundred milliseconds apart.
    await expect.poll(count, { timeout: 3_000, interval: 50 }).toBeGreaterThan(0);
  });

  it("continues a follow-up from the same sender in the same chat", async () => {
    const first = await h.sim.askBot("接入部门谁牵头", { chatid: "g9", userid: "u9" });
    // "**数据资源局**牵头:(一)建设政务数据共享平台": the department first, then the task.
    const task = /^\*\*.+\*\*牵头:(.+)$/.exec(first.answer?.split("\n")[0] ?? "")?.[1] ?? "";
    expect(task).not.toBe("");
    const next = await h.sim.askBot("那协同部门呢", { chatid: "g9", userid: "u9" });
    expect(next.answer?.split("\n")[0]).toMatch(/^协同:/);
    expect(next.answer?.split("\n")[0]).toContain(task);
    const other = await h.sim.askBot("那协同部门呢", { chatid: "g9", userid: "u8" });
    expect(other.answer?.split("\n")[0]).not.toContain(task);
  });

  it("gives every retry of a message id the same reply", async () => {
    const msg = botTextMessage({ text: "接入部门目标", userid: "u1", chatid: "g1" });
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push((await h.sim.sendBot(msg)).reply);
    expect(replies[1]).toEqual(replies[0]);
    expect(replies[2]).toEqual(replies[0]);
  });

  it("refuses forged and garbage callbacks with the same statuses, and keeps serving", async () => {
    const forged = botCallback(h.sim.botKeys(), botTextMessage({ text: "帮助", userid: "u1" }));
    forged.query.msg_signature = "0".repeat(40);
    expect((await h.sim.send(forged)).status).toBe(401);
    const garbage = botCallback(h.sim.botKeys(), botTextMessage({ text: "帮助", userid: "u1" }));
    garbage.body = "{not json";
    expect((await h.sim.send(garbage)).status).toBe(400);
    expect((await h.sim.askBot("帮助")).problems).toEqual([]);
  });

  it("records progress through the worker's own store connection, visible to the server", async () => {
    const conv = await h.sim.askBot("进展 任务一 已接入部门12个", { userid: "zhangsan", chatid: "g1" });
    expect(conv.problems).toEqual([]);
    expect(conv.answer).toContain("已记录进展");
    expect(h.runtime.store.forTask("demo-plan", 1)[0]).toMatchObject({ reporterId: "zhangsan", taskNo: 1 });
  });

  it("survives a crash of the worker: a new one answers, and an answered id keeps its reply", async () => {
    const msg = botTextMessage({ text: "接入部门目标", userid: "u3", chatid: "g3" });
    const before = await h.sim.sendBot(msg);
    await new Promise((r) => setTimeout(r, 100)); // past the seen ids' group commit
    await h.server.planbot.botWorker?.kill();
    const after = await h.sim.sendBot(msg);
    expect(after.reply).toEqual(before.reply);
    const conv = await h.sim.askBot("接入部门谁牵头", { chatid: "g3" });
    expect(conv.answer).toBe(coreAnswer(h, "接入部门谁牵头"));
  });

  it("writes its seen ids when the server stops: after a restart in-process, a retry gets the stored reply", async () => {
    const msg = botTextMessage({ text: "接入部门协同", userid: "u2", chatid: "g2" });
    const before = await h.sim.sendBot(msg);
    await h.stop();
    h = await startHarness({
      dir: h.dir,
      creds: h.creds,
      wrapHandler: () => async () => ({ markdown: "again", kind: "x" }),
    });
    const after = await h.sim.sendBot(msg);
    expect(after.reply).toEqual(before.reply);
  });
});
