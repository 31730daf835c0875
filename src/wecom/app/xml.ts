// XML in and out of the self-built app's callbacks: the encrypted envelope, the decrypted message, and passive replies.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { z } from "zod";
import type { ReplyEnvelope } from "../crypto.js";

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  // Keep every value a string: MsgId is a 64-bit number that a JS number would round.
  parseTagValue: false,
  trimValues: true,
  maxNestedTags: 16,
  processEntities: { enabled: true, maxEntityCount: 10, maxTotalExpansions: 100, maxExpandedLength: 20_000 },
});

const field = z.string().max(20_000);

/** The HTTP body of an app callback. */
export const AppEnvelope = z.object({
  xml: z.object({ Encrypt: z.string().min(1).max(100_000), ToUserName: field.optional(), AgentID: field.optional() }),
});

/** The decrypted message (text messages and events; other types are answered with a hint). */
export const AppMessage = z.object({
  xml: z.object({
    ToUserName: field,
    FromUserName: z.string().min(1).max(512),
    CreateTime: field,
    MsgType: z.string().min(1).max(64),
    // No limit of its own (the envelope's bounds it): a text too long to answer is told so by the responder.
    Content: z.string().optional(),
    MsgId: z.string().max(128).optional(),
    AgentID: field.optional(),
    Event: field.optional(),
  }),
});
export type AppMessage = z.infer<typeof AppMessage>["xml"];

/** Parses XML into a plain object; undefined when it is not well-formed. */
export function parseXml(text: string): unknown {
  if (XMLValidator.validate(text) !== true) return undefined;
  try {
    return parser.parse(text);
  } catch {
    return undefined;
  }
}

/** Wraps text in CDATA, splitting any "]]>" so the text cannot close the section early. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

export function passiveTextXml(toUser: string, fromCorp: string, content: string, createTime: string): string {
  return `<xml><ToUserName>${cdata(toUser)}</ToUserName><FromUserName>${cdata(fromCorp)}</FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>${cdata(content)}</Content></xml>`;
}

export function envelopeXml(env: ReplyEnvelope): string {
  return `<xml><Encrypt>${cdata(env.encrypt)}</Encrypt><MsgSignature>${cdata(env.msgsignature)}</MsgSignature><TimeStamp>${env.timestamp}</TimeStamp><Nonce>${cdata(env.nonce)}</Nonce></xml>`;
}
