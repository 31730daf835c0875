// Turns one chat message from any transport into a reply through the runtime, timing it for the metrics.
import {
  type HandleOptions,
  IncomingMessage,
  MAX_MESSAGE_CHARS,
  type MessageHandler,
  type Reply,
} from "../chat/message.js";
import { answerLatency } from "./metrics.js";

export type ChatResponder = (msg: IncomingMessage, options?: HandleOptions) => Promise<Reply>;

const tooLong: Reply = { markdown: `问题太长了，请精简到 ${MAX_MESSAGE_CHARS} 字以内再问。`, kind: "too_long" };

/** Where an answer's duration goes: this thread's metrics, or (from the bot's worker) the server's. */
export type AnswerTimer = (channel: string, seconds: number) => void;

const observeHere: AnswerTimer = (channel, seconds) => answerLatency().observe({ channel }, seconds);

export function createChatResponder(handleMessage: MessageHandler, onAnswered = observeHere): ChatResponder {
  return async (msg, options) => {
    const parsed = IncomingMessage.safeParse(msg);
    if (!parsed.success) return tooLong;
    const started = performance.now();
    try {
      return await handleMessage(parsed.data, options);
    } finally {
      onAnswered(parsed.data.channel, (performance.now() - started) / 1000);
    }
  };
}
