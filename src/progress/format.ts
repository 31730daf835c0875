// Small text pieces every progress view shares: numbers, percentages, the text bar, who reported.
import type { ProgressRecord } from "./schema.js";

export function formatNumber(n: number): string {
  return String(Number(n.toFixed(2)));
}

/** Rounded down, so 99.6% never reads as 100% before the target is reached. */
export function formatPercent(share: number): string {
  return `${Math.floor(share * 100)}%`;
}

/** Ten cells; a share above 100% shows a full bar. */
export function textBar(share: number): string {
  const filled = Math.max(0, Math.min(10, Math.floor(share * 10)));
  return "▓".repeat(filled) + "░".repeat(10 - filled);
}

/** The marks WeCom markdown reads, each as the full-width character that looks alike and means nothing there. */
const MARKDOWN_MARKS: Record<string, string> = {
  "*": "＊",
  _: "＿",
  "`": "｀",
  "#": "＃",
  "[": "［",
  "]": "］",
  "<": "＜",
  ">": "＞",
  "~": "～",
  "|": "｜",
  "\\": "＼",
};

/**
 * What a user typed (reporter name, department, progress or correction text) as WeCom markdown shows it: one line
 * (a line break could forge a heading or a list), no emphasis, code, quote, <@all> or <@userid> mention, font tag or
 * [link](url), and no bare link either ("://" gets a full-width colon). The words stay readable. The dashboard shows
 * the same markdown through its renderer, which then has nothing of the user's to turn into markup.
 */
export function plainInMarkdown(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[*_`#[\]<>~|\\]/g, (c) => MARKDOWN_MARKS[c] ?? c)
    .replace(/:\/\//g, "：//");
}

/** Who reported a record, as markdown shows it. */
export function reporterLabel(r: ProgressRecord): string {
  const who = r.reporterName ?? r.reporterId;
  return plainInMarkdown(r.department ? `${who}·${r.department}` : who);
}

/** A record's text as markdown shows it: one line, at most `max` characters, no markup of the user's. */
export function recordText(text: string, max: number): string {
  return plainInMarkdown(clip(text, max));
}

/** One line, at most `max` characters, ellipsis when cut. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join("")}…`;
}

/** How the bundled sample progress file marks each record's text (knowledge/samples/*.csv). */
export const SAMPLE_MARK = "【示例数据，非真实】";
