// Passive app replies are plain text (≤ 2048 bytes): markdown marks are dropped and overlong text is cut at a line.

/** WeCom's limit for a text message's content, in UTF-8 bytes. */
export const TEXT_CONTENT_MAX_BYTES = 2048;

export function markdownToPlain(markdown: string): string {
  return markdown
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/^>\s?/gm, "")
    .replace(/\*\*(.+?)\*\*/g, "$1")
    .replace(/<\/?font[^>]*>/g, "")
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, "$1 $2")
    .replace(/^---+$/gm, "————")
    .trim();
}

export function fitsPassiveText(text: string): boolean {
  return Buffer.byteLength(text, "utf8") <= TEXT_CONTENT_MAX_BYTES;
}

/** Cuts at the last whole line that fits, leaving a note that the rest was cut. */
export function cutToPassiveText(text: string): string {
  if (fitsPassiveText(text)) return text;
  const note = "\n……（内容过长，已截断）";
  const budget = TEXT_CONTENT_MAX_BYTES - Buffer.byteLength(note, "utf8");
  let out = "";
  for (const line of text.split("\n")) {
    const next = out === "" ? line : `${out}\n${line}`;
    if (Buffer.byteLength(next, "utf8") > budget) break;
    out = next;
  }
  if (out === "")
    out = Array.from(text)
      .slice(0, Math.floor(budget / 4))
      .join("");
  return out + note;
}
