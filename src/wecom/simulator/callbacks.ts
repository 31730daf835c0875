// Builds callbacks exactly as WeCom sends them: the message, encrypted with the right receive id, signed in the query.
import { randomBytes } from "node:crypto";
import { cdata } from "../app/xml.js";
import { type CallbackKeys, freshNonce, nowSeconds, sealCiphertext, signatureOf } from "../crypto.js";

export interface CallbackRequest {
  method: "GET" | "POST";
  path: string;
  query: Record<string, string>;
  body?: string;
  contentType?: string;
}

export interface SigningOptions {
  timestamp?: string;
  nonce?: string;
}

export function botKeys(bot: { token: string; aesKey: string }): CallbackKeys {
  return { token: bot.token, aesKey: bot.aesKey, receiveId: "" };
}

export function appKeys(app: { token: string; aesKey: string; corpId: string }): CallbackKeys {
  return { token: app.token, aesKey: app.aesKey, receiveId: app.corpId };
}

export function newMsgId(): string {
  return randomBytes(18).toString("base64");
}

function signedQuery(keys: CallbackKeys, ciphertext: string, opts: SigningOptions): Record<string, string> {
  const timestamp = opts.timestamp ?? nowSeconds();
  const nonce = opts.nonce ?? freshNonce();
  return { msg_signature: signatureOf(keys.token, timestamp, nonce, ciphertext), timestamp, nonce };
}

/** GET url verification: WeCom sends an encrypted random echostr and expects its plain text back. */
export function urlVerification(path: string, keys: CallbackKeys, plain: string, opts: SigningOptions = {}) {
  const echostr = sealCiphertext(keys, plain);
  const request: CallbackRequest = { method: "GET", path, query: { ...signedQuery(keys, echostr, opts), echostr } };
  return request;
}

/** POST of an intelligent bot message: JSON {"encrypt": …}. */
export function botCallback(keys: CallbackKeys, message: unknown, opts: SigningOptions = {}): CallbackRequest {
  const encrypt = sealCiphertext(keys, JSON.stringify(message));
  return {
    method: "POST",
    path: "/wecom/bot",
    query: signedQuery(keys, encrypt, opts),
    body: JSON.stringify({ encrypt }),
    contentType: "application/json",
  };
}

/** POST of a self-built app message: XML <xml><ToUserName/><Encrypt/><AgentID/></xml>. */
export function appCallback(
  keys: CallbackKeys,
  agentId: string,
  messageXml: string,
  opts: SigningOptions = {},
): CallbackRequest {
  const encrypt = sealCiphertext(keys, messageXml);
  return {
    method: "POST",
    path: "/wecom/app",
    query: signedQuery(keys, encrypt, opts),
    body: `<xml><ToUserName>${cdata(keys.receiveId)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt><AgentID>${cdata(agentId)}</AgentID></xml>`,
    contentType: "application/xml",
  };
}

export interface BotTextOptions {
  text: string;
  userid: string;
  /** set for a group chat */
  chatid?: string;
  /** the bot's display name, put in front of the text as an @mention in group chats */
  botName?: string;
  msgid?: string;
  responseUrl?: string;
}

export function botTextMessage(o: BotTextOptions) {
  const group = o.chatid !== undefined;
  return {
    msgid: o.msgid ?? newMsgId(),
    aibotid: "aibot-simulated",
    ...(group ? { chatid: o.chatid } : {}),
    chattype: group ? "group" : "single",
    from: { userid: o.userid },
    response_url: o.responseUrl ?? "",
    msgtype: "text",
    // WeCom puts the mention first, followed by a U+2005 space.
    text: { content: group ? `@${o.botName ?? "planbot"}\u2005${o.text}` : o.text },
  };
}

export function botStreamRefresh(streamId: string, userid: string, chatid?: string) {
  return {
    msgid: newMsgId(),
    aibotid: "aibot-simulated",
    ...(chatid !== undefined ? { chatid, chattype: "group" } : { chattype: "single" }),
    from: { userid },
    msgtype: "stream",
    stream: { id: streamId },
  };
}

export function botEnterChat(userid: string) {
  return {
    msgid: newMsgId(),
    create_time: Math.floor(Date.now() / 1000),
    aibotid: "aibot-simulated",
    from: { userid },
    msgtype: "event",
    event: { eventtype: "enter_chat" },
  };
}

export interface AppTextOptions {
  text: string;
  userid: string;
  corpId: string;
  agentId: string;
  msgid?: string;
}

/** A 64-bit decimal message id like WeCom's. */
export function newAppMsgId(): string {
  return randomBytes(8).readBigUInt64BE().toString();
}

export function appTextXml(o: AppTextOptions): string {
  return `<xml><ToUserName>${cdata(o.corpId)}</ToUserName><FromUserName>${cdata(o.userid)}</FromUserName><CreateTime>${nowSeconds()}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>${cdata(o.text)}</Content><MsgId>${o.msgid ?? newAppMsgId()}</MsgId><AgentID>${o.agentId}</AgentID></xml>`;
}
