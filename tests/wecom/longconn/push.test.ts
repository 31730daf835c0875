// Digests for chats without a webhook: pushed to the chatid over the long connection (aibot_send_msg) through the
// outbox, with the real SDK against the long-connection simulator.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "../../../src/config/env.js";
import { type ChatConfig, chatsFromEnv, parseChats } from "../../../src/wecom/chats.js";
import { createLongConnPusher } from "../../../src/wecom/longconn/push-sender.js";
import { createOutboundDelivery } from "../../../src/wecom/outbound-delivery.js";
import { type LongConnSimulator, startLongConnSimulator } from "../../../src/wecom/simulator/longconn-server.js";
import { writeChats } from "../outbound/knowledge-fixture.js";
import { type Harness, startHarness } from "../support/harness.js";

const bot = { botId: "aib-push-bot", secret: "push-secret" };
const chats: ChatConfig[] = parseChats({
  chats: [{ name: "推进群", chatid: "wrk-group-push", digestTime: "09:00" }],
});

describe("pushes over the long connection", () => {
  let sim: LongConnSimulator;
  let h: Harness;
  beforeAll(async () => {
    sim = await startLongConnSimulator({ bots: [bot] });
    h = await startHarness({
      env: { WECOM_BOT_ID: bot.botId, WECOM_BOT_SECRET: bot.secret, WECOM_BOT_WS_URL: sim.url },
      server: { longConnection: { reconnectBaseMs: 20 } },
    });
    await sim.waitForAuthentications(1);
  });
  afterAll(async () => {
    await h.dispose();
    await sim.stop();
  });

  const delivery = () => {
    const client = h.server.planbot.longConnection?.client;
    if (!client) throw new Error("no long connection");
    return createOutboundDelivery(h.runtime, {
      chats,
      longConnection: createLongConnPusher(client),
      worker: { pollMs: 20, backoff: { baseMs: 10, maxMs: 10 } },
    });
  };

  it("sends a chat's digest parts to its chatid as markdown, in order, and marks them sent", async () => {
    const d = delivery();
    expect(d.outbox.enqueueDigest("推进群", "2026-01-05", ["第一部分", "第二部分"], Date.now())).toBe(true);
    await d.worker.drain();
    await d.worker.stop();
    expect(sim.pushes().map((f) => f.body)).toEqual([
      { chatid: "wrk-group-push", msgtype: "markdown", markdown: { content: "第一部分" } },
      { chatid: "wrk-group-push", msgtype: "markdown", markdown: { content: "第二部分" } },
    ]);
    expect(d.outbox.list({ chat: "推进群" }).map((r) => r.status)).toEqual(["sent", "sent"]);
  });

  it("does not send a part again when WeCom's acknowledgement never comes: it may have arrived", async () => {
    const d = delivery();
    const before = sim.pushes().length;
    sim.setAckPolicy({ drop: (f) => f.cmd === "aibot_send_msg" });
    try {
      d.outbox.enqueueDigest("推进群", "2026-01-06", ["只发一次"], Date.now());
      await d.worker.drain();
      await d.worker.stop();
    } finally {
      sim.setAckPolicy({});
    }
    expect(sim.pushes().length - before).toBe(1);
    const [row] = d.outbox.list({ chat: "推进群" }).filter((r) => r.day === "2026-01-06");
    // a part that may have arrived is "unknown", as a webhook part cut after it left (never sent again)
    expect(row?.status).toBe("unknown");
    expect(row?.lastError).toContain("may have arrived");
  }, 15_000);

  it("keeps a part pending while the long connection is down, and sends it once it is back", async () => {
    const d = delivery();
    const before = sim.pushes().length;
    const connection = h.server.planbot.longConnection;
    const authenticated = sim.authentications();
    connection?.stop();
    d.outbox.enqueueDigest("推进群", "2026-01-07", ["等连接恢复"], Date.now());
    await d.worker.drain();
    const [row] = d.outbox.list({ chat: "推进群" }).filter((r) => r.day === "2026-01-07");
    expect(row?.status).toBe("pending");
    expect(row?.lastError).toContain("not authenticated");
    d.worker.start();
    connection?.start();
    await sim.waitForAuthentications(authenticated + 1);
    await sim.waitForFrame((f) => f.cmd === "aibot_send_msg" && f.body.markdown.content === "等连接恢复");
    await d.worker.stop();
    expect(sim.pushes().length - before).toBe(1);
  });
});

describe("chats without a webhook", () => {
  it("need a chatid, and the long connection configured", () => {
    expect(() => parseChats({ chats: [{ name: "甲" }] })).toThrow(/or a chatid \(pushed over the long connection\)/);
    const root = mkdtempSync(join(tmpdir(), "planbot-chats-"));
    const file = writeChats(root, [{ name: "甲", chatid: "wrk-1" }]);
    const plans = { plans: [] } as unknown as Parameters<typeof chatsFromEnv>[0]["plans"];
    expect(() => chatsFromEnv({ env: loadEnv({ PLANBOT_CHATS: file }), plans })).toThrow(
      /chat "甲": no webhook, and WECOM_BOT_ID/,
    );
    const env = loadEnv({ PLANBOT_CHATS: file, WECOM_BOT_ID: "aib", WECOM_BOT_SECRET: "s" });
    expect(chatsFromEnv({ env, plans }).map((c) => c.name)).toEqual(["甲"]);
  });
});
