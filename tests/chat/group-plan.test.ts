// A group given its plan in the chats file (chatid + plan): questions asked there that name no plan are about it.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnswerer } from "../../src/answer/answerer.js";
import { createMessageHandler } from "../../src/chat/handle-message.js";
import { writePlan } from "../../src/plan/import/write-plan.js";
import { loadPlans } from "../../src/plan/knowledge.js";
import { parseChats, plansByChatid } from "../../src/wecom/chats.js";
import { fixedContext } from "../answer/seed-knowledge.js";

describe("a group's own plan", () => {
  const dir = mkdtempSync(join(tmpdir(), "planbot-group-plan-"));
  writePlan("knowledge/xinzhan-2023-2025/source.txt", join(dir, "xinzhan-2023-2025"));
  writePlan("tests/fixtures/plans/second-plan.txt", join(dir, "linhu-digital"));
  writeFileSync(join(dir, "glossary.yaml"), "terms: []\n");
  const chats = parseChats({
    chats: [
      {
        name: "临湖推进群",
        webhookKey: "00000000-0000-0000-0000-000000000000",
        plan: "linhu-digital",
        chatid: "wrk-linhu",
      },
    ],
  });
  const groups = plansByChatid(chats);
  const handler = createMessageHandler({
    answerer: createAnswerer(loadPlans(dir)),
    context: () => fixedContext,
    planOfChat: (chatid) => groups.get(chatid),
  });
  const say = async (text: string, chatid: string) =>
    (await handler({ text, userid: "u1", chatid, channel: "wecom-bot" })).markdown;

  it("answers from the group's plan, unless the question names another", async () => {
    expect(await say("总体目标", "wrk-linhu")).toContain("数字经济核心产业增加值");
    expect(await say("上市公司目标", "wrk-linhu")).not.toContain("12家");
    expect(await say("新站区上市公司目标", "wrk-linhu")).toContain("12家");
  });

  it("asks which plan in a group without one", async () => {
    expect(await say("总体目标", "wrk-other")).toContain("请在问题里写明是哪一个");
  });
});
