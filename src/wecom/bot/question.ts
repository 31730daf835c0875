// The question a bot message asks: text (or the text parts of a mixed message) with the @mentions of the bot removed.
import type { BotMessage } from "./message.js";

// WeCom writes a mention as "@name" followed by a space or U+2005 (four-per-em space).
const leadingMentions = /^(?:\s*@[^\s\u2005]+[\s\u2005]*)+/u;
const mentionMidText = /@[^\s\u2005]+\u2005/gu;

export function stripMentions(text: string): string {
  return text.replace(leadingMentions, "").replace(mentionMidText, "").trim();
}

export function questionOf(msg: Extract<BotMessage, { msgtype: "text" | "mixed" }>): string {
  const raw =
    msg.msgtype === "text"
      ? msg.text.content
      : msg.mixed.msg_item
          .map((item) => (item.msgtype === "text" ? (item.text?.content ?? "") : ""))
          .filter((t) => t !== "")
          .join("\n");
  return stripMentions(raw);
}
