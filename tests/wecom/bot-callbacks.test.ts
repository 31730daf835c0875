import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPIRED_TEXT, streamIdOf, WELCOME_TEXT } from "../../src/wecom/bot/replies.js";
import { botTextMessage, urlVerification } from "../../src/wecom/simulator/callbacks.js";
import { coreAnswer, type Harness, startHarness } from "./support/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.dispose();
});

describe("intelligent bot callbacks", () => {
  it("passes WeCom's URL verification", async () => {
    const result = await h.sim.verifyUrl("bot");
    expect(result.http.status).toBe(200);
    expect(result.http.body).toBe(result.expected);
  });

  it("refuses URL verification signed with another token", async () => {
    const keys = { ...h.sim.botKeys(), token: "not-the-token" };
    const res = await h.sim.send(urlVerification("/wecom/bot", keys, "12345"));
    expect(res.status).toBe(401);
    expect(res.body).not.toContain("12345");
  });

  it("answers a question @-mentioning it in a group with the answering core's answer, mention stripped", async () => {
    const question = "建设政务数据共享平台由哪个部门牵头？";
    const conv = await h.sim.askBot(question, { chatid: "wrk-group-1", botName: "计划助手", userid: "zhangsan" });
    expect(conv.problems).toEqual([]);
    expect(conv.finished).toBe(true);
    expect(conv.answer).toBe(coreAnswer(h, question));
    expect(conv.answer).not.toContain("@计划助手");
  });

  it("answers in a direct chat and a mixed message's text parts", async () => {
    const direct = await h.sim.askBot("培育数字经济企业的目标是什么", { userid: "lisi" });
    expect(direct.problems).toEqual([]);
    expect(direct.answer).toBe(coreAnswer(h, "培育数字经济企业的目标是什么"));

    const mixed = await h.sim.sendBot({
      msgid: "mixed-1",
      chatid: "wrk-group-1",
      chattype: "group",
      from: { userid: "wangwu" },
      msgtype: "mixed",
      mixed: {
        msg_item: [
          { msgtype: "text", text: { content: "@计划助手\u2005接入部门目标" } },
          { msgtype: "image", image: { url: "http://127.0.0.1/img.png" } },
        ],
      },
    });
    expect(mixed.problems).toEqual([]);
    expect(mixed.reply).toMatchObject({
      msgtype: "stream",
      stream: { finish: true, content: coreAnswer(h, "接入部门目标") },
    });
  });

  it("welcomes a user entering the direct chat", async () => {
    const ex = await h.sim.enterChat("zhaoliu");
    expect(ex.problems).toEqual([]);
    expect(ex.reply).toEqual({ msgtype: "text", text: { content: WELCOME_TEXT } });
  });

  it("closes a refresh of a stream it does not hold (answered at once, or unknown) instead of leaving it open", async () => {
    const msg = botTextMessage({ text: "牵头部门", userid: "u1", chatid: "g1" });
    const first = await h.sim.sendBot(msg);
    expect(first.reply).toMatchObject({ stream: { id: streamIdOf(msg.msgid), finish: true } });
    // WeCom refreshes only unfinished streams; an answer given at once is not kept for refreshes.
    for (const id of [streamIdOf(msg.msgid), "pb-unknown"]) {
      const refresh = await h.sim.sendBot({ msgid: `refresh-${id}`, msgtype: "stream", stream: { id } });
      expect(refresh.reply).toMatchObject({ stream: { id, finish: true, content: EXPIRED_TEXT } });
    }
  });

  it("tells a user who only @-mentioned it how to ask", async () => {
    const conv = await h.sim.askBot("", { chatid: "g1" });
    expect(conv.finished).toBe(true);
    expect(conv.answer).toContain("@我");
  });
});
