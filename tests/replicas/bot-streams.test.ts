// An intelligent-bot answer that takes longer than the first reply's budget goes on in a stream; WeCom's refreshes of
// that stream, and a retry of the message, may reach the other replica, which shows the answer all the same.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { botStreamRefresh, botTextMessage } from "../../src/wecom/simulator/callbacks.js";
import { newCredentials } from "../../src/wecom/simulator/credentials.js";
import { describeOnPostgres, freshSchemaUrl, testDatabaseUrl } from "../store/engines.js";
import { countingHandler, type Harness, startHarness } from "../wecom/support/harness.js";

describeOnPostgres("bot streams across replicas", () => {
  const creds = newCredentials();
  const slow = countingHandler(600);
  let dir: string;
  let a: Harness;
  let b: Harness;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "planbot-streams-"));
    writeFileSync(
      join(dir, "reporters.yaml"),
      "reporters:\n  - userid: zhangsan\n    name: 张三\n    department: 数据资源局\n",
    );
    const env = {
      PLANBOT_DATABASE_URL: freshSchemaUrl(testDatabaseUrl as string).url,
      PLANBOT_REPORTERS: join(dir, "reporters.yaml"),
    };
    // a budget shorter than the answer: the first reply is an unfinished stream
    a = await startHarness({ creds, env, wrapHandler: slow.wrap, server: { botBudgetMs: 100 } });
    b = await startHarness({ creds, env, wrapHandler: slow.wrap, server: { botBudgetMs: 100 } });
  }, 30_000);
  afterAll(async () => {
    await a?.dispose();
    await b?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const content = (reply: unknown) => (reply as { stream?: { content: string; finish: boolean } }).stream;

  it("a stream started on one replica is finished by refreshes that reach the other", async () => {
    const first = await a.sim.sendBot(botTextMessage({ text: "任务一由谁牵头", userid: "u1", chatid: "g" }));
    const stream = content(first.reply);
    expect(stream?.finish).toBe(false);
    const id = (first.reply as { stream: { id: string } }).stream.id;
    await vi.waitFor(
      async () => {
        const refreshed = await b.sim.sendBot(botStreamRefresh(id, "u1", "g"));
        expect(content(refreshed.reply)?.finish).toBe(true);
        expect(content(refreshed.reply)?.content).toContain("数据资源局");
      },
      { timeout: 10_000, interval: 100 },
    );
  });

  it("a command's retry reaching the other replica while the first still runs is applied once, and shown there", async () => {
    const msg = botTextMessage({ text: "进展 任务一 已接入部门7个", userid: "zhangsan", chatid: "g" });
    const [first, retry] = await Promise.all([a.sim.sendBot(msg), b.sim.sendBot(msg)]);
    const streams = [first, retry].map((r) => content(r.reply));
    expect(streams.every((s) => s?.finish === false)).toBe(true);
    const id = (retry.reply as { stream: { id: string } }).stream.id;
    await vi.waitFor(
      async () => {
        const refreshed = await b.sim.sendBot(botStreamRefresh(id, "zhangsan", "g"));
        expect(content(refreshed.reply)?.content).toContain("已记录进展");
      },
      { timeout: 10_000, interval: 100 },
    );
    expect(a.runtime.store.list({ plan: "demo-plan" }).filter((r) => r.text.includes("已接入部门7个"))).toHaveLength(1);
  });
});
