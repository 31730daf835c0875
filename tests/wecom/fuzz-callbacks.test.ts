import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CallbackKeys, nowSeconds, sealCiphertext, signatureOf } from "../../src/wecom/crypto.js";
import {
  appCallback,
  appTextXml,
  botCallback,
  botTextMessage,
  type CallbackRequest,
} from "../../src/wecom/simulator/callbacks.js";
import { type Harness, startHarness } from "./support/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.dispose();
});

const RUNS_PER_ROUTE = 5000;

function signed(keys: CallbackKeys, path: string, ciphertext: string, body: string): CallbackRequest {
  const timestamp = nowSeconds();
  const nonce = String(Math.floor(Math.random() * 1e9));
  return {
    method: "POST",
    path,
    query: { msg_signature: signatureOf(keys.token, timestamp, nonce, ciphertext), timestamp, nonce },
    body,
  };
}

/** Edits a string: overwrite, delete or duplicate a slice, at positions fast-check picks. */
const mutation = fc.tuple(
  fc.nat(),
  fc.nat({ max: 64 }),
  fc.constantFrom("overwrite", "delete", "duplicate", "insert"),
  fc.string({ maxLength: 16 }),
);
function mutate(s: string, [at, len, kind, text]: [number, number, string, string]): string {
  const i = s.length === 0 ? 0 : at % s.length;
  if (kind === "overwrite") return s.slice(0, i) + text + s.slice(i + text.length);
  if (kind === "delete") return s.slice(0, i) + s.slice(i + len);
  if (kind === "duplicate") return s.slice(0, i + len) + s.slice(i, i + len) + s.slice(i + len);
  return s.slice(0, i) + text + s.slice(i);
}

const anyText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: "binary", maxLength: 300 }), fc.json());

function requests(route: "bot" | "app"): fc.Arbitrary<CallbackRequest> {
  const path = `/wecom/${route}`;
  const keys = () => (route === "bot" ? h.sim.botKeys() : h.sim.appKeys());
  const valid = (text: string): CallbackRequest =>
    route === "bot"
      ? botCallback(keys(), botTextMessage({ text, userid: "fuzz", chatid: "g" }))
      : appCallback(
          keys(),
          h.creds.app.agentId,
          appTextXml({ text, userid: "fuzz", corpId: h.creds.app.corpId, agentId: h.creds.app.agentId }),
        );
  // Wrap a ciphertext the way this route's body carries it.
  const carry = (ciphertext: string) =>
    route === "bot"
      ? JSON.stringify({ encrypt: ciphertext })
      : `<xml><Encrypt><![CDATA[${ciphertext}]]></Encrypt></xml>`;
  return fc.oneof(
    // 1. random bodies and queries
    fc
      .record({
        body: anyText,
        query: fc.dictionary(
          fc.constantFrom("msg_signature", "timestamp", "nonce", "echostr", "x"),
          fc.string({ maxLength: 50 }),
        ),
      })
      .map(({ body, query }): CallbackRequest => ({ method: "POST", path, query, body })),
    // 2. a valid callback with its body or signature mutated
    fc.tuple(fc.string({ maxLength: 40 }), mutation, fc.boolean()).map(([text, m, inQuery]) => {
      const req = valid(text);
      if (inQuery) req.query.msg_signature = mutate(req.query.msg_signature ?? "", m);
      else req.body = mutate(req.body ?? "", m);
      return req;
    }),
    // 3. correctly signed ciphertext that is not ours (random or mutated)
    fc.tuple(fc.base64String({ maxLength: 400 }), mutation).map(([b64, m]) => {
      const ciphertext = mutate(b64, m);
      return signed(keys(), path, ciphertext, carry(ciphertext));
    }),
    // 4. correctly signed and encrypted, but the plain text inside is arbitrary
    fc
      .oneof(
        anyText,
        fc.string({ maxLength: 40 }).map((t) => `<xml><MsgType>${t}</MsgType><MsgId>${t}</MsgId></xml>`),
      )
      .map((plain) => {
        const ciphertext = sealCiphertext(keys(), plain);
        return signed(keys(), path, ciphertext, carry(ciphertext));
      }),
    // 5. correctly sealed, valid-shaped messages with arbitrary field values
    fc
      .record({
        msgtype: fc.constantFrom("text", "mixed", "stream", "event", "image", ""),
        v: fc.anything({ maxDepth: 2 }),
      })
      .map(({ msgtype, v }) => {
        const msg = { msgid: String(Math.random()), from: { userid: "fuzz" }, msgtype, [msgtype || "x"]: v };
        const plain =
          route === "bot"
            ? JSON.stringify(msg)
            : `<xml><FromUserName>fuzz</FromUserName><ToUserName>c</ToUserName><CreateTime>1</CreateTime><MsgType>${msgtype}</MsgType><Content>${textOf(v).slice(0, 100).replace(/[<&]/g, "")}</Content><MsgId>${Math.random()}</MsgId></xml>`;
        const ciphertext = sealCiphertext(keys(), plain);
        return signed(keys(), path, ciphertext, carry(ciphertext));
      }),
  );
}

/** Any value as text; fc.anything makes objects without a prototype, which String() cannot convert. */
function textOf(v: unknown): string {
  try {
    return String(v);
  } catch {
    return JSON.stringify(v) ?? "";
  }
}

describe("fuzzing both callback routes", () => {
  for (const route of ["bot", "app"] as const) {
    it(`${RUNS_PER_ROUTE} random and mutated bodies at /wecom/${route}: no crash, no 5xx`, async () => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(requests(route), async (req) => {
          const res = await h.sim.send(req);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          return res.status < 500;
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
      // The mix reached the parsers, not just the signature check.
      expect(statuses.get(401)).toBeGreaterThan(0);
      expect(statuses.get(400)).toBeGreaterThan(0);
      expect(statuses.get(200)).toBeGreaterThan(0);
      const conv = route === "bot" ? await h.sim.askBot("牵头部门", { chatid: "g" }) : await h.sim.askApp("牵头部门");
      expect(conv.problems).toEqual([]);
    }, 120_000);
  }
});
