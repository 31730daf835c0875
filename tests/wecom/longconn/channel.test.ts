// The intelligent bot over the long connection: the real SDK against the local long-connection simulator.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { streamIdOf, UNSUPPORTED_TEXT, WAITING_TEXT, WELCOME_TEXT } from "../../../src/wecom/bot/replies.js";
import {
  type LongConnSimulator,
  type RecordedFrame,
  startLongConnSimulator,
} from "../../../src/wecom/simulator/longconn-server.js";
import { coreAnswer, countingHandler, type Harness, startHarness } from "../support/harness.js";

const bot = { botId: "aib-test-bot", secret: "s3cret-of-the-bot" };
const longConnEnv = (sim: LongConnSimulator, secret = bot.secret) => ({
  WECOM_BOT_ID: bot.botId,
  WECOM_BOT_SECRET: secret,
  WECOM_BOT_WS_URL: sim.url,
});
const fast = { longConnection: { reconnectBaseMs: 20 } };

async function health(h: Harness) {
  const res = await fetch(`${h.server.url}/healthz`);
  // biome-ignore lint/suspicious/noExplicitAny: the JSON is checked field by field below
  return (await res.json()) as any;
}

async function waitForState(h: Harness, state: string) {
  for (let i = 0; i < 500; i += 1) {
    const body = await health(h);
    if (body.wecom.longConnection?.state === state) return body.wecom.longConnection;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`long connection never reached ${state}`);
}

const finalOf = (frames: RecordedFrame[]) => frames.filter((f) => f.body?.stream?.finish === true);

describe("long connection", () => {
  let sim: LongConnSimulator;
  let h: Harness;
  const counter = countingHandler();

  beforeAll(async () => {
    sim = await startLongConnSimulator({ bots: [bot] });
    h = await startHarness({ env: longConnEnv(sim), server: fast, wrapHandler: counter.wrap });
    await sim.waitForAuthentications(1);
  });
  afterAll(async () => {
    await h.dispose();
    await sim.stop();
  });
  afterEach(() => sim.setAckPolicy({}));

  it("answers a text with stream frames whose last has finish: true and the core's answer", async () => {
    const question = "建设政务数据共享平台由哪个部门牵头？";
    const reqId = sim.sendText(`@计划助手\u2005${question}`, { chatid: "wrk-group-1", userid: "zhangsan" });
    const frames = await sim.waitForReply(reqId);
    const last = frames.at(-1);
    expect(last?.cmd).toBe("aibot_respond_msg");
    expect(last?.body).toMatchObject({ msgtype: "stream", stream: { finish: true, content: coreAnswer(h, question) } });
    expect(finalOf(frames)).toHaveLength(1);
  });

  it("reports authenticated in /healthz and the state in /metrics, beside the callback channels", async () => {
    const body = await health(h);
    expect(body.wecom).toMatchObject({ bot: true, app: true, longConnection: { state: "authenticated" } });
    const metrics = await (await fetch(`${h.server.url}/metrics`)).text();
    expect(metrics).toContain('planbot_wecom_longconn_state{state="authenticated"} 1');
    // The callback bot keeps working with the long connection on.
    const conv = await h.sim.askBot("培育数字经济企业的目标是什么", { userid: "lisi" });
    expect(conv.answer).toBe(coreAnswer(h, "培育数字经济企业的目标是什么"));
  });

  it("welcomes enter_chat once, even when the event is delivered again", async () => {
    const first = sim.sendEvent("enter_chat", { userid: "wangwu", msgid: "evt-enter-1" });
    const frames = await sim.waitForReply(first, (f) => f.cmd === "aibot_respond_welcome_msg");
    expect(frames[0]?.body).toEqual({ msgtype: "text", text: { content: WELCOME_TEXT } });
    const again = sim.sendEvent("enter_chat", { userid: "wangwu", msgid: "evt-enter-1" });
    const probe = sim.sendText("接入部门目标");
    await sim.waitForReply(probe);
    expect(sim.repliesTo(again)).toEqual([]);
  });

  it("handles a message once across a reconnect: a redelivery gets the stored reply", async () => {
    const question = "接入部门目标";
    const before = counter.calls.length;
    const first = sim.sendText(question, { msgid: "msg-redelivered-1", userid: "zhaoliu" });
    const firstFrames = await sim.waitForReply(first);
    const authenticated = sim.authentications();
    sim.dropConnections();
    await sim.waitForAuthentications(authenticated + 1);
    await waitForState(h, "authenticated");
    const again = sim.sendText(question, { msgid: "msg-redelivered-1", userid: "zhaoliu" });
    const againFrames = await sim.waitForReply(again);
    const { id, finish, content } = finalOf(firstFrames)[0]?.body.stream ?? {};
    expect(finalOf(againFrames)[0]?.body.stream).toMatchObject({ id, finish, content });
    expect(finalOf(againFrames)[0]?.body.stream.id).toBe(streamIdOf("msg-redelivered-1"));
    expect(counter.calls.length - before).toBe(1);
    const metrics = await (await fetch(`${h.server.url}/metrics`)).text();
    expect(metrics).toMatch(/planbot_wecom_longconn_reconnects_total [1-9]/);
  });

  it("says what it can do for a message it cannot read", async () => {
    const reqId = sim.sendMessage({
      from: { userid: "zhaoliu" },
      msgtype: "image",
      image: { url: "http://127.0.0.1:9/img", aeskey: "x" },
    });
    const frames = await sim.waitForReply(reqId);
    expect(finalOf(frames)[0]?.body.stream.content).toBe(UNSUPPORTED_TEXT);
  });

  it("sends the final frame again when WeCom does not acknowledge it (same stream id and content)", async () => {
    let dropped = 0;
    sim.setAckPolicy({ drop: (f) => f.body?.stream?.finish === true && dropped++ === 0 });
    const reqId = sim.sendText("接入部门目标", { userid: "sunqi" });
    const frames = await sim.waitForReply(reqId, (f) => f.acked && f.body?.stream?.finish === true, 15_000);
    const finals = finalOf(frames);
    expect(finals).toHaveLength(2);
    expect(finals[1]?.body).toEqual(finals[0]?.body);
  }, 20_000);
});

