// The one reader of when things fall due, for the text and for tables alike: deadlines in a plan's sentence
// (到2025年底前), relative periods (5年内), 每年, and a 完成时限 cell as tables and reviewers write it (2026年6月底前,
// 2025年第三季度, 2025年内, 长期坚持).
import { parseFigure } from "../numbers.js";
import type { Deadline } from "../schema.js";
import { UNIT_NEXT } from "../units.js";

export interface DueMark {
  /** where the mark starts and ends in the sentence */
  index: number;
  end: number;
  /** the words as printed, e.g. 到2026年底前, 2012年起5年内, 每年 */
  text: string;
  /** the year it falls due; null for 每年, or a relative period with no year to count from */
  year: number | null;
  /** YYYY-MM-DD when the text names a day (年底, 10月底, 6月30日) */
  date?: string;
  /** how a relative period was turned into a year, said to the reader */
  yearReading?: string;
  /** year: a bare 2025年 before a verb of doing (2025年完成改造45个), a milestone within the task */
  kind: "deadline" | "year" | "period" | "yearly";
  /** 到2025gdp: the deadline lost its 年 when the page was scraped */
  lostYearChar?: boolean;
}

/**
 * 到2025年(底)(前), 到2025年6月底; not 达到2000名 or 提高到2030 (a figure reached, not a date): 到 right after a verb of
 * change reads a level. What follows the year's digits must not be a unit (到2000PFlops).
 */
const TO_YEAR = /(?<![达提升增降减])到\s*((?:19|20)\d{2})(?!\d)\s*(年)?(?:(\d{1,2})月(?:(\d{1,2})日)?)?(底|末)?(前)?/g;
/** 2025年底前, 于2012年10月底前, 2026年6月30日前: a date written as a deadline, without 到 */
const DATE_BEFORE = /((?:19|20)\d{2})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?(?:(底|末)前?|(前))/g;
/** 5年内, 三年内, 2012年起5年内, 用两年时间, 利用三年左右时间 (力争两年内 is 两年内) */
const PERIOD =
  /(?:((?:19|20)\d{2})年起)?(?:(?:利用|用|花)([0-9一二两三四五六七八九十]{1,3})年(?:左右)?时间|([0-9一二两三四五六七八九十]{1,3})年内)/g;
/**
 * 2025年完成改造45个: a bare year before a verb of doing is the year that part falls due (a year mark), unlike
 * 2024年的68% (a year describing the present) or 2000年前建成的 (one describing the subject).
 */
const YEAR_MARK =
  /(?<![到至\d])((?:19|20)\d{2})年(?=(?:要|将|力争|确保|全面|基本)?(?:完成|建成|实现|达到|新增|新建|累计|改造|开工|投用|建设|培育|引进|不少于|不低于|超过|力争))/g;
/** 2000年前建成的老旧小区: a date followed by a verb and 的 says what the subject is, not when it falls due */
const DESCRIBES_SUBJECT = /^[\u4e00-\u9fa5]{1,4}的/;
const YEARLY = /每年度?/;
/** what may follow a year's digits when they are in fact a figure reached (到2000PFlops, 到2000名, 到2000部) */
const FIGURE_AFTER = new RegExp(`^${UNIT_NEXT}`);

