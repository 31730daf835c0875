// Reads a Word (.docx) plan: mammoth turns it into HTML, and the HTML reader turns that into elements.
import mammoth from "mammoth";
import type { DocumentElement } from "./elements.js";
import { readHtml } from "./html.js";

/** Word's running headers, footers and page-number fields are not part of the body mammoth converts. */
export async function readDocx(bytes: Uint8Array): Promise<DocumentElement[]> {
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  return readHtml(value);
}
