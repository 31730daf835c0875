// Plays WeCom's callback side against a planbot service: sends signed, encrypted callbacks, checks the replies
// against the protocol (signature, receive id, shape, size, time), retries like WeCom, and polls streams.
import { XMLParser } from "fast-xml-parser";
import { z } from "zod";
import { type CallbackKeys, openCiphertext, signatureOf } from "../crypto.js";
import {
  appCallback,
  appKeys,
  appTextXml,
  botCallback,
  botEnterChat,
  botKeys,
  botStreamRefresh,
  botTextMessage,
  type CallbackRequest,
  newAppMsgId,
  newMsgId,
  type SigningOptions,
  urlVerification,
} from "./callbacks.js";

export interface SimulatorTarget {
  /** planbot's base URL, e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  bot?: { token: string; aesKey: string };
  app?: { corpId: string; token: string; aesKey: string; agentId: string };
  /** WeCom waits 5 s for an app reply before retrying; tests shorten it */
  appTimeoutMs?: number;
  /** how often a pending stream is refreshed (WeCom: about once a second) */
  streamPollMs?: number;
}

export interface HttpResult {
  status: number;
  body: string;
  ms: number;
}

/** Protocol problems found in planbot's replies; a correct service never produces any. */
export type ProtocolProblems = string[];

const StreamPlain = z.object({
  msgtype: z.literal("stream"),
  stream: z.object({ id: z.string().min(1), finish: z.boolean(), content: z.string() }),
});
const TextPlain = z.object({ msgtype: z.literal("text"), text: z.object({ content: z.string() }) });
const BotPlain = z.union([StreamPlain, TextPlain]);
export type BotPlainReply = z.infer<typeof BotPlain>;

const BotEnvelopeReply = z.object({
  encrypt: z.string(),
  msgsignature: z.string(),
  timestamp: z.union([z.string(), z.number()]),
  nonce: z.union([z.string(), z.number()]),
});

const xml = new XMLParser({ parseTagValue: false, ignoreAttributes: true, processEntities: false });
const AppEnvelopeReply = z.object({
  xml: z.object({ Encrypt: z.string(), MsgSignature: z.string(), TimeStamp: z.string(), Nonce: z.string() }),
});
const AppPlainReply = z.object({
  xml: z.object({
    ToUserName: z.string(),
    FromUserName: z.string(),
    CreateTime: z.string(),
    MsgType: z.literal("text"),
    Content: z.string(),
  }),
});

const STREAM_CONTENT_MAX_BYTES = 20_480;
const TEXT_CONTENT_MAX_BYTES = 2048;
/** WeCom stops refreshing a stream 6 minutes after the user's message. */
const STREAM_LIFETIME_MS = 6 * 60_000;

export interface BotExchange {
  http: HttpResult;
  /** the decrypted reply, when there was one and it checked out */
  reply?: BotPlainReply;
  problems: ProtocolProblems;
}

export interface AppExchange {
  /** one entry per delivery (WeCom retries unanswered ones with the same MsgId) */
  deliveries: HttpResult[];
  /** the decrypted passive reply text, if any */
  replyText?: string;
  problems: ProtocolProblems;
}

export interface BotConversation {
  question: string;
  /** what the chat shows when the bot has finished (or the last partial content) */
  answer: string;
  finished: boolean;
  streamId?: string;
  refreshes: number;
  problems: ProtocolProblems;
}

export interface WecomCallbackSimulator {
  send(request: CallbackRequest, timeoutMs?: number): Promise<HttpResult>;
  verifyUrl(route: "bot" | "app"): Promise<{ http: HttpResult; expected: string; ok: boolean }>;
  /** one bot callback (any message object), with the reply decrypted and checked */
  sendBot(message: unknown, signing?: SigningOptions): Promise<BotExchange>;
  /** a question to the bot, in a group (chatid set) or a direct chat, followed through stream refreshes */
  askBot(question: string, o?: { userid?: string; chatid?: string; botName?: string }): Promise<BotConversation>;
  enterChat(userid?: string): Promise<BotExchange>;
  /** one app text message, delivered and retried as WeCom does when unanswered */
  askApp(question: string, o?: { userid?: string; msgid?: string }): Promise<AppExchange>;
  botKeys(): CallbackKeys;
  appKeys(): CallbackKeys;
}

