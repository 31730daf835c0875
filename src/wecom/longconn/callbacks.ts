// What planbot does with each callback frame of the long connection: a text becomes the same IncomingMessage the
// callback bot builds, its Reply goes back as stream frames (the last with finish: true), enter_chat gets the
// welcome; each msgid is handled once, across reconnects and redeliveries (seen-messages).
import type { WSClient, WsFrame } from "@wecom/aibot-node-sdk";
import { z } from "zod";
import { changesState } from "../../chat/changes-state.js";
import type { FileReports } from "../../chat/file-reports.js";
import type { HandleOptions, IncomingMessage, Reply, ReplyChoices } from "../../chat/message.js";
import { within } from "../../http/budget.js";
import type { ChatResponder } from "../../http/chat-responder.js";
import { failures } from "../../http/metrics.js";
import type { Logger } from "../../log.js";
import type { BotFeedback, FeedbackRating } from "../../store/bot-feedback.js";
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
import { trimOldest } from "../trim-oldest.js";
import { choicesCard, newCardTaskId, resolvedCard } from "./cards.js";
import { FileMessage, replyToFile } from "./file-message.js";

/** The part of the SDK's client the callbacks use (the real WSClient in production and in tests). */
export type ReplyClient = Pick<
  WSClient,
  "replyStream" | "replyStreamWithCard" | "replyWelcome" | "updateTemplateCard" | "downloadFile" | "isConnected"
>;

export interface LongConnCallbackDeps {
  client: ReplyClient;
  seen: SeenMessages;
  respond: ChatResponder;
  log: Logger;
  /** how long an answer may take before a first "still working" frame goes out (the final one follows) */
  budgetMs: number;
  /** a click on a card's button (Runtime.chooseProgress); without it, cards are not offered */
  choose?: (msg: IncomingMessage, key: string, options?: HandleOptions) => Promise<Reply>;
  /** where 👍/👎 go; without it, answers carry no feedback id */
  feedback?: BotFeedback;
  /** spreadsheets sent to the bot become proposed records (needs `choose` for the confirmation) */
  fileReports?: Pick<FileReports, "propose">;
}

/** Answers remembered for their feedback (question and reply); older ones are stored without them. */
const REMEMBERED_ANSWERS = 5_000;

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

/**
 * A click on a card: WeCom's event format nests the details under the event type's own name
 * (event.template_card_event.event_key, doc path 101027); the SDK's types show them on the event itself. Both read.
 */
const CardClick = z.object({ event_key: z.string().min(1).max(1024), task_id: z.string().min(1).max(128) });
const CardEvent = z.union([
  z.object({ template_card_event: CardClick }).transform((e) => e.template_card_event),
  CardClick,
]);

/** 👍/👎 on an answer: the feedback id the answer carried, 1 = accurate, 2 = inaccurate, 3 = withdrawn. */
const FeedbackEvent = z.object({
  feedback_event: z.object({
    id: z.string().min(1).max(256),
    type: z.number().int(),
    content: z.string().max(2000).optional(),
    inaccurate_reason_list: z.array(z.number().int()).max(20).optional(),
  }),
});
const RATINGS: Record<number, FeedbackRating> = { 1: "like", 2: "dislike", 3: "cancel" };

/** An ack timeout is the one failure where the frame may simply have gone unacknowledged: a stream frame is resent. */
const isAckTimeout = (err: unknown) => err instanceof Error && /ack timeout/i.test(err.message);

