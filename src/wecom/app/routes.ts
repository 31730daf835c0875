// The self-built app's callback URL: GET verifies the URL, POST answers with an encrypted passive XML reply,
// or, when the answer is slow or long, with an empty 200 and an active send.
import Router from "@koa/router";
import { z } from "zod";
import { changesState } from "../../chat/changes-state.js";
import { within } from "../../http/budget.js";
import type { ChatResponder } from "../../http/chat-responder.js";
import { HttpError } from "../../http/http-error.js";
import { failures } from "../../http/metrics.js";
import { readTextBody } from "../../http/read-body.js";
import type { AppContext, AppState } from "../../http/state.js";
import { answerUrlVerification, openCallback, signedQuery } from "../../http/wecom-callback.js";
import type { Logger } from "../../log.js";
import { type CallbackKeys, nowSeconds, sealReply } from "../crypto.js";
import type { SeenMessages } from "../seen-messages.js";
import type { AppAnswerOutbox } from "./answer-outbox.js";
import { cutToPassiveText, fitsPassiveText, markdownToPlain } from "./plain-text.js";
import { AppEnvelope, AppMessage, envelopeXml, parseXml, passiveTextXml } from "./xml.js";

export const APP_PATH = "/wecom/app";

const FAILED_TEXT = "抱歉，处理这条消息时出错了，请稍后再试。";
const UNSUPPORTED_TEXT = "暂时只能回答文字消息，请用文字提问。";

export interface AppRouteDeps {
  /** receiveId is the corp id */
  keys: CallbackKeys;
  windowS: number;
  seen: SeenMessages;
  respond: ChatResponder;
  /** WeCom gives up after 5 s; answer passively only within this budget */
  budgetMs: number;
  /** where slow or long answers go to be sent actively; absent: the route always waits for the answer */
  answers?: AppAnswerOutbox;
}

/** What is remembered per MsgId: the answer and how it was delivered. */
const Outcome = z.object({ markdown: z.string(), delivery: z.enum(["passive", "active"]) });
type Outcome = z.infer<typeof Outcome>;

export function appRoutes(deps: AppRouteDeps): Router<AppState> {
  const router = new Router<AppState>();
  /** message ids whose answer goes (or went) out actively: their retries must stay silent */
  const goingActive = new Set<string>();

  router.get(APP_PATH, (ctx) => answerUrlVerification(ctx, deps.keys, deps.windowS));

  router.post(APP_PATH, async (ctx) => {
    const query = signedQuery(ctx);
    const envelope = AppEnvelope.safeParse(parseXml(await readTextBody(ctx)));
    if (!envelope.success) throw new HttpError(400, "not an app callback", "bad_body");
    const plain = openCallback(deps.keys, query, envelope.data.xml.Encrypt, deps.windowS);
    const parsed = AppMessage.safeParse(parseXml(plain));
    if (!parsed.success) throw new HttpError(400, "malformed app message", "bad_body");
    const reply = await replyTo(parsed.data.xml, ctx);
    if (reply === null) {
      ctx.status = 200;
      ctx.body = "";
      return;
    }
    const xml = passiveTextXml(parsed.data.xml.FromUserName, deps.keys.receiveId, reply, nowSeconds());
    ctx.type = "application/xml";
    ctx.body = envelopeXml(sealReply(deps.keys, xml));
  });

  /** Plain text to reply passively, or null for an empty 200. */
  async function replyTo(msg: AppMessage, ctx: AppContext): Promise<string | null> {
    ctx.state.log.info({ msgtype: msg.MsgType }, "app message");
    if (msg.MsgType === "event") return null;
    if (msg.MsgType !== "text") return UNSUPPORTED_TEXT;
    const question = (msg.Content ?? "").trim();
    if (!question) return null;
    // WeCom always sends MsgId with text; without one there is nothing to dedupe on, so make each delivery distinct.
    const msgid = msg.MsgId || `${msg.FromUserName}:${msg.CreateTime}`;
    const claim = deps.seen.once(
      "wecom-app",
      msgid,
      async (commit) => {
        const stored = (markdown: string) => JSON.stringify({ markdown, delivery: "passive" } satisfies Outcome);
        const answer = await deps.respond(
          { text: question, userid: msg.FromUserName, channel: "wecom-app" },
          commit ? { commit: (reply) => commit(stored(reply.markdown)) } : {},
        );
        return stored(answer.markdown);
      },
      { durable: changesState(question) },
    );
    if (goingActive.has(msgid)) return null;
    if (claim.kind === "elsewhere") return null;
    if (claim.kind === "stored") {
      const outcome = Outcome.safeParse(JSON.parse(claim.reply));
      return outcome.success && outcome.data.delivery === "passive" ? passiveText(outcome.data.markdown) : null;
    }
    const answer = claim.reply.then((r) => Outcome.parse(JSON.parse(r)));
    if (!deps.answers) {
      const outcome = await answer.catch(() => undefined);
      return outcome ? passiveText(outcome.markdown) : FAILED_TEXT;
    }
    const ready = await within(
      answer.catch(() => undefined),
      deps.budgetMs,
    );
    if (goingActive.has(msgid)) return null; // another delivery decided while we waited
    if (ready.done) {
      if (!ready.value) return FAILED_TEXT;
      const text = markdownToPlain(ready.value.markdown);
      if (fitsPassiveText(text)) return text;
    }
    goingActive.add(msgid);
    sendActively(deps.answers, msg.FromUserName, msgid, answer, ctx.state.log);
    return null;
  }

  /** Hands the answer to the outbox, which sends and retries it; from then on it is durable and WeCom's retries stay silent. */
  function sendActively(
    answers: AppAnswerOutbox,
    touser: string,
    msgid: string,
    answer: Promise<Outcome>,
    log: Logger,
  ): void {
    answer
      .then((outcome) => {
        answers.enqueue(touser, msgid, outcome.markdown);
        deps.seen.record("wecom-app", msgid, JSON.stringify({ ...outcome, delivery: "active" } satisfies Outcome));
        log.info("app answer queued for an active send");
      })
      .catch((err: unknown) => {
        failures().inc({ kind: "app_active_send" });
        log.error({ err }, "an app answer could not be queued for an active send");
      })
      .finally(() => {
        // Keep retries silent for a while longer than WeCom's retry window (3 retries, 5 s apart).
        setTimeout(() => goingActive.delete(msgid), 60_000).unref();
      });
  }

  return router;
}

function passiveText(markdown: string): string {
  return cutToPassiveText(markdownToPlain(markdown));
}
