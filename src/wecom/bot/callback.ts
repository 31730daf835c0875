// One intelligent-bot callback, from signed query and body to the encrypted reply, in two halves: verifying
// (signature, timestamp) and answering (decrypt, dedupe, answer, seal). No Koa, so that it runs on the HTTP server's
// event loop or in the bot's worker thread (bot/bot-worker.ts) alike.
import { changesState } from "../../chat/changes-state.js";
import { within } from "../../http/budget.js";
import type { ChatResponder } from "../../http/chat-responder.js";
import { HttpError } from "../../http/http-error.js";
import type { AppState } from "../../http/state.js";
import { openCiphertextOrRefuse, verifyOrRefuse } from "../../http/wecom-callback.js";
import { logger } from "../../log.js";
import { type CallbackKeys, type SignedQuery, sealReply } from "../crypto.js";
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
import type { StreamBook, StreamState } from "./streams.js";

/** The seen-ids channel bot streams are recorded under, by stream id. */
const STREAM_CHANNEL = "wecom-bot-stream";
/** WeCom refreshes a stream for six minutes; an answer another process stores later than that is no longer shown. */
const STREAM_WAIT_MS = 6 * 60_000;

export interface BotAnswererDeps {
  /** receiveId must be "" for the intelligent bot */
  keys: CallbackKeys;
  seen: SeenMessages;
  streams: StreamBook;
  respond: ChatResponder;
  /** how long to wait for an answer before replying "still working" and letting stream refreshes collect it */
  budgetMs: number;
}

export interface BotCallbackDeps extends BotAnswererDeps {
  windowS: number;
}

/** What to answer over HTTP: the sealed reply (JSON text), an empty 200, or a refusal. */
export type BotCallbackOutcome =
  | { status: 200; json: string | null }
  | { status: number; error: string; kind?: string | undefined };

/** `request` is the HTTP request's id and logger (AppState), or the same rebuilt in the bot worker. */
export type BotCallback = (query: SignedQuery, body: string, request: AppState) => Promise<BotCallbackOutcome>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "malformed JSON", "bad_body");
  }
}

/** A callback whose signature and timestamp are verified: its ciphertext, still to decrypt. */
export interface VerifiedCallback {
  ciphertext: string;
}

/** The second half of a callback: a verified message decrypted and answered, the reply sealed. */
export type BotAnswerer = (verified: VerifiedCallback, request: Pick<AppState, "log">) => Promise<BotCallbackOutcome>;

