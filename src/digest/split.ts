// Packs digest lines into WeCom markdown messages of at most N UTF-8 bytes, breaking only between entries.

export const WECOM_MARKDOWN_LIMIT = 4096;

/** One unit that is never split: a heading or an entry (an entry may span several lines). */
export interface DigestItem {
  kind: "title" | "section" | "entry";
  text: string;
}

const bytes = (s: string) => Buffer.byteLength(s, "utf8");
/** room kept for the part marker added once the number of parts is known, e.g. "（12/12）" */
const MARKER_ROOM = 24;

/** Cuts a single over-long item at a character boundary so that it fits on its own. */
function fitItem(text: string, max: number): string {
  if (bytes(text) <= max) return text;
  let out = "";
  for (const ch of text) {
    if (bytes(`${out}${ch}…`) > max) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * Packs items in order. A new part repeats the title and the current section heading (marked 续), a heading is
 * never left as the last line of a part, and when there is more than one part each title gets "（i/n）".
 */
export function packDigest(items: readonly DigestItem[], limit = WECOM_MARKDOWN_LIMIT): string[] {
  const budget = limit - MARKER_ROOM;
  const parts: string[][] = [];
  let current: string[] = [];
  let size = 0;
  let title: string | null = null;
  let section: string | null = null;
  const add = (line: string) => {
    size += bytes(line) + (current.length > 0 ? 1 : 0);
    current.push(line);
  };
  const startPart = () => {
    parts.push(current);
    current = [];
    size = 0;
    if (title !== null) add(title);
    if (section !== null) add(`${section}(续)`);
  };
  const room = () => budget - size - (current.length > 0 ? 1 : 0);

  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!item) continue;
    if (item.kind === "title") {
      const next = fitItem(item.text, budget / 4);
      section = null;
      if (current.length > 0 && room() < bytes(next) + 200) {
        title = null;
        startPart();
      }
      title = next;
      add(title);
      continue;
    }
    if (item.kind === "section") {
      const next = items[i + 1];
      const needed = bytes(item.text) + 1 + (next?.kind === "entry" ? Math.min(bytes(next.text), budget / 2) : 0);
      section = null;
      if (room() < needed) startPart();
      section = item.text;
      add(item.text);
      continue;
    }
    const text = fitItem(item.text, budget / 2);
    if (room() < bytes(text)) startPart();
    add(text);
  }
  if (current.length > 0) parts.push(current);
  const nonEmpty = parts.filter((p) => p.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty.map((p) => p.join("\n"));
  return nonEmpty.map((p, i) => {
    const [first, ...rest] = p;
    return [`${first}（${i + 1}/${nonEmpty.length}）`, ...rest].join("\n");
  });
}
