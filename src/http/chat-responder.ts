// Turns one chat message from any transport into a reply through the runtime, timing it for the metrics.
import { IncomingMessage, type MessageHandler, type Reply } from "../chat/message.js";
import { answerLatency } from "./metrics.js";

export type ChatResponder = (msg: IncomingMessage) => Promise<Reply>;

const tooLong: Reply = { markdown: "问题太长了，请精简到 4000 字以内再问。", kind: "too_long" };

export function createChatResponder(handleMessage: MessageHandler): ChatResponder {
  return async (msg) => {
    const parsed = IncomingMessage.safeParse(msg);
    if (!parsed.success) return tooLong;
    const stop = answerLatency.startTimer({ channel: parsed.data.channel });
    try {
      return await handleMessage(parsed.data);
    } finally {
      stop();
    }
  };
}
