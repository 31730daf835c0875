// "最近有什么新进展", "本周进展", "近30天谁报了进展": which days a question about recent progress means.
import { chineseNumeral } from "../plan/numbers.js";
import { addDays, dayNumber } from "../progress/dates.js";

/** A time word that bounds which records are recent. */
export const RECENT_TIME =
  /最?近\s*[\d一二两三四五六七八九十]+\s*(?:天|日|周|个?星期|个?月)|最近这?一?段时间|最近|近期|近来|近日|这几天|这两天|这些天|这一?周|本周|这个?星期|本星期|上一?周|上个?星期|这个?月|本月|上个?月|今天|今日|昨天|昨日/;

/** A question about recent progress: a time word with a word for reports, or "新进展" on its own. */
export const RECENT = new RegExp(
  `(?:${RECENT_TIME.source}).{0,8}(?:进展|动态|更新|填报|上报|报送|报了|记录|变化)|新进展|最新的?(?:进展|动态)|有(?:什么|没有|无)新的?(?:进展|动态|记录|情况)?|谁.{0,4}(?:报|填|更新)了`,
);

/**
 * What is left of a recent-progress question's topic (its time words are already gone, see question.ts) once the
 * words for reporting are gone: empty when it names no subject.
 */
export function withoutRecentWords(topic: string): string {
  return topic
    .replace(
      /最新|新|动态|更新|填报|上报|报送|报|记录|变化|消息|一下|一次|什么时候|时候|何时|哪天|有|无|没|都|又|吗|呢|了|谁/g,
      " ",
    )
    .trim();
}

export interface RecentWindow {
  /** e.g. 最近7天, 本周 */
  label: string;
  /** first day, YYYY-MM-DD (Shanghai) */
  from: string;
  /** the day after the last, or null for "up to now" */
  until: string | null;
}

function count(text: string): number {
  return /^\d+$/.test(text) ? Number(text) : (chineseNumeral(text) ?? 1);
}

/** Monday of the week `day` falls in (weeks start on Monday, as in China). */
function monday(day: string): string {
  const weekday = (dayNumber(day) + 3) % 7; // 1970-01-01 was a Thursday: 0 = Monday
  return addDays(day, -weekday);
}

/** The days a question means on `today`; 7 days when it only says 最近 or 新. */
export function recentWindow(text: string, today: string): RecentWindow {
  const span = /近\s*([\d一二两三四五六七八九十]+)\s*(天|日|周|个?星期|个?月)/.exec(text);
  if (span) {
    const n = count(span[1] ?? "1");
    const days = /月/.test(span[2] ?? "") ? n * 30 : /周|星期/.test(span[2] ?? "") ? n * 7 : n;
    return { label: `最近${days}天`, from: addDays(today, 1 - days), until: null };
  }
  if (/今天|今日/.test(text)) return { label: "今天", from: today, until: null };
  if (/昨天|昨日/.test(text)) return { label: "昨天", from: addDays(today, -1), until: today };
  if (/上一?周|上个?星期/.test(text)) {
    const thisWeek = monday(today);
    return { label: "上周", from: addDays(thisWeek, -7), until: thisWeek };
  }
  if (/这一?周|本周|这个?星期|本星期/.test(text)) return { label: "本周", from: monday(today), until: null };
  const firstOfMonth = `${today.slice(0, 8)}01`;
  if (/上个?月/.test(text)) {
    return { label: "上个月", from: `${addDays(firstOfMonth, -1).slice(0, 8)}01`, until: firstOfMonth };
  }
  if (/这个?月|本月/.test(text)) return { label: "本月", from: firstOfMonth, until: null };
  return { label: "最近7天", from: addDays(today, -6), until: null };
}
