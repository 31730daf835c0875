// Cards over the long connection: an unbound progress figure offers the task's targets as buttons, the click records
// under the clicker's rights; 👍/👎 are stored with the question and the reply. Real SDK against the simulator.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBotFeedback } from "../../../src/store/bot-feedback.js";
import type { LongConnSimulator } from "../../../src/wecom/simulator/longconn-server.js";
import type { Harness } from "../support/harness.js";
import { type LongConnService, startWithTwoReporters } from "./two-reporters.js";

const bot = { botId: "aib-cards-bot", secret: "cards-secret" };
let sim: LongConnSimulator;
let h: Harness;

let service: LongConnService;
beforeAll(async () => {
  service = await startWithTwoReporters(bot);
  ({ sim, h } = service);
});
afterAll(() => service.stop());

/** Every record of task 1, corrected ones included, oldest first. */
const records = () => h.runtime.store.list({ plan: "demo-plan", taskNo: 1 }).sort((a, b) => a.id - b.id);

/** Reports a figure the text says is about something else; returns the card the reply carried. */
async function reportUnbound(userid: string) {
  const reqId = sim.sendText("进展 任务一 新建机房3个", { userid, chatid: "g-cards" });
  const frames = await sim.waitForReply(reqId);
  const final = frames.at(-1);
  expect(final?.body.msgtype).toBe("stream_with_template_card");
  return final?.body.template_card;
}

function click(card: { task_id: string; button_list: { key: string }[] }, index: number, userid: string) {
  const key = card.button_list[index]?.key ?? "";
  return sim.sendEvent("template_card_event", {
    userid,
    chatid: "g-cards",
    event: { template_card_event: { card_type: "button_interaction", event_key: key, task_id: card.task_id } },
  });
}

describe("a progress figure that could not be bound", () => {
  it("offers the task's target in the figure's unit, or the text only, as a button card", async () => {
    const before = records().length;
    const card = await reportUnbound("zhangsan");
    expect(card.card_type).toBe("button_interaction");
    expect(card.task_id).toMatch(/^[A-Za-z0-9_\-@]{1,128}$/);
    expect(card.sub_title_text).toContain("接入部门 3个");
    expect(card.button_list.map((b: { key: string }) => b.key.split(":")[0])).toEqual(["bind", "keep"]);
    expect(records()).toHaveLength(before + 1);
    expect(records().at(-1)).toMatchObject({ targetId: null, value: null });
  });

  it("records the binding the reporter clicks, as a correction of the text-only record, and updates the card", async () => {
    const card = await reportUnbound("zhangsan");
    const textOnly = records().at(-1);
    const reqId = click(card, 0, "zhangsan");
    const [update] = await sim.waitForReply(reqId, (f) => f.cmd === "aibot_respond_update_msg");
    expect(update?.body).toMatchObject({
      response_type: "update_template_card",
      userids: ["zhangsan"],
      template_card: { task_id: card.task_id, main_title: { title: expect.stringContaining("已记录进展") } },
    });
    const bound = records().at(-1);
    expect(bound).toMatchObject({ targetId: "t1-1", value: 3, supersedes: textOnly?.id, reporterId: "zhangsan" });
  });

  it("refuses a click by someone who may not correct the record, and records nothing", async () => {
    const card = await reportUnbound("zhangsan");
    const before = records().length;
    const reqId = click(card, 0, "wangwu");
    const [update] = await sim.waitForReply(reqId, (f) => f.cmd === "aibot_respond_update_msg");
    expect(update?.body.template_card.main_title.title).not.toContain("已记录");
    expect(records()).toHaveLength(before);
  });

  it("keeps the text only, and handles a click delivered twice once", async () => {
    const card = await reportUnbound("zhangsan");
    const before = records().length;
    const first = click(card, 1, "zhangsan");
    await sim.waitForReply(first, (f) => f.cmd === "aibot_respond_update_msg");
    const bindKey = card.button_list[0].key;
    const msgid = "evt-click-twice";
    const event = { template_card_event: { event_key: bindKey, task_id: card.task_id } };
    const a = sim.sendEvent("template_card_event", { userid: "zhangsan", msgid, event });
    await sim.waitForReply(a, (f) => f.cmd === "aibot_respond_update_msg");
    const b = sim.sendEvent("template_card_event", { userid: "zhangsan", msgid, event });
    await sim.waitForReply(b, (f) => f.cmd === "aibot_respond_update_msg");
    expect(records()).toHaveLength(before + 1);
  });
});

describe("feedback on answers", () => {
  it("stores a 👎 with the question and the reply, and lists the disliked answers", async () => {
    const reqId = sim.sendText("接入部门目标", { userid: "lisi", chatid: "g-cards" });
    const frames = await sim.waitForReply(reqId);
    const final = frames.at(-1);
    const feedbackId = final?.body.stream.feedback?.id;
    expect(feedbackId).toBeTruthy();
    const like = sim.sendEvent("feedback_event", {
      userid: "zhaoliu",
      event: { feedback_event: { id: feedbackId, type: 1 } },
    });
    const dislike = sim.sendEvent("feedback_event", {
      userid: "lisi",
      chatid: "g-cards",
      event: { feedback_event: { id: feedbackId, type: 2, content: "没说进展", inaccurate_reason_list: [2] } },
    });
    const probe = sim.sendText("帮助");
    await sim.waitForReply(probe);
    expect([like, dislike].flatMap((r) => sim.repliesTo(r))).toEqual([]);
    const disliked = createBotFeedback(h.runtime.db).disliked();
    expect(disliked).toHaveLength(1);
    expect(disliked[0]).toMatchObject({
      userid: "lisi",
      question: "接入部门目标",
      reply: final?.body.stream.content,
      comment: "没说进展",
      reasons: "[2]",
    });
    // The review command reads the same table.
    const cli = spawnSync(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "feedback", "disliked", "--db", h.dbFile],
      { encoding: "utf8", env: { ...process.env, LOG_LEVEL: "silent" } },
    );
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain("lisi（群 g-cards）👎：没说进展");
    expect(cli.stdout).toContain("问：接入部门目标");
  });
});
