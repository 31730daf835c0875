// Reads a text or Markdown plan: the encoding is detected (UTF-8 with or without BOM, else GB18030/GBK) and reported.
import type { DocumentElement } from "./elements.js";

export interface DecodedText {
  text: string;
  /** what the file turned out to be, said to the person importing it */
  encoding: "utf-8" | "utf-8 (BOM)" | "gb18030";
}

/** UTF-8 is tried strictly first: GB18030 bytes are almost never valid UTF-8, while the reverse is not true. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8 (BOM)" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // GB18030 is a superset of GBK and GB2312, so one decoder reads all three.
    return { text: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030" };
  }
}

const MD_TABLE_ROW = /^\s*\|(.*)\|\s*$/;
const MD_RULE = /^\s*\|?\s*:?-{3,}/;

/** One element a line, each keeping its line number so warnings point at the file as written. */
export function readText(text: string, markdown: boolean): DocumentElement[] {
  const out: DocumentElement[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    if (raw.trim() === "") continue;
    const line = i + 1;
    if (markdown && MD_TABLE_ROW.test(raw)) {
      const rows: string[][] = [];
      for (; i < lines.length && MD_TABLE_ROW.test(lines[i] ?? ""); i++) {
        const row = lines[i] ?? "";
        if (!MD_RULE.test(row.replace(/\|/g, "|").replace(/^\s*\|/, ""))) rows.push(cellsOf(row));
      }
      i--;
      out.push({ type: "Table", rows, line });
      continue;
    }
    const heading = markdown ? /^#{1,6}\s+(.*)$/.exec(raw) : null;
    const item = markdown ? /^\s*[-*+]\s+(.*)$/.exec(raw) : null;
    if (heading?.[1]) out.push({ type: "Title", text: heading[1], line });
    else if (item?.[1]) out.push({ type: "ListItem", text: item[1], line });
    else out.push({ type: "NarrativeText", text: raw, line });
  }
  return out;
}

function cellsOf(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((c) => c.trim());
}
