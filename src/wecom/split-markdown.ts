// Splits markdown into parts that each fit WeCom's message size limit (bytes of UTF-8), cutting only between lines.

/** WeCom's limit for a markdown message's content, in UTF-8 bytes (group robot and app messages). */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;

const encoder = new TextEncoder();
const byteLength = (s: string): number => encoder.encode(s).length;

/**
 * Returns parts of at most `maxBytes` UTF-8 bytes each, joined from whole lines.
 * Only a single line longer than the limit is cut, and then between characters, never inside one.
 * Blank lines at a part's start or end are dropped: they would be wasted bytes in a chat.
 */
export function splitMarkdown(markdown: string, maxBytes = WECOM_MARKDOWN_MAX_BYTES): string[] {
  if (maxBytes < 4) throw new Error("maxBytes must leave room for one character");
  const parts: string[] = [];
  let current: string[] = [];
  let currentBytes = 0;
  const flush = () => {
    const text = trimBlankLines(current.join("\n"));
    if (text.trim() !== "") parts.push(text);
    current = [];
    currentBytes = 0;
  };
  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    for (const piece of cutLongLine(line, maxBytes)) {
      const pieceBytes = byteLength(piece);
      // +1 for the newline that joins it to the lines already in the part
      const needed = current.length === 0 ? pieceBytes : currentBytes + 1 + pieceBytes;
      if (needed > maxBytes) flush();
      currentBytes = current.length === 0 ? pieceBytes : currentBytes + 1 + pieceBytes;
      current.push(piece);
    }
  }
  flush();
  return parts;
}

/** A line that fits is returned whole; a longer one is cut at character (code point) boundaries. */
function cutLongLine(line: string, maxBytes: number): string[] {
  if (byteLength(line) <= maxBytes) return [line];
  const pieces: string[] = [];
  let piece = "";
  let pieceBytes = 0;
  for (const char of line) {
    const charBytes = byteLength(char);
    if (pieceBytes + charBytes > maxBytes) {
      pieces.push(piece);
      piece = "";
      pieceBytes = 0;
    }
    piece += char;
    pieceBytes += charBytes;
  }
  if (piece !== "") pieces.push(piece);
  return pieces;
}

function trimBlankLines(text: string): string {
  return text.replace(/^(?:[ \t]*\n)+/, "").replace(/(?:\n[ \t]*)+$/, "");
}

export function markdownBytes(markdown: string): number {
  return byteLength(markdown);
}
