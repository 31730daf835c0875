// Reads title, issuer, date and period from a plan's header, and flags what the scrape did to them.
import { chineseDate } from "../chinese-date.js";
import type { Defect } from "./targets.js";
import type { SourceLine } from "./text-cleanup.js";

export interface LineDefect extends Defect {
  line: number;
}

export interface Header {
  title: string;
  /** the notice's own title when the text starts with the notice that issued the plan */
  notice: string | null;
  issuer: string | null;
  issuedOn: string | null;
  period: { startYear: number; endYear: number } | null;
  defects: LineDefect[];
}

const DOC_KINDS = "通知|方案|计划|意见|规划|办法|决定|纲要|细则|措施|报告|函";
const TITLE_SPAM = new RegExp(`^(.*(?:${DOC_KINDS})(?:[(（][^()（）]*[)）])?)\\s*[-_|]+\\s*(\\S.*)$`);
const ISSUER = /(管理委员会|人民政府|办公室|办公厅|委员会|管委会|领导小组)$/;
const FULL_DATE = /(\d{4})\s*(?:年|-|\/|\.)\s*(\d{1,2})\s*(?:月|-|\/|\.)\s*(\d{1,2})\s*日?/;
const PERIOD = /(\d{4})\s*[—\-–~至到－]+\s*(\d{4})\s*年/;
/** 鹤林区2025年优化营商环境工作要点: a plan for the one year its title names */
const ONE_YEAR =
  /((?:19|20)\d{2})\s*年度?[\u4e00-\u9fff]{0,16}(?:工作要点|工作方案|工作计划|重点工作|工作任务|实施计划|行动计划|行动方案)/;

/** A document number line (东府〔2021〕54号) printed above the title. */
export const DOC_NUMBER = /^[\u4e00-\u9fa5]{1,8}[〔[［(（]\d{4}[〕\]］)）]\d+号$/;

export function readHeader(lines: SourceLine[], firstLine: SourceLine | undefined): Header {
  const defects: LineDefect[] = [];
  let title = firstLine?.text ?? "";
  const spam = TITLE_SPAM.exec(title);
  if (spam && firstLine) {
    defects.push({
      line: firstLine.line,
      code: "title_spam",
      excerpt: spam[2] ?? "",
      message: "标题末尾有网页抓取带入的无关文字(已从标题中去除,原样保留在警告的摘录中)",
    });
    title = (spam[1] ?? "").trim();
  }
  // A notice that issues a plan names the plan itself: 关于印发《X》的通知 → X; the notice is kept as the source.
  // 关于转发市科委〈X〈…〉Y〉的通知 forwards a plan the same way; a title nested in it keeps its own inner brackets.
  let notice: string | null = null;
  // 云岭县人民政府办公室关于印发《…》的通知: the notice's opening words name who issued it.
  const signedNotice = /^(.+?)关于(?:印发|转发)/.exec(title)?.[1];
  const issued = /关于(?:印发|转发)[^《〈]*[《〈](.+)[》〉]的通知$/.exec(title) ?? /关于印发(.+?)的通知$/.exec(title);
  if (issued?.[1]) {
    notice = title;
    title = issued[1];
    // The plan's own title line, printed below the notice, is the title as the plan writes it (《》 for 〈〉).
    const same = (a: string) =>
      a
        .replace(/[《〈]/g, "<")
        .replace(/[》〉]/g, ">")
        .replace(/\s/g, "");
    const own = lines.find((l) => l !== firstLine && same(l.text) === same(title));
    if (own) title = own.text;
  }

  let issuedOn: string | null = null;
  let issuer: string | null = null;
  for (const l of lines) {
    const d = FULL_DATE.exec(l.text);
    if (d && !issuedOn && l.text.length <= 20) {
      issuedOn = `${d[1]}-${pad(d[2])}-${pad(d[3])}`;
    }
    if (!issuer && ISSUER.test(l.text) && !/^各/.test(l.text) && l.text.length <= 40) issuer = l.text;
  }
  if (!issuer && signedNotice && ISSUER.test(signedNotice)) issuer = signedNotice;
  // A date line that lost its 年/月/日 (2023328) is flagged; it is read only when a whole date elsewhere agrees.
  for (const l of lines) {
    if (!/^20\d{5,6}$/.test(l.text)) continue;
    const agrees = issuedOn !== null && issuedOn.replace(/-0?/g, "") === l.text;
    defects.push({
      line: l.line,
      code: "date_lost_chars",
      excerpt: l.text,
      message: agrees
        ? `日期“${l.text}”缺少年月日(抓取时丢失),与文中日期 ${issuedOn} 一致`
        : `日期“${l.text}”缺少年月日(抓取时丢失),无法确定具体日期`,
      ...(agrees && issuedOn ? { reading: chineseDate(issuedOn) } : {}),
    });
  }
  const period = PERIOD.exec(title);
  const oneYear = period ? null : ONE_YEAR.exec(title);
  return {
    title,
    notice,
    issuer,
    issuedOn,
    period: period
      ? { startYear: Number(period[1]), endYear: Number(period[2]) }
      : oneYear
        ? { startYear: Number(oneYear[1]), endYear: Number(oneYear[1]) }
        : null,
    defects,
  };
}

/** a line that is a date and nothing more: 2024年5月10日 */
const DATE_LINE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;

/**
 * The signature at the end of a notice or plan: the issuer's line with the date line under it (云岭县人民政府办公室 /
 * 2024年5月10日), among the document's last lines; where the header names neither, this says who issued it and when.
 */
export function readSignature(lines: SourceLine[]): { issuer: string | null; issuedOn: string | null } {
  const tail = lines.slice(-12);
  for (let i = tail.length - 1; i >= 0; i--) {
    const d = DATE_LINE.exec((tail[i]?.text ?? "").trim());
    if (!d) continue;
    const above = (tail[i - 1]?.text ?? "").trim();
    return {
      issuer: ISSUER.test(above) && above.length <= 40 ? above : null,
      issuedOn: `${d[1]}-${pad(d[2])}-${pad(d[3])}`,
    };
  }
  return { issuer: null, issuedOn: null };
}

/** Lines where a year range lost its dash, e.g. (20232025年). */
export function lostDashDefects(lines: SourceLine[]): LineDefect[] {
  const out: LineDefect[] = [];
  for (const l of lines) {
    const m = /(20\d{2})(20\d{2})年/.exec(l.text);
    if (m) {
      out.push({
        line: l.line,
        code: "date_lost_chars",
        excerpt: m[0],
        message: `“${m[0]}”缺少连接号(抓取时丢失),应为“${m[1]}—${m[2]}年”`,
        reading: `${m[1]}—${m[2]}年`,
      });
    }
  }
  return out;
}

function pad(n: string | undefined): string {
  return (n ?? "").padStart(2, "0");
}