export function createLongConnCallbacks(deps: LongConnCallbackDeps) {
  const { client, log } = deps;
  /** feedback id → the question and reply it is about */
  const answered = new Map<string, { question: string; reply: string }>();

  interface FinalFrame {
    /** the feedback id, on the stream's first frame only */
    feedbackId?: string;
    choices?: ReplyChoices;
  }

  /** The final frame; resent once after an ack timeout (same stream id and content, so a duplicate is harmless). */
  async function finish(frame: WsFrame, streamId: string, content: string, extra: FinalFrame = {}): Promise<void> {
    const text = streamContent(content);
    const feedback = extra.feedbackId ? { id: extra.feedbackId } : undefined;
    const card = extra.choices && deps.choose ? choicesCard(extra.choices, newCardTaskId()) : undefined;
    for (let attempt = 1; ; attempt += 1) {
      try {
        if (card) {
          await client.replyStreamWithCard(frame, streamId, text, true, {
            templateCard: card,
            ...(feedback ? { streamFeedback: feedback } : {}),
          });
        } else {
          await client.replyStream(frame, streamId, text, true, undefined, feedback);
        }
        return;
      } catch (err) {
        if (attempt < 2 && isAckTimeout(err) && client.isConnected) {
          log.warn({ streamId }, "final stream frame not acknowledged: sending it again");
          continue;
        }
        failures().inc({ kind: "longconn_reply_failed" });
        log.error({ err: describe(err), streamId }, "final stream frame failed");
        return;
      }
    }
  }

  async function onUserMessage(frame: WsFrame): Promise<void> {
    const any = AnyMessage.safeParse(frame.body);
    if (!any.success) {
      failures().inc({ kind: "bad_body" });
      log.warn("long connection: malformed message callback ignored");
      return;
    }
    const streamId = streamIdOf(any.data.msgid);
    const file = FileMessage.safeParse(frame.body);
    if (file.success && deps.fileReports && deps.choose) return onFile(frame, streamId, file.data, deps.fileReports);
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
    /** the reply's choices, kept beside its markdown for this delivery's card (a redelivery gets the text) */
    let choices: ReplyChoices | undefined;
    const claim = deps.seen.once(
      SEEN_CHANNEL,
      msg.msgid,
      async (commit) => {
        const answer = await deps.respond(
          { text: question, userid: msg.from.userid, chatid: msg.chatid, channel: "wecom-bot" },
          commit ? { commit: (reply) => commit(reply.markdown) } : {},
        );
        choices = answer.choices;
        return answer.markdown;
      },
      { durable: changesState(question) },
    );
    if (claim.kind === "stored") return finish(frame, streamId, claim.reply);
    if (claim.kind === "elsewhere") return finish(frame, streamId, ELSEWHERE_TEXT);
    if (!claim.first) log.info("redelivery of a message in progress");
    // The stream id doubles as the feedback id: one per message, the same on every delivery of it.
    const feedbackId = deps.feedback ? streamId : undefined;
    const answer = claim.reply.catch((err: unknown) => {
      log.error({ err }, "answering a bot message failed");
      return FAILED_TEXT;
    });
    const ready = await within(answer, deps.budgetMs);
    if (!ready.done) {
      // The user sees that planbot is at work; the frame's failure is not worth more than a log line.
      const feedback = feedbackId ? { id: feedbackId } : undefined;
      await client.replyStream(frame, streamId, WAITING_TEXT, false, undefined, feedback).catch((err: unknown) => {
        log.warn({ err: describe(err) }, "interim stream frame failed");
      });
    }
    const reply = ready.done ? ready.value : await answer;
    if (feedbackId) {
      answered.set(feedbackId, { question, reply });
      trimOldest(answered, REMEMBERED_ANSWERS);
    }
    await finish(frame, streamId, reply, {
      ...(feedbackId && ready.done ? { feedbackId } : {}),
      ...(choices && claim.first ? { choices } : {}),
    });
  }

  /** A file: read and proposed once per msgid (nothing is recorded until the sender confirms on the card). */
  async function onFile(
    frame: WsFrame,
    streamId: string,
    msg: FileMessage,
    fileReports: Pick<FileReports, "propose">,
  ): Promise<void> {
    log.info({ chattype: msg.chatid ? "group" : "single" }, "bot file (long connection)");
    let choices: ReplyChoices | undefined;
    const claim = deps.seen.once(SEEN_CHANNEL, msg.msgid, async () => {
      const reply = await replyToFile(client, fileReports, msg);
      choices = reply.choices;
      return reply.markdown;
    });
    if (claim.kind === "stored") return finish(frame, streamId, claim.reply);
    if (claim.kind === "elsewhere" || !claim.first) return finish(frame, streamId, ELSEWHERE_TEXT);
    const text = await claim.reply.catch((err: unknown) => {
      log.error({ err: describe(err) }, "reading a file failed");
      return FAILED_TEXT;
    });
    await finish(frame, streamId, text, choices ? { choices } : {});
  }

  async function onEvent(frame: WsFrame): Promise<void> {
    const parsed = EventBody.safeParse(frame.body);
    if (!parsed.success) {
      failures().inc({ kind: "bad_body" });
      log.warn("long connection: malformed event callback ignored");
      return;
    }
    const { event, msgid } = parsed.data;
    log.info({ eventtype: event.eventtype }, "bot event (long connection)");
    if (event.eventtype === "template_card_event") return onCardClick(frame, parsed.data);
    if (event.eventtype === "feedback_event") return onFeedback(parsed.data);
    if (event.eventtype !== "enter_chat") return;
    // One welcome per event, even when the event is delivered again after a reconnect.
    const claim = deps.seen.once(SEEN_EVENTS, msgid, async () => "welcomed");
    if (claim.kind !== "running" || !claim.first) return;
    await claim.reply;
    await client.replyWelcome(frame, { msgtype: "text", text: { content: WELCOME_TEXT } }).catch((err: unknown) => {
      failures().inc({ kind: "longconn_reply_failed" });
      log.error({ err: describe(err) }, "welcome failed");
    });
  }

  /**
   * A button clicked: the choice runs under the clicker's rights, once per event (durable: it may record progress),
   * and the card is replaced by what was done (aibot_respond_update_msg, within WeCom's 5 s).
   */
  async function onCardClick(frame: WsFrame, body: z.infer<typeof EventBody>): Promise<void> {
    const click = CardEvent.safeParse(body.event);
    if (!click.success || !deps.choose || !body.from) {
      log.warn("long connection: card click without key, task or sender ignored");
      return;
    }
    const { event_key: key, task_id: taskId } = click.data;
    if (key === "done") return;
    const choose = deps.choose;
    const msg: IncomingMessage = {
      text: `选择 ${key}`,
      userid: body.from.userid,
      ...(body.chatid ? { chatid: body.chatid } : {}),
      channel: "wecom-bot",
    };
    const claim = deps.seen.once(
      SEEN_EVENTS,
      body.msgid,
      async (commit) => (await choose(msg, key, commit ? { commit: (reply) => commit(reply.markdown) } : {})).markdown,
      { durable: true },
    );
    if (claim.kind === "elsewhere" || (claim.kind === "running" && !claim.first)) return;
    const outcome = claim.kind === "stored" ? claim.reply : await claim.reply.catch(() => FAILED_TEXT);
    await client.updateTemplateCard(frame, resolvedCard(taskId, outcome), [body.from.userid]).catch((err: unknown) => {
      failures().inc({ kind: "longconn_reply_failed" });
      log.error({ err: describe(err) }, "card update failed");
    });
  }

  function onFeedback(body: z.infer<typeof EventBody>): void {
    const parsed = FeedbackEvent.safeParse(body.event);
    const rating = parsed.success ? RATINGS[parsed.data.feedback_event.type] : undefined;
    if (!parsed.success || !rating || !deps.feedback || !body.from) {
      log.warn("long connection: feedback event not understood, ignored");
      return;
    }
    const fb = parsed.data.feedback_event;
    const about = answered.get(fb.id);
    deps.feedback.record({
      feedbackId: fb.id,
      userid: body.from.userid,
      chatid: body.chatid ?? null,
      rating,
      comment: fb.content ?? null,
      reasons: fb.inaccurate_reason_list ? JSON.stringify(fb.inaccurate_reason_list) : null,
      question: about?.question ?? null,
      reply: about?.reply ?? null,
      at: new Date().toISOString(),
    });
    log.info({ rating }, "bot feedback stored");
  }

  return { onUserMessage, onEvent };
}

/** The SDK rejects with an Error or with the acknowledgement frame itself ({ errcode, errmsg }). */
export function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  const ack = z.object({ errcode: z.number(), errmsg: z.string().optional() }).safeParse(err);
  return ack.success ? `errcode ${ack.data.errcode} ${ack.data.errmsg ?? ""}`.trim() : String(err);
}