function lastDayOf(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function dayOf(year: number, month?: string, day?: string, endOf?: string): string | undefined {
  if (month && day) return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  if (month && endOf) return lastDayOf(year, Number(month));
  if (endOf) return `${year}-12-31`;
  return undefined;
}

/**
 * 6月底前, 年底前, 第三季度, 上半年: a time within the year, said without the year. Only a plan for one year (2025年
 * 工作要点) says which year that is.
 */
const IN_THE_YEAR =
  /(?<![\d年每])(?:(\d{1,2})月(?:底|末)?前|(年底前|年内|年底)|(上半年|下半年)|第([一二三四])季度(?:末)?(?:前)?)/g;
const QUARTER_END: Record<string, number> = { 一: 3, 二: 6, 三: 9, 四: 12 };

/**
 * Every due mark in a sentence, in order; relative periods are counted from startYear (the plan's first year). In a
 * plan for one year (`oneYear`), a month or quarter without its year falls in that year.
 */
export function dueMarks(sentence: string, startYear: number | null, oneYear: number | null = null): DueMark[] {
  const marks: DueMark[] = [];
  if (oneYear !== null) {
    for (const m of sentence.matchAll(IN_THE_YEAR)) {
      const month = m[1] ? Number(m[1]) : m[2] ? 12 : m[3] ? (m[3] === "上半年" ? 6 : 12) : QUARTER_END[m[4] ?? ""];
      if (month === undefined || month < 1 || month > 12) continue;
      const index = m.index ?? 0;
      marks.push({
        index,
        end: index + m[0].length,
        text: m[0],
        year: oneYear,
        date: lastDayOf(oneYear, month),
        kind: "deadline",
      });
    }
  }
  for (const m of sentence.matchAll(TO_YEAR)) {
    const after = sentence.slice((m.index ?? 0) + m[0].length);
    if (m[2] === undefined && FIGURE_AFTER.test(after)) continue;
    const year = Number(m[1]);
    const date = dayOf(year, m[3], m[4], m[5]);
    marks.push({
      index: m.index ?? 0,
      end: (m.index ?? 0) + m[0].length,
      text: m[0].trim(),
      year,
      ...(date ? { date } : {}),
      kind: "deadline",
      lostYearChar: m[2] === undefined && m[3] === undefined && m[5] === undefined,
    });
  }
  for (const m of sentence.matchAll(DATE_BEFORE)) {
    const index = m.index ?? 0;
    if (marks.some((k) => index >= k.index && index < k.end)) continue;
    const year = Number(m[1]);
    // A year before the plan's own time (or one that says what its subject is) falls due for no one.
    if (startYear !== null && year < startYear) continue;
    if (m[5] && DESCRIBES_SUBJECT.test(sentence.slice(index + m[0].length))) continue;
    const date = dayOf(year, m[2], m[3], m[4]);
    marks.push({
      index,
      end: index + m[0].length,
      text: m[0],
      year,
      ...(date ? { date } : {}),
      kind: "deadline",
    });
  }
  for (const m of sentence.matchAll(YEAR_MARK)) {
    const index = m.index ?? 0;
    const year = Number(m[1]);
    if (marks.some((k) => index >= k.index && index < k.end) || (startYear !== null && year < startYear)) continue;
    marks.push({ index, end: index + m[0].length, text: m[0], year, date: `${year}-12-31`, kind: "year" });
  }
  for (const m of sentence.matchAll(PERIOD)) {
    const years = parseFigure(m[2] ?? m[3] ?? "");
    if (years === null || years < 1) continue;
    const from = m[1] ? Number(m[1]) : startYear;
    const year = from === null ? null : from + years - 1;
    const index = m.index ?? 0;
    marks.push({
      index,
      end: index + m[0].length,
      text: m[0],
      year,
      ...(year !== null ? { date: `${year}-12-31` } : {}),
      // Counted from the plan's start, and said so; a plan that names no start year leaves the year open.
      yearReading:
        from !== null
          ? `“${m[0]}”按${from}年起算,即${year}年底前`
          : `“${m[0]}”自方案实施起算,方案未给出起始年份,无法折算为具体日期`,
      kind: "period",
    });
  }
  return marks.sort((a, b) => a.index - b.index);
}

/** 每年…: a target due every year of the plan. */
export function yearlyMark(sentence: string): DueMark | null {
  const m = YEARLY.exec(sentence);
  if (!m) return null;
  return { index: m.index, end: m.index, text: "每年", year: null, kind: "yearly" };
}

/** the last day of a part of a year a cell names (2025年上半年, 2025年第三季度) */
const PART_OF_YEAR = /((?:19|20)\d{2})年(上半年|下半年|前三季度|第?[一二三四]季度)/;
const PART_END: Record<string, number> = {
  上半年: 6,
  下半年: 12,
  前三季度: 9,
  一季度: 3,
  二季度: 6,
  三季度: 9,
  四季度: 12,
};
/** a cell that is a year, a month or a day and nothing more: 2025年, 2025年内, 2025年年底, 2026年6月, 2025年9月30日 */
const BARE_DATE = /^((?:19|20)\d{2})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?(?:内|以内|年底)?(?:前|以前|完成)?$/;

/**
 * A 完成时限 as a task table or a reviewer writes it, with the day it falls on where the words name one; recurring
 * and open-ended ones (每年, 长期坚持, 持续推进) keep only their words. Undefined for an empty cell.
 */
export function readDeadline(raw: string, startYear: number | null = null): Deadline | undefined {
  const text = raw.replace(/\s+/g, "");
  if (text === "") return undefined;
  const mark = dueMarks(text, startYear).find((m) => m.date);
  if (mark?.date) return { text, date: mark.date };
  const part = PART_OF_YEAR.exec(text);
  if (part?.[1] && part[2]) {
    const year = Number(part[1]);
    return { text, date: lastDayOf(year, PART_END[part[2].replace(/^第/, "")] ?? 12) };
  }
  const bare = BARE_DATE.exec(text);
  if (bare?.[1]) {
    const month = Number(bare[2] ?? 12);
    const date = dayOf(Number(bare[1]), bare[2], bare[3], "底");
    if (month >= 1 && month <= 12 && date) return { text, date };
  }
  return { text };
}

/**
 * A task's own deadline: 完成时限:…; else the first deadline naming its day (2026年底前, 2012年10月底前); else the
 * latest year its sentences set (2025年完成45个，到2026年累计完成120个 is due in 2026; 到2026年 falls on the year's
 * last day, as a table's 2026年 does); else a relative period (用两年时间, dated when the plan's start year is known);
 * else 长期坚持.
 */
export function taskDeadline(text: string, startYear: number | null): Deadline | undefined {
  const labelled = /完成时限\s*[:：]\s*([^。；;，,)）]+)/.exec(text);
  if (labelled?.[1]) return readDeadline(labelled[1], startYear);
  const marks = dueMarks(text, startYear);
  const words = (m: DueMark) => m.text.replace(/^(到|于|在)/, "").replace(/\s+/g, "");
  const dayNamed = marks.find((m) => m.kind === "deadline" && m.date);
  if (dayNamed?.date) return { text: words(dayNamed), date: dayNamed.date };
  const dated = marks
    .filter((m) => (m.kind === "deadline" || m.kind === "year") && m.year !== null && !m.lostYearChar)
    .map((m) => ({ text: words(m), date: m.date ?? `${m.year}-12-31` }));
  const latest = dated.reduce<Deadline | undefined>((a, b) => (a?.date && a.date >= b.date ? a : b), undefined);
  if (latest) return latest;
  const period = marks.find((m) => m.kind === "period");
  if (period) return { text: period.text, ...(period.date ? { date: period.date } : {}) };
  const standing = /长期坚持/.exec(text);
  if (standing) return { text: standing[0] };
  return undefined;
}
