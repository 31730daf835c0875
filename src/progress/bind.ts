// Decides whether a figure in a progress text belongs to one of the task's targets — only when that is unambiguous.

import { escapeRegExp } from "../plan/escape-regexp.js";
import { parseFigure } from "../plan/numbers.js";
import type { Target, Task } from "../plan/schema.js";
import { normalizeText } from "../search/normalize.js";
import { formatNumber } from "./format.js";

export type Binding =
  | { bound: true; target: Target; value: number; unit: string }
  | { bound: false; reason: string | null };

type FigureKind = "level" | "increment" | "change";

/**
 * The word just before a figure says what kind of figure it is; the nearest such word decides ("工业增加值能耗下降了
 * 8%" is a change: 增加值 is a noun, and 下降 is nearer).
 */
const KIND_WORDS: [FigureKind, RegExp][] = [
  ["increment", /(新增|新培育|新认定|新引进|增加(?!值)|新招引)[^\d]*$/],
  ["change", /(提升|提高|增长|增幅|下降|降低|减少|降幅)[^\d]*$/],
  ["level", /(累计|达到|已达|达|总数|总量|共有|共计|现有|拥有|规模|突破|实现|完成)[^\d]*$/],
];

/** The kind whose word stands nearest before the figure, within 8 characters of it. */
function kindBefore(before: string): FigureKind | null {
  let best: { kind: FigureKind; gap: number } | null = null;
  for (const [kind, word] of KIND_WORDS) {
    const m = word.exec(before);
    if (!m) continue;
    const gap = before.length - (m.index + (m[1]?.length ?? 0));
    if (gap <= 8 && (!best || gap < best.gap)) best = { kind, gap };
  }
  return best?.kind ?? null;
}

function targetKind(t: Target): FigureKind {
  if (t.comparison === "新增") return "increment";
  if (t.comparison === "提升" || t.comparison === "下降") return "change";
  return "level";
}

interface Figure {
  value: number;
  kind: FigureKind | null;
  raw: string;
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
  const unitPattern = [escapeRegExp(u), ...shorts.map((x) => `${escapeRegExp(x)}(?![元/\\u4e00-\\u9fffa-z])`)].join(
    "|",
  );
  // 十家 is ten; but a bare 十 or 百 before 亿/万 is a name's (十亿元以上企业, 百亿企业)
  const number = /^[亿万千百]/.test(u) ? CHINESE_NUMBER : `${CHINESE_NUMBER}|十`;
  // 个百分点 must not be read as %, and 亿元 must not match inside 万亿元
  const re = new RegExp(
    `(?<![\\d.零〇一二两三四五六七八九十百千])(\\d+(?:\\.\\d+)?|${number})\\s*(?:${unitPattern})`,
    "g",
  );
  const out: Figure[] = [];
  for (const m of s.matchAll(re)) {
    const value = parseFigure(m[1] ?? "");
    if (value === null) continue;
    const before = s.slice(Math.max(0, (m.index ?? 0) - 12), m.index);
    out.push({ value, kind: kindBefore(before), raw: m[0] });
  }
  return out;
}

function bigrams(s: string): Set<string> {
  const chars = [...s.toLowerCase().replace(/[\s()（）]/g, "")];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
  return out;
}

/**
 * How clearly the text names a target's metric: character pairs of the metric found in the text, plus the share
 * found as a tie-breaker, so "亿元以上企业" prefers the metric of that exact name over "百亿元以上企业".
 */
export function metricScore(metric: string, text: string): number {
  const { hits, of } = metricPairsIn(metric, text);
  return hits === 0 ? 0 : hits + hits / of;
}

function metricPairsIn(metric: string, text: string): { hits: number; of: number } {
  // One spelling for both: 十亿元以上企业 names the metric 10亿元以上企业 (not 亿元以上企业).
  const wanted = bigrams(normalizeText(metric));
  const have = bigrams(normalizeText(text));
  let hits = 0;
  for (const b of wanted) if (have.has(b)) hits++;
  return { hits, of: wanted.size };
}

/** Whether the text names the metric: at least two of its character pairs (its only one, for a two-character name). */
export function namesMetric(metric: string, text: string): boolean {
  const { hits, of } = metricPairsIn(metric, text);
  return of > 0 && hits >= Math.min(2, of);
}

/**
 * Binds a figure to a target when exactly one target of the task has a figure in its unit (or the text names
 * one metric more clearly than the others) and exactly one of that target's figures fits its kind.
 * `hint` is extra text that names the metric (e.g. the task reference "上市公司").
 */
export function bindFigure(task: Task, text: string, hint = "", asOf?: string): Binding {
  const withFigures = task.targets
    .map((target) => ({ target, figures: figuresInUnit(text, target.unit) }))
    .filter((c) => c.figures.length > 0);
  if (withFigures.length === 0) {
    return { bound: false, reason: task.targets.length > 0 ? "未找到与本任务指标单位相符的数字" : null };
  }
  let chosen = withFigures[0];
  if (withFigures.length > 1) {
    const scored = withFigures
      .map((c) => ({ ...c, score: metricScore(c.target.metric, `${hint} ${text}`) }))
      .sort((a, b) => b.score - a.score);
    const [best, second] = scored;
    const tied = scored.filter((c) => c.score === best?.score);
    // One metric with a target for several years (5G基站: 1,500 by 2024, 2,500 by 2026): the report's day picks
    // the first target not yet past, else the last.
    const byYear = best && tied.every((c) => c.target.metric === best.target.metric) ? milestoneFor(tied, asOf) : null;
    if (byYear) chosen = byYear;
    else if (!best || best.score === 0 || (second && second.score === best.score)) {
      return {
        bound: false,
        reason: `数字可能对应多个指标(${withFigures.map((c) => c.target.metric).join("、")}),请在文字中写明指标名`,
      };
    } else chosen = best;
  }
  if (!chosen) return { bound: false, reason: null };
  const kind = targetKind(chosen.target);
  const fitting = chosen.figures.filter((f) => f.kind === kind);
  const unmarked = chosen.figures.filter((f) => f.kind === null);
  const pick = fitting.length === 1 ? fitting[0] : fitting.length === 0 && unmarked.length === 1 ? unmarked[0] : null;
  if (!pick) {
    const all = chosen.figures.map((f) => f.raw).join("、");
    const expected = kind === "level" ? "累计/达到的总数" : kind === "increment" ? "新增数" : "提升或下降的幅度";
    return { bound: false, reason: `「${chosen.target.metric}」需要${expected},文中的数字(${all})无法确定是哪一个` };
  }
  return { bound: true, target: chosen.target, value: pick.value, unit: chosen.target.unit };
}

/** Of one metric's targets in several years, the one a report on `asOf` works toward; null without a day. */
function milestoneFor<T extends { target: Target }>(candidates: T[], asOf: string | undefined): T | null {
  if (!asOf || candidates.length < 2) return null;
  const year = Number(asOf.slice(0, 4));
  const byYear = [...candidates].sort((a, b) => (a.target.year ?? 9999) - (b.target.year ?? 9999));
  return byYear.find((c) => (c.target.year ?? 9999) >= year) ?? byYear.at(-1) ?? null;
}

export function describeBinding(b: Extract<Binding, { bound: true }>): string {
  const verb = b.target.comparison === "提升" || b.target.comparison === "下降" ? `已${b.target.comparison}` : "";
  return `${b.target.metric} = ${verb}${formatNumber(b.value)}${b.unit}`;
}
