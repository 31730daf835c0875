import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type CallbackKeys,
  CallbackRejected,
  openCiphertext,
  sealReply,
  signatureMatches,
  signatureOf,
  timestampFresh,
  verifyCallback,
} from "../../src/wecom/crypto.js";

const vector = JSON.parse(readFileSync(new URL("../fixtures/wecom/tencent-vector.json", import.meta.url), "utf8")) as {
  token: string;
  encodingAESKey: string;
  receiveId: string;
  timestamp: string;
  nonce: string;
  echostr: string;
  msgSignature: string;
  plainText: string;
};
const keys: CallbackKeys = { token: vector.token, aesKey: vector.encodingAESKey, receiveId: vector.receiveId };
const query = { signature: vector.msgSignature, timestamp: vector.timestamp, nonce: vector.nonce };

function rejection(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof CallbackRejected) return e.reason;
    throw e;
  }
  return "accepted";
}

describe("WeCom crypto against Tencent's published vector", () => {
  it("computes the published signature", () => {
    expect(signatureOf(vector.token, vector.timestamp, vector.nonce, vector.echostr)).toBe(vector.msgSignature);
    expect(signatureMatches(keys, query, vector.echostr)).toBe(true);
  });

  it("decrypts the published echostr to the published plain text", () => {
    expect(openCiphertext(keys, vector.echostr)).toBe(vector.plainText);
  });

  it("refuses a signature off by one character, or of another length", () => {
    const flipped = `${vector.msgSignature.slice(0, -1)}${vector.msgSignature.endsWith("3") ? "4" : "3"}`;
    expect(signatureMatches(keys, { ...query, signature: flipped }, vector.echostr)).toBe(false);
    expect(signatureMatches(keys, { ...query, signature: "abc" }, vector.echostr)).toBe(false);
    expect(signatureMatches(keys, { ...query, nonce: "263014781" }, vector.echostr)).toBe(false);
  });

  it("refuses the vector's 2014 timestamp as stale although its signature is right", () => {
    expect(rejection(() => verifyCallback(keys, query, vector.echostr, 300))).toBe("stale_timestamp");
    expect(rejection(() => verifyCallback(keys, { ...query, signature: "0".repeat(40) }, vector.echostr, 300))).toBe(
      "bad_signature",
    );
  });

  it("refuses a ciphertext meant for another receiver (the bot's receive id is empty)", () => {
    expect(rejection(() => openCiphertext({ ...keys, receiveId: "" }, vector.echostr))).toBe("wrong_receiver");
  });

  it("refuses garbage ciphertext without throwing anything else", () => {
    for (const bad of ["", "!!!", "AAAA", vector.echostr.slice(0, 40), `${vector.echostr.slice(0, -4)}AAA=`]) {
      expect(["undecryptable", "wrong_receiver"]).toContain(rejection(() => openCiphertext(keys, bad)));
    }
  });

  it("seals a reply that opens again and carries a valid signature", () => {
    const env = sealReply(keys, "你好，世界", "1700000000", "42");
    expect(signatureOf(keys.token, env.timestamp, env.nonce, env.encrypt)).toBe(env.msgsignature);
    expect(openCiphertext(keys, env.encrypt)).toBe("你好，世界");
  });

  it("checks the timestamp window both ways", () => {
    const now = 1_700_000_000_000;
    expect(timestampFresh("1700000300", 300, now)).toBe(true);
    expect(timestampFresh("1699999700", 300, now)).toBe(true);
    expect(timestampFresh("1700000301", 300, now)).toBe(false);
    expect(timestampFresh("1699999699", 300, now)).toBe(false);
    expect(timestampFresh("17e8", 300, now)).toBe(false);
  });
});
