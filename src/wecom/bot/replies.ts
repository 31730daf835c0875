// The plain-text replies the intelligent bot sends back (before encryption): stream messages and the welcome text.
import { createHash } from "node:crypto";

/** WeCom's limit for a stream message's content, in UTF-8 bytes. */
export const STREAM_CONTENT_MAX_BYTES = 20_480;

export const WAITING_TEXT = "正在查询，请稍候……";
export const EXPIRED_TEXT = "这条消息已过期，请重新提问。";
export const FAILED_TEXT = "抱歉，处理这条消息时出错了，请稍后再试。";
export const EMPTY_QUESTION_TEXT = "请在 @我 之后写上问题，例如：“某项任务由哪个部门牵头？”发送“帮助”查看我能做什么。";
export const UNSUPPORTED_TEXT = "暂时只能回答文字消息，请用文字提问。";
export const WELCOME_TEXT =
  "您好！我是行动方案执行助手。可以问我某项任务由谁牵头、有哪些目标、进展如何；发送“帮助”查看全部用法。";

/** Stream ids are derived from the message id so WeCom's retries of one message see the same stream. */
export function streamIdOf(msgid: string): string {
  return `pb-${createHash("sha256").update(msgid).digest("hex").slice(0, 24)}`;
}

/** A stream's content cut to WeCom's limit (both the callback reply and the long connection's frames use it). */
export function streamContent(text: string): string {
  return fitBytes(text, STREAM_CONTENT_MAX_BYTES);
}

function fitBytes(text: string, max: number): string {
  // Three bytes per UTF-16 unit at most: short texts fit without being measured.
  if (text.length * 3 <= max || Buffer.byteLength(text, "utf8") <= max) return text;
  const bytes = Buffer.from(text, "utf8");
  const note = "\n\n……（内容过长，已截断）";
  // Cut on a character boundary: decoding a cut multi-byte sequence would leave a replacement char at the end.
  let cut = bytes.subarray(0, max - Buffer.byteLength(note)).toString("utf8");
  if (cut.endsWith("\uFFFD")) cut = cut.slice(0, -1);
  return cut + note;
}

export function streamReply(id: string, content: string, finish: boolean): string {
  return JSON.stringify({
    msgtype: "stream",
    stream: { id, finish, content: streamContent(content) },
  });
}

export function textReply(content: string): string {
  return JSON.stringify({ msgtype: "text", text: { content } });
}
