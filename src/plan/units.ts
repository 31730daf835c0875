// The one list of units a plan's figures are written in: the importer's targets, the deadlines' "到2000部 is a
// figure, not a year" and the stated figures replies must never deny all read it, so that they agree.
import { escapeRegExp } from "./escape-regexp.js";

/** Measure words of counted things (120个, 300部, 60条): what is counted follows them or comes before the figure. */
export const COUNTING_UNITS = [
  "个百分点",
  "个工作日",
  "场次",
  "个",
  "家",
  "项",
  "所",
  "座",
  "件",
  "台",
  "套",
  "户",
  "条",
  "次",
  "批",
  "只",
  "位",
  "名",
  "场",
  "支",
  "处",
  "部",
  "张",
  "辆",
  "间",
  "栋",
  "幢",
  "株",
  "头",
  "本",
  "册",
  "篇",
  "份",
  "艘",
  "架",
  "棵",
  "类",
  "种",
  "款",
] as const;

/** Units of measured amounts: money, area, length, weight, power, shares, people, durations. */
export const MEASURED_UNITS = [
  "元/亩",
  // intensities and concentrations of energy and environment plans: the whole unit, or 0.38 would read as 吨
  "吨标准煤/万元",
  "立方米/万元",
  "微克/立方米",
  "吨标准煤",
  "工作日",
  "小时",
  "天",
  "元",
  "亩",
  "%",
  "％",
  "人次",
  "人",
  "平方米",
  "平方公里",
  "立方米",
  "千瓦",
  "兆瓦",
  "公里",
  "公顷",
  "吨",
  "倍",
  "标箱",
  "GW",
  "MW",
  "PFlops",
  "EFlops",
  "TFlops",
] as const;

/** Scale words written between a number and its unit (1.8万户, 15亿元). */
export const SCALES = ["万", "亿"] as const;

/** A unit as a figure carries it, with its scale: 万户, 亿元, 万元/亩; 万% makes no sense and is left out. */
function scaled(units: readonly string[]): string[] {
  return units.flatMap((u) =>
    /^[%％]$|^[A-Za-z]/.test(u) || /^个./.test(u) ? [u] : [u, ...SCALES.map((s) => `${s}${u}`)],
  );
}

/** Counting units with their scales (万户, 万个, 万名). */
export const SCALED_COUNTING_UNITS: readonly string[] = scaled(COUNTING_UNITS);
/** Measured units with their scales (亿元, 万平方米, 万千瓦). */
export const SCALED_MEASURED_UNITS: readonly string[] = scaled(MEASURED_UNITS);

/** Alternation of units, longest first so that 万平方米 wins over 万 and 平方米 over 米. */
export function unitPattern(units: readonly string[]): string {
  return [...units]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join("|");
}

/** A unit or scale word right after a number's digits: they are a figure (到2000部, 2000PFlops, 1.5万名), not a year. */
export const UNIT_NEXT = `\\s*(?:[万亿千百]|${unitPattern([...COUNTING_UNITS, ...MEASURED_UNITS])}|[A-Za-z]+(?:flops|FLOPS|Flops|W|w|h|t))`;

/** Units that measure a thing rather than count it: "10亿元以上企业", "20户以上自然村" name a class of things by them. */
const QUALIFYING_UNIT = /^[万亿]?(元|亩|平方米|平方公里|立方米|吨|千瓦|兆瓦|%|％|户)$/;

/**
 * 年营收10亿元以上企业, 20户以上自然村: a figure with 以上/以下 directly before a noun says which things are meant, not
 * how many are to be reached. `after` is the text right after the figure. A counting unit counts the noun itself
 * (培育10家以上企业) and is a figure of its own.
 */
export function figureNamesAClass(unit: string, after: string): boolean {
  return QUALIFYING_UNIT.test(unit) && /^\s*(以上|以下)(?![的和与及等])\p{Script=Han}/u.test(after);
}