describe("long connection: a slow answer", () => {
  it("sends a 'still working' frame first, then the answer with finish: true", async () => {
    const sim = await startLongConnSimulator({ bots: [bot] });
    const slow = countingHandler(300);
    const h = await startHarness({
      env: longConnEnv(sim),
      server: { ...fast, botBudgetMs: 50 },
      wrapHandler: slow.wrap,
    });
    try {
      await sim.waitForAuthentications(1);
      const reqId = sim.sendText("接入部门目标");
      const frames = await sim.waitForReply(reqId);
      expect(frames.map((f) => [f.body.stream.finish, f.body.stream.content])).toEqual([
        [false, WAITING_TEXT],
        [true, coreAnswer(h, "接入部门目标")],
      ]);
      expect(new Set(frames.map((f) => f.body.stream.id)).size).toBe(1);
    } finally {
      await h.dispose();
      await sim.stop();
    }
  });
});

describe("long connection: heartbeats and slow acknowledgements", () => {
  it("reconnects when pings go unanswered, and is authenticated again once they are", async () => {
    const sim = await startLongConnSimulator({ bots: [bot] });
    const h = await startHarness({
      env: longConnEnv(sim),
      server: { longConnection: { reconnectBaseMs: 20, heartbeatMs: 40 } },
    });
    try {
      await sim.waitForAuthentications(1);
      sim.answerPings(false);
      // Two missed acknowledgements and the SDK calls the connection dead: it dials again.
      await sim.waitForAuthentications(2);
      sim.answerPings(true);
      await waitForState(h, "authenticated");
      const reqId = sim.sendText("接入部门目标");
      expect(finalOf(await sim.waitForReply(reqId))).toHaveLength(1);
    } finally {
      await h.dispose();
      await sim.stop();
    }
  });

  it("keeps a reply's frames in order when acknowledgements are slow", async () => {
    const sim = await startLongConnSimulator({ bots: [bot] });
    const slow = countingHandler(200);
    const h = await startHarness({
      env: longConnEnv(sim),
      server: { ...fast, botBudgetMs: 20 },
      wrapHandler: slow.wrap,
    });
    try {
      await sim.waitForAuthentications(1);
      sim.setAckPolicy({ delayMs: () => 300 });
      const reqId = sim.sendText("接入部门目标");
      const frames = await sim.waitForReply(reqId, (f) => f.acked && f.body?.stream?.finish === true);
      expect(frames.map((f) => f.body.stream.finish)).toEqual([false, true]);
      // The SDK sends a req_id's next frame only once the previous one is acknowledged.
      expect(frames[1]?.at).toBeGreaterThanOrEqual(frames[0]?.ackedAt ?? Number.POSITIVE_INFINITY);
    } finally {
      await h.dispose();
      await sim.stop();
    }
  });
});

describe("long connection: refused credentials and a second connection", () => {
  it("is down, saying why, once the SDK gives up on a refused secret", async () => {
    const sim = await startLongConnSimulator({ bots: [bot] });
    const h = await startHarness({ env: longConnEnv(sim, "not-the-secret"), server: fast });
    try {
      const status = await waitForState(h, "down");
      expect(status.reason).toContain("WECOM_BOT_SECRET");
      expect(Date.parse(status.since)).not.toBeNaN();
      expect(sim.authentications()).toBe(0);
      expect(JSON.stringify(await health(h))).not.toContain("not-the-secret");
    } finally {
      await h.dispose();
      await sim.stop();
    }
  });

  it("is told so and stays off when another connection subscribes for the same bot", async () => {
    const sim = await startLongConnSimulator({ bots: [bot] });
    const first = await startHarness({ env: longConnEnv(sim), server: fast });
    try {
      await sim.waitForAuthentications(1);
      await waitForState(first, "authenticated");
      const second = await startHarness({ env: longConnEnv(sim), server: fast });
      try {
        await sim.waitForAuthentications(2);
        const status = await waitForState(first, "down");
        expect(status.reason).toContain("another connection");
        expect(sim.connected()).toBe(1);
      } finally {
        await second.dispose();
      }
    } finally {
      await first.dispose();
      await sim.stop();
    }
  });
});
