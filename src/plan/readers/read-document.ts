// Picks the reader for a plan file by its extension: .docx, .pdf, .html/.htm, .txt/.md.
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { readDocx } from "./docx.js";
import type { ReadDocument } from "./elements.js";
import { readHtml } from "./html.js";
import { readPdf } from "./pdf.js";
import { decodeText, readText } from "./text.js";

export const PLAN_EXTENSIONS = [".docx", ".pdf", ".html", ".htm", ".txt", ".md"];

export async function readDocument(path: string): Promise<ReadDocument> {
  const bytes = new Uint8Array(readFileSync(path));
  const ext = extname(path).toLowerCase();
  if (ext === ".docx") return { format: "docx", elements: await readDocx(bytes) };
  if (ext === ".pdf") {
    const elements = await readPdf(bytes);
    if (!elements.some((e) => e.type !== "PageBreak" && e.type !== "PageNumber"))
      throw new Error(`${path}: PDF 中没有可提取的文字(可能是扫描件):请取得文字版 PDF、Word 或网页版再导入`);
    return { format: "pdf", elements };
  }
  if (ext === ".html" || ext === ".htm") {
    // A saved page says its charset; older government sites still serve GBK, which the meta tag names.
    const { text, encoding } = decodeText(bytes);
    return { format: "html", encoding, elements: readHtml(text) };
  }
  if (ext === ".txt" || ext === ".md" || ext === "") {
    const { text, encoding } = decodeText(bytes);
    return { format: "text", encoding, elements: readText(text, ext === ".md") };
  }
  throw new Error(`${path}: 不支持的文件类型“${ext}”(可导入 ${PLAN_EXTENSIONS.join(" ")})`);
}
