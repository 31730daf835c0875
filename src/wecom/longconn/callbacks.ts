// What planbot does with each callback frame of the long connection: a text becomes the same IncomingMessage the
// callback bot builds, its Reply goes back as stream frames (the last with finish: true), enter_chat gets the
// welcome; each msgid is handled once, across reconnects and redeliveries (seen-messages).
import type { WSClient, WsFrame } from "@wecom/aibot-node-sdk";
import { z } from "zod";
import { changesState } from "../../chat/changes-state.js";
import { within } from "../../http/budget.js";
import type { ChatResponder } from "../../http/chat-responder.js";
import { failures } from "../../http/metrics.js";
import type { Logger } from "../../log.js";
import { BotMixedMessage, BotTextMessage } from "../bot/message.js";
import { questionOf } from "../bot/question.js";
import {
  EMPTY_QUESTION_TEXT,
  FAILED_TEXT,
  streamContent,
  streamIdOf,
  UNSUPPORTED_TEXT,
  WAITING_TEXT,
  WELCOME_TEXT,
} from "../bot/replies.js";
import type { SeenMessages } from "../seen-messages.js";

/** The part of the SDK's client the callbacks use (the real WSClient in production and in tests). */
export type ReplyClient = Pick<WSClient, "replyStream" | "replyWelcome" | "isConnected">;

export interface LongConnCallbackDeps {
  client: ReplyClient;
  seen: SeenMessages;
  respond: ChatResponder;
  log: Logger;
  /** how long an answer may take before a first "still working" frame goes out (the final one follows) */
  budgetMs: number;
}

/** The same message id space as the callback bot: one bot, whichever way its messages arrive. */
const SEEN_CHANNEL = "wecom-bot";
const SEEN_EVENTS = "wecom-bot-event";

export const ELSEWHERE_TEXT = "这条消息正在处理中，请稍候再看结果。";

const UserMessage = z.union([BotTextMessage, BotMixedMessage]);
const AnyMessage = z.object({ msgid: z.string().min(1).max(512), msgtype: z.string().max(64) });
const EventBody = z.object({
  msgid: z.string().min(1).max(512),
  from: z.object({ userid: z.string().min(1).max(512) }).optional(),
  chatid: z.string().max(512).optional(),
  event: z.object({ eventtype: z.string().max(128) }).loose(),
});

/** An ack timeout is the one failure where the frame may simply have gone unacknowledged: a stream frame is resent. */
const isAckTimeout = (err: unknown) => err instanceof Error && /ack timeout/i.test(err.message);

export function createLongConnCallbacks(deps: LongConnCallbackDeps) {
  const { client, log } = deps;

  /** The final frame; resent once after an ack timeout (same stream id and content, so a duplicate is harmless). */
  async function finish(frame: WsFrame, streamId: string, content: string): Promise<void> {
    const text = streamContent(content);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.replyStream(frame, streamId, text, true);
        return;
      } catch (err) {
        if (attempt < 2 && isAckTimeout(err) && client.isConnected) {
          log.warn({ streamId }, "final stream frame not acknowledged: sending it again");
          continue;
        }
        failures.inc({ kind: "longconn_reply_failed" });
        log.error({ err: describe(err), streamId }, "final stream frame failed");
        return;
      }
    }
  }

  async function onUserMessage(frame: WsFrame): Promise<void> {
    const any = AnyMessage.safeParse(frame.body);
    if (!any.success) {
      failures.inc({ kind: "bad_body" });
      log.warn("long connection: malformed message callback ignored");
      return;
    }
    const streamId = streamIdOf(any.data.msgid);
    const parsed = UserMessage.safeParse(frame.body);
    if (!parsed.success) {
      await finish(frame, streamId, UNSUPPORTED_TEXT);
      return;
    }
    const msg = parsed.data;
    log.info({ msgtype: msg.msgtype, chattype: msg.chattype, chatid: msg.chatid }, "bot message (long connection)");
    const question = questionOf(msg);
    if (!question) {
      await finish(frame, streamId, EMPTY_QUESTION_TEXT);
      return;
    }
    const claim = deps.seen.once(
      SEEN_CHANNEL,
      msg.msgid,
      async (commit) => {
        const answer = await deps.respond(
          { text: question, userid: msg.from.userid, chatid: msg.chatid, channel: "wecom-bot" },
          commit ? { commit: (reply) => commit(reply.markdown) } : {},
        );
        return answer.markdown;
      },
      { durable: changesState(question) },
    );
    if (claim.kind === "stored") return finish(frame, streamId, claim.reply);
    if (claim.kind === "elsewhere") return finish(frame, streamId, ELSEWHERE_TEXT);
    if (!claim.first) log.info("redelivery of a message in progress");
    const answer = claim.reply.catch((err: unknown) => {
      log.error({ err }, "answering a bot message failed");
      return FAILED_TEXT;
    });
    const ready = await within(answer, deps.budgetMs);
    if (!ready.done) {
      // The user sees that planbot is at work; the frame's failure is not worth more than a log line.
      await client.replyStream(frame, streamId, WAITING_TEXT, false).catch((err: unknown) => {
        log.warn({ err: describe(err) }, "interim stream frame failed");
      });
    }
    await finish(frame, streamId, ready.done ? ready.value : await answer);
  }

  async function onEvent(frame: WsFrame): Promise<void> {
    const parsed = EventBody.safeParse(frame.body);
    if (!parsed.success) {
      failures.inc({ kind: "bad_body" });
      log.warn("long connection: malformed event callback ignored");
      return;
    }
    const { event, msgid } = parsed.data;
    log.info({ eventtype: event.eventtype }, "bot event (long connection)");
    if (event.eventtype !== "enter_chat") return;
    // One welcome per event, even when the event is delivered again after a reconnect.
    const claim = deps.seen.once(SEEN_EVENTS, msgid, async () => "welcomed");
    if (claim.kind !== "running" || !claim.first) return;
    await claim.reply;
    await client.replyWelcome(frame, { msgtype: "text", text: { content: WELCOME_TEXT } }).catch((err: unknown) => {
      failures.inc({ kind: "longconn_reply_failed" });
      log.error({ err: describe(err) }, "welcome failed");
    });
  }

  return { onUserMessage, onEvent };
}

/** The SDK rejects with an Error or with the acknowledgement frame itself ({ errcode, errmsg }). */
export function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  const ack = z.object({ errcode: z.number(), errmsg: z.string().optional() }).safeParse(err);
  return ack.success ? `errcode ${ack.data.errcode} ${ack.data.errmsg ?? ""}`.trim() : String(err);
}
