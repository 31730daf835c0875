// The words of a progress report that name no quantity (when, where, who, the verb, a generic head such as 总数):
// what is left of the words beside a figure once they are gone is the quantity the figure is about.
import { normalizeText } from "../search/normalize.js";

/**
 * Report language around a figure, in normalized spelling (simplified, lower-case, 十亿 → 10亿). Why a list: these
 * are the few dozen words every monthly report repeats whatever the plan; anything else beside a figure is taken as
 * naming what the figure counts. Longest first, so 累计建成 goes before 建成.
 */
const REPORT_LANGUAGE = [
  // when
  String.raw`\d{4}年(?:底|末|初)?(?:\d{1,2}(?:[-—~至到]\d{1,2})?月份?)?(?:\d{1,2}[日号])?`,
  String.raw`\d{1,2}(?:[-—~至到]\d{1,2})?月(?:份|底|末|初|中旬|上旬|下旬)?(?:\d{1,2}[日号])?`,
  "(?:前|第)?[一二三四1-4]季度",
  "(?:方案|计划|行动)?实施以来|今年以来|截至目前|截止目前|截至到|截止到|截至|截止|以来|目前|当前|现阶段|至今|迄今|今年|去年|上年|本年|全年|年内|年初|年底|年末",
  "上半年|下半年|本季度|季度|本月|当月|上月|月底|月末|同期|报告期|同比|环比|较上年|较去年|较年初|比上年|比去年",
  // where and who
  "方面|全区|我区|本区|辖区|区内|全市|我市|本市|全县|我县|全镇|全省|我局|本局|我委|我单位|本部门|我部门",
  // the verb of progress
  "累计建成|累计完成|累计实现|累计达到|累计|已经达到|已达到|达到|已达|达|已经|已|共计|共有|总计|合计|共|现有|拥有|已有|有",
  "实现|完成|突破|超过|超|新增|新培育|培育|新认定|认定|新引进|引进|新招引|增加|增长至|增长|增至|提升|提高|下降|降低|减少|降至",
  "压缩至|压缩|新建成|建成|新建|为|是|到|至|约|近|逾|余|左右|以上|多|了|的|其中|并|在|个|家",
  // joins two names: 高企和专精特新企业
  "和|及|与|、",
  // a task reference is no quantity either
  String.raw`任务\s*[0-9一二两三四五六七八九十]+|第\s*[0-9一二两三四五六七八九十]+\s*(?:项|条|个)?(?:任务)?`,
].join("|");
/** A generic head says how a thing is counted, not what: 520家企业 names no more than 520家. */
const GENERIC_HEADS = "总数|总量|数量|规模|总额|个数|企业|项目|水平";
const FILLER = `${REPORT_LANGUAGE}|${GENERIC_HEADS}`;
const FILLER_RE = new RegExp(FILLER, "g");
const FILLER_AT = new RegExp(FILLER, "y");

/** The length of report language starting at position i of normalized words, 0 when none starts there. */
export function fillerAt(words: string, i: number): number {
  FILLER_AT.lastIndex = i;
  return FILLER_AT.exec(words)?.[0].length ?? 0;
}

/** Anything that is neither a letter nor a digit separates words. */
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** One spelling for the words that join two names, so 高企和专精特新企业 meets 专精特新及高新技术企业. */
export function normalizeQuantity(text: string): string {
  return normalizeText(text).replace(/[和与、]/g, "及");
}

/** What remains of normalized words once report language is gone: the pieces that name something. */
export function quantityPieces(normalized: string): string[] {
  return normalized
    .replace(FILLER_RE, " ")
    .split(NOT_WORD)
    .filter((p) => p !== "");
}

// Quoted back with its head (拟上市后备企业, not 拟上市后备) and its first character (在孵企业, not 孵企业).
const LEADING = new RegExp(`(?:${REPORT_LANGUAGE}|[^\\p{L}\\p{N}])+`, "uy");
const TRAILING = new RegExp(`(?:${REPORT_LANGUAGE}|[^\\p{L}\\p{N}])+$`, "u");

/** The words as written without report language at either end, to quote back: "限上批发零售业销售额". */
export function trimReportWords(words: string): string {
  let start = 0;
  for (;;) {
    LEADING.lastIndex = start;
    const m = LEADING.exec(words);
    if (!m || m[0].length < 2) break;
    start += m[0].length;
  }
  const trimmed = words.slice(start).replace(TRAILING, "");
  return trimmed || words;
}

/** True when the words beside a figure name no quantity at all ("累计达到", "截至10月底,全区已有"). */
export function namesNoQuantity(words: string): boolean {
  return quantityPieces(normalizeQuantity(words)).length === 0;
}
