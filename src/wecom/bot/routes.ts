// The intelligent bot's callback URL: GET verifies the URL, POST answers @mentions with an encrypted passive stream reply.
import Router from "@koa/router";
import { changesState } from "../../chat/changes-state.js";
import { within } from "../../http/budget.js";
import type { ChatResponder } from "../../http/chat-responder.js";
import { HttpError } from "../../http/http-error.js";
import { readTextBody } from "../../http/read-body.js";
import type { AppContext, AppState } from "../../http/state.js";
import { answerUrlVerification, openCallback, signedQuery } from "../../http/wecom-callback.js";
import { type CallbackKeys, sealReply } from "../crypto.js";
import type { SeenMessages } from "../seen-messages.js";
import { BotEnvelope, BotMessage, BotOtherMessage } from "./message.js";
import { questionOf } from "./question.js";
import {
  EMPTY_QUESTION_TEXT,
  EXPIRED_TEXT,
  FAILED_TEXT,
  streamIdOf,
  streamReply,
  textReply,
  UNSUPPORTED_TEXT,
  WAITING_TEXT,
  WELCOME_TEXT,
} from "./replies.js";
import type { StreamBook } from "./streams.js";

export const BOT_PATH = "/wecom/bot";

export interface BotRouteDeps {
  /** receiveId must be "" for the intelligent bot */
  keys: CallbackKeys;
  windowS: number;
  seen: SeenMessages;
  streams: StreamBook;
  respond: ChatResponder;
  /** how long to wait for an answer before replying "still working" and letting stream refreshes collect it */
  budgetMs: number;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "malformed JSON", "bad_body");
  }
}

export function botRoutes(deps: BotRouteDeps): Router<AppState> {
  const router = new Router<AppState>();

  router.get(BOT_PATH, (ctx) => answerUrlVerification(ctx, deps.keys, deps.windowS));

  router.post(BOT_PATH, async (ctx) => {
    const query = signedQuery(ctx);
    const envelope = BotEnvelope.safeParse(parseJson(await readTextBody(ctx)));
    if (!envelope.success) throw new HttpError(400, "not a bot callback", "bad_body");
    const plain = openCallback(deps.keys, query, envelope.data.encrypt, deps.windowS);
    const reply = await replyTo(parseJson(plain), ctx);
    if (reply === null) {
      ctx.status = 200;
      ctx.body = "";
      return;
    }
    ctx.type = "application/json";
    ctx.body = sealReply(deps.keys, reply);
  });

  /** The plain reply for one decrypted message, or null for no reply. */
  async function replyTo(raw: unknown, ctx: AppContext): Promise<string | null> {
    const parsed = BotMessage.safeParse(raw);
    if (!parsed.success) {
      if (BotOtherMessage.safeParse(raw).success) return textReply(UNSUPPORTED_TEXT);
      throw new HttpError(400, "malformed bot message", "bad_body");
    }
    const msg = parsed.data;
    ctx.state.log.info({ msgtype: msg.msgtype, chattype: msg.chattype }, "bot message");
    switch (msg.msgtype) {
      case "event":
        return msg.event.eventtype === "enter_chat" ? textReply(WELCOME_TEXT) : null;
      case "stream": {
        const state = deps.streams.state(msg.stream.id);
        if (!state) return streamReply(msg.stream.id, EXPIRED_TEXT, true);
        return state.ready
          ? streamReply(msg.stream.id, state.content, true)
          : streamReply(msg.stream.id, WAITING_TEXT, false);
      }
      case "text":
      case "mixed": {
        const streamId = streamIdOf(msg.msgid);
        const question = questionOf(msg);
        if (!question) return streamReply(streamId, EMPTY_QUESTION_TEXT, true);
        const claim = deps.seen.once(
          "wecom-bot",
          msg.msgid,
          async () => {
            const answer = await deps.respond({
              text: question,
              userid: msg.from.userid,
              chatid: msg.chatid,
              channel: "wecom-bot",
            });
            return answer.markdown;
          },
          { durable: changesState(question) },
        );
        if (claim.kind === "stored") return streamReply(streamId, claim.reply, true);
        if (claim.kind === "elsewhere") return streamReply(streamId, WAITING_TEXT, false);
        if (!claim.first) ctx.state.log.info("duplicate delivery of a message in progress");
        const answer = claim.reply.catch((err: unknown) => {
          ctx.state.log.error({ err }, "answering a bot message failed");
          return FAILED_TEXT;
        });
        const ready = await within(answer, deps.budgetMs);
        if (ready.done) return streamReply(streamId, ready.value, true);
        // Only an unfinished stream is refreshed by WeCom; answers given at once need no keeping.
        deps.streams.track(streamId, answer);
        return streamReply(streamId, WAITING_TEXT, false);
      }
    }
  }

  return router;
}
