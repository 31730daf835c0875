// Template cards for the long connection: a reply's choices as a button card, and the card it becomes once clicked.
import { randomBytes } from "node:crypto";
import type { TemplateCard } from "@wecom/aibot-node-sdk";
import type { ReplyChoices } from "../../chat/message.js";
import { clip } from "../../progress/format.js";

/** WeCom advises button texts of at most 10 characters; the full wording goes in the card's list above them. */
const BUTTON_CHARS = 10;

/** A task_id unique for the bot (letters, digits, _-@ only, ≤ 128 bytes), to find the card again on a click. */
export function newCardTaskId(): string {
  return `pb-${Date.now().toString(36)}-${randomBytes(6).toString("hex")}`;
}

export function choicesCard(choices: ReplyChoices, taskId: string): TemplateCard {
  return {
    card_type: "button_interaction",
    main_title: { title: clip(choices.title, 26), desc: clip(choices.description, 30) },
    sub_title_text: clip(choices.options.map((o, i) => `${i + 1}. ${o.text}`).join("\n"), 112),
    button_list: choices.options.slice(0, 6).map((o, i) => ({
      text: clip(`${i + 1}. ${o.text}`, BUTTON_CHARS),
      key: o.key,
      // the last option (keep the text) in the quieter style
      style: i === choices.options.length - 1 ? 2 : 1,
    })),
    task_id: taskId,
  };
}

/** The card after a click: what was done, and a single spent button (a second click changes nothing). */
export function resolvedCard(taskId: string, outcome: string): TemplateCard {
  const lines = outcome.split("\n").filter((l) => l.trim() !== "");
  return {
    card_type: "button_interaction",
    main_title: { title: clip(lines[0] ?? "已处理", 26) },
    sub_title_text: clip(lines.slice(1).join("\n"), 112),
    button_list: [{ text: "已处理", key: "done", style: 4 }],
    task_id: taskId,
  };
}
