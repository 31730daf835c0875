import { afterEach, describe, expect, it } from "vitest";
import { botTextMessage } from "../../src/wecom/simulator/callbacks.js";
import { coreAnswer, countingHandler, type Harness, startHarness } from "./support/harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

const contentOf = (reply: unknown) => (reply as { stream?: { content: string; finish: boolean } }).stream;

describe("WeCom retries of one message id", () => {
  it("the same msgid three times is answered once, with the same reply each time", async () => {
    const counter = countingHandler();
    h = await startHarness({ wrapHandler: counter.wrap });
    const msg = botTextMessage({ text: "接入部门目标", userid: "u1", chatid: "g1" });
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push((await h.sim.sendBot(msg)).reply);
    expect(counter.calls).toHaveLength(1);
    expect(contentOf(replies[0])?.finish).toBe(true);
    expect(replies[1]).toEqual(replies[0]);
    expect(replies[2]).toEqual(replies[0]);
  });

  it("three concurrent deliveries of a slow message start one answer", async () => {
    const counter = countingHandler(300);
    h = await startHarness({ wrapHandler: counter.wrap });
    const msg = botTextMessage({ text: "牵头部门", userid: "u1", chatid: "g1" });
    const sim = h.sim;
    const replies = await Promise.all([sim.sendBot(msg), sim.sendBot(msg), sim.sendBot(msg)]);
    expect(counter.calls).toHaveLength(1);
    const contents = replies.map((r) => contentOf(r.reply));
    expect(contents.every((c) => c?.finish === true && c.content === contents[0]?.content)).toBe(true);
  });

  it("remembers answered ids across a restart (SQLite), without answering again", async () => {
    const first = countingHandler();
    h = await startHarness({ wrapHandler: first.wrap });
    const msg = botTextMessage({ text: "数字经济", userid: "u1" });
    const before = await h.sim.sendBot(msg);
    await h.stop();
    const second = countingHandler();
    h = await startHarness({ dir: h.dir, creds: h.creds, wrapHandler: second.wrap });
    const after = await h.sim.sendBot(msg);
    expect(first.calls).toHaveLength(1);
    expect(second.calls).toHaveLength(0);
    expect(after.reply).toEqual(before.reply);
  });

  it("answers a slow question with an unfinished stream, then the finished answer on refresh", async () => {
    const counter = countingHandler(400);
    h = await startHarness({ wrapHandler: counter.wrap, server: { botBudgetMs: 50 }, streamPollMs: 100 });
    const conv = await h.sim.askBot("接入部门", { chatid: "g1" });
    expect(conv.problems).toEqual([]);
    expect(conv.refreshes).toBeGreaterThan(0);
    expect(conv.finished).toBe(true);
    expect(conv.answer).toBe(coreAnswer(h, "接入部门"));
    expect(counter.calls).toHaveLength(1);
  });
});
