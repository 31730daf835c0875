// Follow-ups across messages: "那协同部门呢" continues the asker's last task in that chat, for a few minutes.
import { describe, expect, it } from "vitest";
import { createConversations } from "../../src/chat/conversations.js";
import { createMessageHandler } from "../../src/chat/handle-message.js";
import type { IncomingMessage } from "../../src/chat/message.js";
import { fixedContext, seedAnswerer } from "../answer/seed-knowledge.js";

function chat() {
  let clock = 0;
  const handler = createMessageHandler({
    answerer: seedAnswerer,
    context: () => fixedContext,
    conversations: createConversations({ now: () => clock, ttlMs: 5 * 60_000, capacity: 3 }),
  });
  const say = async (text: string, from: Partial<IncomingMessage> = {}) =>
    (await handler({ text, userid: "u1", chatid: "g1", channel: "wecom-bot", ...from })).markdown;
  return { say, later: (ms: number) => (clock += ms) };
}

describe("follow-up questions", () => {
  it("continue the sender's last task in the same chat", async () => {
    const { say } = chat();
    expect(await say("集成电路谁牵头")).toContain("**经贸发展局**牵头");
    // A follow-up answers only the part it asks: the partners first, not the whole task again.
    const next = await say("那协同部门呢");
    expect(next).toContain("(一)围绕集群建设");
    expect(next.startsWith("协同:**财政局、投资促进局、科技局、综保办、鑫城公司**")).toBe(true);
    expect(next).not.toContain("另见");
    const targets = await say("目标呢");
    expect(targets.startsWith("集成电路产业规模:到2025年达到200亿元")).toBe(true);
    expect(targets).not.toContain("协同:");
  });

  it("continue a department's tasks with their targets or progress, but not the plan's overall goals", async () => {
    const { say } = chat();
    await say("科技局牵头哪些任务");
    const targets = await say("它的目标");
    expect(targets).toContain("**科技局** 牵头的任务(2项,共2项量化目标):");
    expect(targets).toContain("- 高水平创新平台:到2025年拥有10家");
    expect(await say("进展如何")).toContain("**科技局牵头的任务的目标完成情况**");
    expect(await say("那总体目标呢")).toContain("**总体目标**");
  });

  it("continue the subject of a year the plan sets nothing for", async () => {
    const { say } = chat();
    // fixedContext's today is 2024-06-30: 2026 is after the plan's period.
    const text = await say("上市公司2026年的目标是多少?目前进展怎么样?由哪个部门负责?");
    expect(text).toContain("计划未涉及2026年的目标");
    expect(text).toContain("**财政局**牵头");
    expect(text).not.toContain("各项任务的目标完成情况");
    expect(await say("协同呢")).toContain("(七)集聚要素资源");
  });

  it("thanks get a short reply, and leave the conversation where it was", async () => {
    const { say } = chat();
    await say("上市公司目标");
    expect(await say("谢谢")).toBe("不客气。需要时随时 @我 提问,发送“帮助”查看我能做什么。");
    expect(await say("那协同部门呢")).toContain("(七)集聚要素资源");
    // Beside a question, the thanks needs no reply of its own.
    expect(await say("收到!那目标呢")).not.toContain("不客气");
  });

  it("asked with nothing before them, ask which task is meant instead of guessing", async () => {
    const { say } = chat();
    expect(await say("它的目标")).toContain("不知道“它”指的是哪一项");
    expect(await say("该任务进展如何")).toContain("不知道“该任务”指的是哪一项");
    expect(await say("这个计划的目标")).toContain("**总体目标**");
    await say("上市公司目标");
    expect(await say("这项任务谁牵头")).toContain("**财政局**牵头");
  });

  it("are not taken from another sender, another chat, an old conversation, or open HTTP", async () => {
    const { say, later } = chat();
    await say("上市公司目标");
    expect(await say("那协同部门呢", { userid: "u2" })).not.toContain("(牵头:财政局)");
    expect(await say("那协同部门呢", { chatid: "g2" })).not.toContain("(牵头:财政局)");
    expect(await say("那协同部门呢", { channel: "http", userid: "anonymous" })).not.toContain("(牵头:财政局)");
    expect(await say("那协同部门呢")).toContain("(七)集聚要素资源");
    later(5 * 60_000 + 1);
    expect(await say("那协同部门呢")).not.toContain("(牵头:财政局)");
  });

  it("past capacity, the least recent conversation is forgotten", async () => {
    const { say } = chat();
    await say("上市公司目标");
    for (const userid of ["u2", "u3", "u4"]) await say("帮助", { userid });
    expect(await say("那协同部门呢")).not.toContain("(牵头:财政局)");
  });

  it("a new subject replaces the remembered one, and other answers clear it", async () => {
    const { say } = chat();
    await say("上市公司目标");
    await say("集成电路谁牵头");
    expect(await say("目标呢")).toContain("集成电路");
    await say("科技局牵头哪些任务");
    expect(await say("那协同部门呢")).not.toContain("集成电路");
  });
});
