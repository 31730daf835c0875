// The figures of a progress text in a target's unit (520家, 二百五十亿元, 150亿 for 亿元), with the kind of figure
// the word before each says it is (a level, an addition, a change), and the kinds a target takes.
import { escapeRegExp } from "../plan/escape-regexp.js";
import { parseFigure } from "../plan/numbers.js";
import type { Target } from "../plan/schema.js";

export type FigureKind = "level" | "increment" | "change";

/**
 * The word just before a figure says what kind of figure it is; the nearest such word decides ("工业增加值能耗下降了
 * 8%" is a change: 增加值 is a noun, and 下降 is nearer).
 */
const KIND_WORDS: [FigureKind, string][] = [
  ["increment", "新增|新培育|新认定|新引进|增加(?!值)|新招引"],
  ["change", "提升|提高|增长|增幅|下降|降低|减少|降幅"],
  ["level", "累计|达到|已达|达|总数|总量|共有|共计|现有|拥有|规模|突破|实现|完成"],
];
const KIND_BEFORE = KIND_WORDS.map(([kind, words]) => [kind, new RegExp(`(${words})[^\\d]*$`)] as const);
const KIND_AT_END = KIND_WORDS.map(([kind, words]) => [kind, new RegExp(`(?:${words})$`)] as const);
const KIND_INSIDE = KIND_WORDS.map(([kind, words]) => [kind, new RegExp(words)] as const);

/** The kind whose word stands nearest before the figure, within 8 characters of it. */
function kindBefore(before: string): FigureKind | null {
  let best: { kind: FigureKind; gap: number } | null = null;
  for (const [kind, word] of KIND_BEFORE) {
    const m = word.exec(before);
    if (!m) continue;
    const gap = before.length - (m.index + (m[1]?.length ?? 0));
    if (gap <= 8 && (!best || gap < best.gap)) best = { kind, gap };
  }
  return best?.kind ?? null;
}

export function targetKind(t: Target): FigureKind {
  if (t.comparison === "新增") return "increment";
  if (t.comparison === "提升" || t.comparison === "下降") return "change";
  return "level";
}

/**
 * The kinds of figure a target takes: its comparison's, and that of a word the plan puts in its name or just before
 * it (每年新增工业用地供应 不少于500亩, 新增数字产业载体面积不少于30万平方米: a 新增 figure is its level).
 */
export function kindsOf(t: Target): Set<FigureKind> {
  const kinds = new Set<FigureKind>([targetKind(t)]);
  const at = t.sentence.indexOf(t.metric);
  const before = at > 0 ? t.sentence.slice(0, at) : "";
  for (const [kind, word] of KIND_INSIDE) if (word.test(t.metric)) kinds.add(kind);
  for (const [kind, word] of KIND_AT_END) if (word.test(before)) kinds.add(kind);
  return kinds;
}

export interface Figure {
  value: number;
  kind: FigureKind | null;
  raw: string;
  /** where the figure starts and its unit ends, in the text folded to NFKC */
  index: number;
  end: number;
}

/** A Chinese numeral with at least one digit in it: 二百五十, 两; a bare 百 or 十 is a name's (百亿元以上企业). */
const CHINESE_NUMBER = "[零〇一二两三四五六七八九十百千]*[零〇一二两三四五六七八九][零〇一二两三四五六七八九十百千]*";

/**
 * Figures written in the target's unit, e.g. 520家, 十家, 1.2 个百分点, 二百五十亿元, 150亿 for 亿元, 30万元 for 万元/亩
 * (full-width digits and ％ are folded first).
 */
export function figuresInUnit(text: string, unit: string): Figure[] {
  const s = text.normalize("NFKC");
  const u = unit.normalize("NFKC");
  if (u === "") return [];
  // People drop what the metric already says: the 元 of 亿元 and 万元 (150亿), the per-unit of 万元/亩 for 亩均税收
  // (30万元). A short form may not be followed by another word (150亿美元, 3亿平方米, 30万元以上).
  const perUnit = u.replace(/\/.*$/, "");
  const withoutYuan = (x: string) => x.replace(/^(亿|万)元/, "$1");
  const shorts = [...new Set([withoutYuan(u), perUnit, withoutYuan(perUnit)])].filter((x) => x && x !== u);
  // 13620个 for a target in 万个 (1.8万个), 16200人次 for one in 万人次: counted things reported whole are the
  // same quantity at another scale. Not money (5000元 beside a target in 万元 may be something else entirely).
  const scaled = /^(万|亿)(?!元)(.+)$/.exec(u);
  const base = scaled?.[2] ? `|(?<base>(?<![万亿])${escapeRegExp(scaled[2])})(?![\\u4e00-\\u9fffa-z])` : "";
  const unitPattern =
    [escapeRegExp(u), ...shorts.map((x) => `${escapeRegExp(x)}(?![元/\\u4e00-\\u9fffa-z])`)].join("|") + base;
  const divisor = scaled?.[1] === "亿" ? 1e8 : 1e4;
  // 十家 is ten; but a bare 十 or 百 before 亿/万 is a name's (十亿元以上企业, 百亿企业)
  const number = /^[亿万千百]/.test(u) ? CHINESE_NUMBER : `${CHINESE_NUMBER}|十`;
  // 个百分点 must not be read as %, and 亿元 must not match inside 万亿元
  const re = new RegExp(
    `(?<![\\d.零〇一二两三四五六七八九十百千])(\\d+(?:\\.\\d+)?|${number})\\s*(?:${unitPattern})`,
    "g",
  );
  const out: Figure[] = [];
  for (const m of s.matchAll(re)) {
    const read = parseFigure(m[1] ?? "");
    if (read === null) continue;
    const value = m.groups?.base ? Number((read / divisor).toPrecision(12)) : read;
    const index = m.index ?? 0;
    const before = s.slice(Math.max(0, index - 12), index);
    out.push({ value, kind: kindBefore(before), raw: m[0], index, end: index + m[0].length });
  }
  return out;
}
