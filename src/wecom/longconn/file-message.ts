// A file sent to the bot over the long connection: downloaded and decrypted by the SDK (downloadFile), read as a
// progress table when it is a spreadsheet, and turned into proposed records for the sender to confirm.
import { extname } from "node:path";
import type { WSClient } from "@wecom/aibot-node-sdk";
import { z } from "zod";
import type { FileReports } from "../../chat/file-reports.js";
import type { IncomingMessage, Reply } from "../../chat/message.js";
import { readTableBytes } from "../../progress/table-io.js";

export const FileMessage = z.object({
  msgid: z.string().min(1).max(512),
  chatid: z.string().max(512).optional(),
  from: z.object({ userid: z.string().min(1).max(512) }),
  msgtype: z.literal("file"),
  file: z.object({ url: z.string().min(1).max(4096), aeskey: z.string().max(256).optional() }),
});
export type FileMessage = z.infer<typeof FileMessage>;

export const UNSUPPORTED_FILE_TEXT =
  "暂时只能读取 .xlsx 表格形式的进展报表(Word、PDF 报告的读取尚未接入),请把进展整理成表格后发送,或用文字登记:发送「进展帮助」查看写法。";

/** A monthly progress table is kilobytes; anything far larger is not one, and is not opened. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** What a spreadsheet is named when WeCom's download gives no file name (xlsx files are zip archives: "PK"). */
function nameOf(filename: string | undefined, buffer: Buffer): string {
  if (filename) return filename;
  return buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) ? "报表.xlsx" : "文件";
}

export async function replyToFile(
  client: Pick<WSClient, "downloadFile">,
  fileReports: Pick<FileReports, "propose">,
  msg: FileMessage,
): Promise<Reply> {
  const { buffer, filename } = await client.downloadFile(msg.file.url, msg.file.aeskey);
  const name = nameOf(filename, buffer);
  if (buffer.length > MAX_FILE_BYTES) {
    return { markdown: `「${name}」超过 10 MB,不像一份进展报表,未读取。`, kind: "file_too_large" };
  }
  if (extname(name).toLowerCase() !== ".xlsx") return { markdown: UNSUPPORTED_FILE_TEXT, kind: "file_unsupported" };
  const read = await readTableBytes(buffer, name).catch(() => null);
  if (!read || read.tables.length === 0) {
    return { markdown: `读不出「${name}」中的表格,请确认是 .xlsx 文件。`, kind: "file_unreadable" };
  }
  const sender: IncomingMessage = {
    text: `文件 ${name}`,
    userid: msg.from.userid,
    ...(msg.chatid ? { chatid: msg.chatid } : {}),
    channel: "wecom-bot",
  };
  return fileReports.propose(read.tables, sender, name);
}