export function createCallbackSimulator(target: SimulatorTarget): WecomCallbackSimulator {
  const base = target.baseUrl.replace(/\/+$/, "");
  const appTimeoutMs = target.appTimeoutMs ?? 5000;
  const streamPollMs = target.streamPollMs ?? 1000;
  const requireBot = () => {
    if (!target.bot) throw new Error("simulator: no intelligent bot credentials");
    return botKeys(target.bot);
  };
  const requireApp = () => {
    if (!target.app) throw new Error("simulator: no self-built app credentials");
    return { keys: appKeys(target.app), agentId: target.app.agentId, corpId: target.app.corpId };
  };

  async function send(request: CallbackRequest, timeoutMs = 10_000): Promise<HttpResult> {
    const url = `${base}${request.path}?${new URLSearchParams(request.query)}`;
    const started = performance.now();
    const res = await fetch(url, {
      method: request.method,
      body: request.body,
      headers: request.contentType ? { "content-type": request.contentType } : {},
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await res.text();
    return { status: res.status, body, ms: performance.now() - started };
  }

  function openBotReply(keys: CallbackKeys, http: HttpResult, problems: ProtocolProblems): BotPlainReply | undefined {
    if (http.status !== 200) {
      problems.push(`HTTP ${http.status}`);
      return undefined;
    }
    if (http.body === "") return undefined;
    let envelope: z.infer<typeof BotEnvelopeReply>;
    try {
      envelope = BotEnvelopeReply.parse(JSON.parse(http.body));
    } catch {
      problems.push("reply is not the encrypted JSON envelope");
      return undefined;
    }
    const expected = signatureOf(keys.token, String(envelope.timestamp), String(envelope.nonce), envelope.encrypt);
    if (expected !== envelope.msgsignature) problems.push("reply signature does not verify");
    let plain: string;
    try {
      plain = openCiphertext(keys, envelope.encrypt);
    } catch {
      problems.push("reply does not decrypt with the bot's key and an empty receive id");
      return undefined;
    }
    const parsed = BotPlain.safeParse(JSON.parse(plain));
    if (!parsed.success) {
      problems.push("reply plain text is neither a stream nor a text message");
      return undefined;
    }
    if (parsed.data.msgtype === "stream" && Buffer.byteLength(parsed.data.stream.content) > STREAM_CONTENT_MAX_BYTES) {
      problems.push("stream content over 20480 bytes");
    }
    return parsed.data;
  }

  async function sendBot(message: unknown, signing: SigningOptions = {}): Promise<BotExchange> {
    const keys = requireBot();
    const problems: ProtocolProblems = [];
    const http = await send(botCallback(keys, message, signing));
    return { http, reply: openBotReply(keys, http, problems), problems };
  }

  function openAppReply(http: HttpResult, problems: ProtocolProblems): string | undefined {
    const { keys } = requireApp();
    if (http.body === "") return undefined;
    const envelope = AppEnvelopeReply.safeParse(xml.parse(http.body));
    if (!envelope.success) {
      problems.push("reply is not the encrypted XML envelope");
      return undefined;
    }
    const e = envelope.data.xml;
    if (signatureOf(keys.token, e.TimeStamp, e.Nonce, e.Encrypt) !== e.MsgSignature) {
      problems.push("reply signature does not verify");
    }
    let plain: string;
    try {
      plain = openCiphertext(keys, e.Encrypt);
    } catch {
      problems.push("reply does not decrypt with the app's key and corp id");
      return undefined;
    }
    const reply = AppPlainReply.safeParse(xml.parse(plain));
    if (!reply.success) {
      problems.push("reply plain text is not a text message XML");
      return undefined;
    }
    if (Buffer.byteLength(reply.data.xml.Content) > TEXT_CONTENT_MAX_BYTES) problems.push("text reply over 2048 bytes");
    return reply.data.xml.Content;
  }

  return {
    send,
    botKeys: requireBot,
    appKeys: () => requireApp().keys,

    async verifyUrl(route) {
      const keys = route === "bot" ? requireBot() : requireApp().keys;
      const expected = newAppMsgId();
      const http = await send(urlVerification(`/wecom/${route}`, keys, expected), 1000 + 4000);
      return { http, expected, ok: http.status === 200 && http.body === expected };
    },

    sendBot,

    async askBot(question, o = {}) {
      const userid = o.userid ?? "simulated-user";
      const first = await sendBot(botTextMessage({ text: question, userid, chatid: o.chatid, botName: o.botName }));
      const problems = [...first.problems];
      const conversation: BotConversation = { question, answer: "", finished: false, refreshes: 0, problems };
      let reply = first.reply;
      const deadline = Date.now() + STREAM_LIFETIME_MS;
      while (reply?.msgtype === "stream" && !reply.stream.finish && Date.now() < deadline) {
        conversation.answer = reply.stream.content;
        conversation.streamId = reply.stream.id;
        await new Promise((r) => setTimeout(r, streamPollMs));
        conversation.refreshes++;
        const next = await sendBot(botStreamRefresh(reply.stream.id, userid, o.chatid));
        problems.push(...next.problems);
        if (next.reply?.msgtype === "stream" && next.reply.stream.id !== reply.stream.id) {
          problems.push("stream refresh answered with another stream id");
        }
        reply = next.reply;
      }
      if (reply?.msgtype === "stream") {
        conversation.answer = reply.stream.content;
        conversation.streamId = reply.stream.id;
        conversation.finished = reply.stream.finish;
      } else if (reply?.msgtype === "text") {
        conversation.answer = reply.text.content;
        conversation.finished = true;
      }
      return conversation;
    },

    async enterChat(userid = "simulated-user") {
      return sendBot(botEnterChat(userid));
    },

    async askApp(question, o = {}) {
      const { keys, agentId, corpId } = requireApp();
      const msgXml = appTextXml({
        text: question,
        userid: o.userid ?? "simulated-user",
        corpId,
        agentId,
        msgid: o.msgid ?? newAppMsgId(),
      });
      const problems: ProtocolProblems = [];
      const deliveries: HttpResult[] = [];
      // The first delivery plus up to 3 retries with the same MsgId, each when the previous one went unanswered.
      for (let attempt = 0; attempt < 4; attempt++) {
        try {
          const http = await send(appCallback(keys, agentId, msgXml), appTimeoutMs);
          deliveries.push(http);
          if (http.status === 200) {
            return { deliveries, replyText: openAppReply(http, problems), problems };
          }
          problems.push(`HTTP ${http.status}`);
        } catch {
          deliveries.push({ status: 0, body: "", ms: appTimeoutMs });
        }
      }
      problems.push("no answer after WeCom's 3 retries");
      return { deliveries, problems };
    },
  };
}

export { newMsgId };
