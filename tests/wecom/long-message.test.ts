// A bot message too long to answer is told so, with the limit, rather than that only text can be answered.
import { afterEach, expect, it } from "vitest";
import { MAX_MESSAGE_CHARS } from "../../src/chat/message.js";
import { botTextMessage } from "../../src/wecom/simulator/callbacks.js";
import { type Harness, startHarness } from "./support/harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

// 20,001 characters of Chinese would pass the callback's 64 KiB body limit (and get a 413); in ASCII they fit.
it.each([
  ["字", MAX_MESSAGE_CHARS + 1],
  ["a", 20_001],
])("answers a message of %j × %i that it is too long, naming the limit", async (char, n) => {
  h = await startHarness();
  const { reply } = await h.sim.sendBot(botTextMessage({ text: char.repeat(n), userid: "u1", chatid: "g1" }));
  const content = (reply as { stream?: { content: string } }).stream?.content ?? JSON.stringify(reply);
  expect(content).toContain("太长");
  expect(content).toContain(String(MAX_MESSAGE_CHARS));
  expect(content).not.toContain("只能回答文字消息");
});

it("answers a 20,001-character app message that it is too long, naming the limit", async () => {
  h = await startHarness();
  const ex = await h.sim.askApp("a".repeat(20_001), { userid: "u1" });
  expect(ex.problems).toEqual([]);
  expect(ex.replyText).toContain("太长");
  expect(ex.replyText).toContain(String(MAX_MESSAGE_CHARS));
});