function createBotAnswerer(deps: BotAnswererDeps): BotAnswerer {
  /** The plain reply for one decrypted message, or null for no reply. */
  // `request.log` is read only when a line is written: it is made on first use, and a child logger costs more than
  // many answers.
  async function replyTo(raw: unknown, request: Pick<AppState, "log">): Promise<string | null> {
    const parsed = BotMessage.safeParse(raw);
    if (!parsed.success) {
      if (BotOtherMessage.safeParse(raw).success) return textReply(UNSUPPORTED_TEXT);
      throw new HttpError(400, "malformed bot message", "bad_body");
    }
    const msg = parsed.data;
    // The chatid is logged so that an operator can give a group its plan in the chats file.
    if (logger.isLevelEnabled("info"))
      request.log.info({ msgtype: msg.msgtype, chattype: msg.chattype, chatid: msg.chatid }, "bot message");
    switch (msg.msgtype) {
      case "event":
        return msg.event.eventtype === "enter_chat" ? textReply(WELCOME_TEXT) : null;
      case "stream": {
        const state = deps.streams.state(msg.stream.id) ?? sharedStreamState(msg.stream.id);
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
          async (commit) => {
            const answer = await deps.respond(
              { text: question, userid: msg.from.userid, chatid: msg.chatid, channel: "wecom-bot" },
              // what the table keeps for a bot message is the reply's markdown
              commit ? { commit: (reply) => commit(reply.markdown) } : {},
            );
            return answer.markdown;
          },
          { durable: changesState(question) },
        );
        if (claim.kind === "stored") return streamReply(streamId, claim.reply, true);
        if (claim.kind === "elsewhere") {
          // Another process (replica) holds the message: its answer reaches the table, and this stream shows it.
          trackShared(streamId, waitForStoredReply(msg.msgid));
          return streamReply(streamId, WAITING_TEXT, false);
        }
        if (!claim.first) request.log.info("duplicate delivery of a message in progress");
        const answer = claim.reply.catch((err: unknown) => {
          request.log.error({ err }, "answering a bot message failed");
          return FAILED_TEXT;
        });
        const ready = await within(answer, deps.budgetMs);
        if (ready.done) return streamReply(streamId, ready.value, true);
        // Only an unfinished stream is refreshed by WeCom; answers given at once need no keeping.
        trackShared(streamId, answer);
        return streamReply(streamId, WAITING_TEXT, false);
      }
    }
  }

  /**
   * A stream kept here and recorded in the seen-ids table under its stream id ("" while unfinished), so that WeCom's
   * refreshes may reach any process sharing the database (replicas on PostgreSQL) and still collect the answer.
   */
  function trackShared(streamId: string, answer: Promise<string>): void {
    deps.streams.track(streamId, answer);
    deps.seen.record(STREAM_CHANNEL, streamId, "");
    answer.then(
      (content) => deps.seen.record(STREAM_CHANNEL, streamId, content),
      () => {},
    );
  }

  /** A stream another process started: unfinished while its entry is empty, unknown without one. */
  function sharedStreamState(streamId: string): StreamState | undefined {
    const stored = deps.seen.peek(STREAM_CHANNEL, streamId);
    if (stored === undefined) return undefined;
    return stored === "" ? { ready: false } : { ready: true, content: stored };
  }

  /** The reply another process stores for `msgid`, looked for every half second while WeCom may still refresh. */
  async function waitForStoredReply(msgid: string): Promise<string> {
    for (let waited = 0; waited < STREAM_WAIT_MS; waited += 500) {
      const stored = deps.seen.peek("wecom-bot", msgid);
      if (stored !== undefined) return stored;
      await new Promise((resolve) => setTimeout(resolve, 500).unref());
    }
    throw new Error("the process answering this message did not store its answer");
  }

  return async ({ ciphertext }, request) => {
    try {
      const plain = openCiphertextOrRefuse(deps.keys, ciphertext);
      const reply = await replyTo(parseJson(plain), request);
      return { status: 200, json: reply === null ? null : JSON.stringify(sealReply(deps.keys, reply)) };
    } catch (err) {
      if (err instanceof HttpError) return { status: err.status, error: err.message, kind: err.kind };
      throw err;
    }
  };
}

/** The first half of a callback: the envelope read and its signature and timestamp checked (a refusal as an outcome). */
function verifyBotCallback(
  keys: CallbackKeys,
  windowS: number,
  query: SignedQuery,
  body: string,
): VerifiedCallback | BotCallbackOutcome {
  try {
    const envelope = BotEnvelope.safeParse(parseJson(body));
    if (!envelope.success) throw new HttpError(400, "not a bot callback", "bad_body");
    verifyOrRefuse(keys, query, envelope.data.encrypt, windowS);
    return { ciphertext: envelope.data.encrypt };
  } catch (err) {
    if (err instanceof HttpError) return { status: err.status, error: err.message, kind: err.kind };
    throw err;
  }
}

/** Both halves on one thread: verified, then answered. */
export function createBotCallback(deps: BotCallbackDeps): BotCallback {
  const answer = createBotAnswerer(deps);
  return async (query, body, request) => {
    const verified = verifyBotCallback(deps.keys, deps.windowS, query, body);
    return "ciphertext" in verified ? answer(verified, request) : verified;
  };
}
