import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealCiphertext, signatureOf } from "../../src/wecom/crypto.js";
import { appCallback, appTextXml, botCallback, botTextMessage } from "../../src/wecom/simulator/callbacks.js";
import { countingHandler, type Harness, startHarness } from "./support/harness.js";

let h: Harness;
const counter = countingHandler();
beforeAll(async () => {
  h = await startHarness({ wrapHandler: counter.wrap });
});
afterAll(async () => {
  await h.dispose();
});

const question = () => botTextMessage({ text: "牵头部门", userid: "u1", chatid: "g1" });

async function stillServing(): Promise<void> {
  const conv = await h.sim.askBot("接入部门", { chatid: "g1" });
  expect(conv.finished).toBe(true);
  expect(conv.problems).toEqual([]);
}

describe("callbacks that are not WeCom's", () => {
  it("a forged signature gets 401 and nothing is processed", async () => {
    const before = counter.calls.length;
    const req = botCallback(h.sim.botKeys(), question());
    req.query.msg_signature = signatureOf("forged-token", req.query.timestamp ?? "", req.query.nonce ?? "", "x");
    expect((await h.sim.send(req)).status).toBe(401);
    const missing = botCallback(h.sim.botKeys(), question());
    delete missing.query.msg_signature;
    expect((await h.sim.send(missing)).status).toBe(401);
    const appReq = appCallback(h.sim.appKeys(), h.creds.app.agentId, "<xml/>");
    appReq.query.msg_signature = "0".repeat(40);
    expect((await h.sim.send(appReq)).status).toBe(401);
    expect(counter.calls.length).toBe(before);
    await stillServing();
  });

  it("a correctly signed callback with a stale timestamp is refused (403), either way of now", async () => {
    const before = counter.calls.length;
    const old = String(Math.floor(Date.now() / 1000) - 301);
    const future = String(Math.floor(Date.now() / 1000) + 400);
    expect((await h.sim.send(botCallback(h.sim.botKeys(), question(), { timestamp: old }))).status).toBe(403);
    expect((await h.sim.send(botCallback(h.sim.botKeys(), question(), { timestamp: future }))).status).toBe(403);
    const app = h.creds.app;
    const appReq = appCallback(
      h.sim.appKeys(),
      app.agentId,
      appTextXml({ text: "x", userid: "u", corpId: app.corpId, agentId: app.agentId }),
      { timestamp: old },
    );
    expect((await h.sim.send(appReq)).status).toBe(403);
    expect(counter.calls.length).toBe(before);
    await stillServing();
  });

  it("an oversized body gets 413 on both routes", async () => {
    for (const path of ["/wecom/bot", "/wecom/app"]) {
      const res = await h.sim.send({
        method: "POST",
        path,
        query: { msg_signature: "a".repeat(40), timestamp: "1", nonce: "1" },
        body: "x".repeat(200 * 1024),
        contentType: "application/json",
      });
      expect(res.status).toBe(413);
    }
    await stillServing();
  });

  it("garbage bodies and undecryptable payloads get 400", async () => {
    const keys = h.sim.botKeys();
    const garbage = ["", "{", "null", '{"encrypt": 5}', "<xml>", "\u0000\u0001"];
    for (const body of garbage) {
      const res = await h.sim.send({
        method: "POST",
        path: "/wecom/bot",
        query: { msg_signature: "a", timestamp: "1", nonce: "1" },
        body,
      });
      expect(res.status).toBe(400);
    }
    // Signed correctly, but the ciphertext is not ours: signature passes, decryption fails.
    const encrypt = Buffer.alloc(64, 7).toString("base64");
    const ts = String(Math.floor(Date.now() / 1000));
    const signed = { msg_signature: signatureOf(keys.token, ts, "9", encrypt), timestamp: ts, nonce: "9" };
    const res = await h.sim.send({
      method: "POST",
      path: "/wecom/bot",
      query: signed,
      body: JSON.stringify({ encrypt }),
    });
    expect(res.status).toBe(400);
    // Signed and decryptable, but the message inside is not a bot message.
    const inner = sealCiphertext(keys, "not json at all");
    const signedInner = { msg_signature: signatureOf(keys.token, ts, "10", inner), timestamp: ts, nonce: "10" };
    const res2 = await h.sim.send({
      method: "POST",
      path: "/wecom/bot",
      query: signedInner,
      body: JSON.stringify({ encrypt: inner }),
    });
    expect(res2.status).toBe(400);
    await stillServing();
  });

  it("a message encrypted for another receiver (the app's corp id sent to the bot) is refused", async () => {
    const keys = { ...h.sim.botKeys(), receiveId: h.creds.app.corpId };
    const res = await h.sim.send(botCallback(keys, question()));
    expect(res.status).toBe(401);
  });

  it("refusal responses never echo keys or the body", async () => {
    const req = botCallback(h.sim.botKeys(), question());
    req.query.msg_signature = "f".repeat(40);
    const res = await h.sim.send(req);
    expect(res.body).not.toContain(h.creds.bot.token);
    expect(res.body).not.toContain(h.creds.bot.aesKey);
    expect(res.body).not.toContain("encrypt");
  });
});
