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

export function reporterLabel(r: ProgressRecord): string {
  const who = r.reporterName ?? r.reporterId;
  return r.department ? `${who}·${r.department}` : who;
}

/** One line, at most `max` characters, ellipsis when cut. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join("")}…`;
}

/** How the bundled sample progress file marks each record's text (knowledge/samples/*.csv). */
export const SAMPLE_MARK = "【示例数据，非真实】";
