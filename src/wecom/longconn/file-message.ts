// A file sent to the bot over the long connection: downloaded and decrypted by the SDK (downloadFile), read as
// progress tables (a spreadsheet's sheets, or the tables of a Word or PDF report), and turned into proposed records
// for the sender to confirm.
import { extname } from "node:path";
import type { WSClient } from "@wecom/aibot-node-sdk";
import { z } from "zod";
import type { FileReports } from "../../chat/file-reports.js";
import type { IncomingMessage, Reply } from "../../chat/message.js";
import type { Table } from "../../progress/table-io.js";

export const FileMessage = z.object({
  msgid: z.string().min(1).max(512),
  chatid: z.string().max(512).optional(),
  from: z.object({ userid: z.string().min(1).max(512) }),
  msgtype: z.literal("file"),
  file: z.object({ url: z.string().min(1).max(4096), aeskey: z.string().max(256).optional() }),
});
export type FileMessage = z.infer<typeof FileMessage>;

export const UNSUPPORTED_FILE_TEXT =
  "能读取的进展报表是 .xlsx 表格,或含进展表格(任务/指标/完成值/进展情况等表头)的 .docx、.pdf 报告;也可用文字登记:发送「进展帮助」查看写法。";

// The document readers (mammoth, pdf.js, parse5) are loaded on the first file sent, not at every start.
const documentTables = async () => (await import("../../progress/sheets/document-tables.js")).documentTables;
const READERS: Record<string, (bytes: Buffer, name: string) => Promise<Table[]>> = {
  ".xlsx": async (bytes, name) =>
    (await (await import("../../progress/table-io.js")).readTableBytes(bytes, name)).tables,
  ".docx": async (bytes) =>
    (await documentTables())(await (await import("../../plan/readers/docx.js")).readDocx(bytes)),
  ".pdf": async (bytes) => (await documentTables())(await (await import("../../plan/readers/pdf.js")).readPdf(bytes)),
};

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
  const read = READERS[extname(name).toLowerCase()];
  if (!read) return { markdown: UNSUPPORTED_FILE_TEXT, kind: "file_unsupported" };
  const tables = await read(buffer, name).catch(() => null);
  if (!tables) return { markdown: `读不出「${name}」,请确认文件完好、格式与扩展名一致。`, kind: "file_unreadable" };
  if (tables.length === 0) {
    return {
      markdown: `「${name}」中没有找到进展表格(需有 任务、指标、完成值、进展情况 等表头)。${UNSUPPORTED_FILE_TEXT}`,
      kind: "file_unreadable",
    };
  }
  const sender: IncomingMessage = {
    text: `文件 ${name}`,
    userid: msg.from.userid,
    ...(msg.chatid ? { chatid: msg.chatid } : {}),
    channel: "wecom-bot",
  };
  return fileReports.propose(tables, sender, name);
}
