// Extracts the quantified targets of one sentence: metric, figure, unit, year and comparison, in the plan's own words.
import type { Comparison, WarningCode } from "../schema.js";
import { parseFigure } from "./numbers.js";

export interface ExtractedTarget {
  metric: string;
  value: number | null;
  valueText: string;
  unit: string;
  year: number | null;
  comparison: Comparison;
  warnings: WarningCode[];
}

export interface Defect {
  code: WarningCode;
  excerpt: string;
  message: string;
  reading?: string;
  confirmedByHuman?: boolean;
}

/** A reading a person recorded for a defective excerpt (knowledge/<plan>/review.yaml). */
export interface Reading {
  excerpt: string;
  reading: string;
}

const MEASURE_UNITS = ["个百分点", "万家", "家", "个", "项", "所", "座", "件", "台", "套", "户", "条", "次", "批", "只"];
const OTHER_UNITS = [
  "万元/亩",
  "亿元",
  "万元",
  "元",
  "亩",
  "%",
  "％",
  "万人次",
  "万人",
  "人次",
  "人",
  "万平方米",
  "平方米",
  "万千瓦",
  "千瓦",
  "公里",
  "万吨",
  "吨",
  "倍",
  "万辆",
  "辆",
  "万标箱",
  "标箱",
  "GW",
  "MW",
];
const UNIT = [...MEASURE_UNITS, ...OTHER_UNITS].sort((a, b) => b.length - a.length).map(escape).join("|");
const SMALL_CN = "[一二两三四五六七八九十]{1,3}";
const MEASURE = MEASURE_UNITS.sort((a, b) => b.length - a.length)
  .map(escape)
  .join("|");
/** an arabic figure with any unit, or a small Chinese numeral with a measure word (两个百分点) */
const FIGURE = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*(${UNIT})|(?<![一二两三四五六七八九十百千万亿])(${SMALL_CN})(${MEASURE})`, "g");
/** a comparison verb directly followed by a unit: the number between them was lost */
const LOST_NUMBER = new RegExp(`(提升|提高|下降|降低|增长|增加|达到|突破|减少)(${MEASURE}|%)`);
const DEADLINE = /到\s*(\d{4})\s*(年)?(底|末)?|(?:^|[，,；;])\s*(\d{4})年(底|末)?前?/;

const COMPARISON_WORDS: [RegExp, Comparison][] = [
  [/不少于|不低于|以上/, "不少于"],
  [/突破|超过/, "突破"],
  [/下降|降低|减少/, "下降"],
  [/提升|提高|增长|增加/, "提升"],
  [/累计/, "累计"],
  [/达到|达成|达/, "达到"],
  [/实现/, "实现"],
  [/新增/, "新增"],
  [/培育/, "培育"],
  [/形成/, "形成"],
  [/拥有/, "拥有"],
  [/确保/, "确保"],
];
/** Words that frame a target rather than name what is measured. */
const FRAME_WORDS =
  /力争|确保|全区|全市|全县|全镇|培育|形成|实现|达到|达成|突破|不少于|不低于|超过|累计|新增|拥有|提升|提高|下降|降低|增长|增加|减少|分别|规模达|建成|打造|^达|^即/g;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

interface Figure {
  index: number;
  length: number;
  valueText: string;
  unit: string;
}

function figuresIn(text: string): Figure[] {
  const out: Figure[] = [];
  for (const m of text.matchAll(FIGURE)) {
    const valueText = m[1] ?? m[3] ?? "";
    const unit = m[2] ?? m[4] ?? "";
    out.push({ index: m.index ?? 0, length: m[0].length, valueText, unit });
  }
  return out;
}

function comparisonOf(text: string): Comparison | null {
  for (const [re, c] of COMPARISON_WORDS) if (re.test(text)) return c;
  return null;
}

function metricFrom(prefix: string, suffix: string, unit: string): string {
  const yearly = /年均/.test(prefix);
  const clean = (s: string) =>
    s
      .replace(/年均/g, "")
      .replace(FRAME_WORDS, "")
      .replace(/^[的,，、\s]+|[的,，、\s]+$/g, "");
  const head = clean(prefix);
  const tail = MEASURE_UNITS.includes(unit) ? clean(suffix) : "";
  const metric = `${head}${tail}`;
  return yearly ? `${metric}(年均)` : metric;
}

export interface SentenceTargets {
  targets: ExtractedTarget[];
  defects: Defect[];
}

/**
 * Targets in one sentence. Only the part after a deadline (到2025年…) counts, unless the sentence belongs to the
 * overall goals; numbers before the deadline describe the present, not a target.
 */
export function extractTargets(sentence: string, opts: { inGoals: boolean; readings?: Reading[] }): SentenceTargets {
  const defects: Defect[] = [];
  const deadline = DEADLINE.exec(sentence);
  let scope: string;
  let year: number | null = null;
  if (deadline) {
    year = Number(deadline[1] ?? deadline[4]);
    scope = sentence.slice((deadline.index ?? 0) + deadline[0].length);
    if (deadline[1] !== undefined && deadline[2] === undefined && deadline[3] === undefined) {
      defects.push({
        code: "date_lost_chars",
        excerpt: deadline[0].trim() + scope.slice(0, 3),
        message: `“${deadline[0].trim()}”后缺少“年”字(抓取时丢失),按“到${year}年”理解`,
        reading: `到${year}年`,
      });
    }
  } else if (opts.inGoals) {
    scope = sentence;
  } else {
    return { targets: [], defects };
  }

  const targets: ExtractedTarget[] = [];
  let inherited: Comparison | null = null;
  for (const clause of scope.split(/[,，;；。]/)) {
    const text = clause.trim();
    if (!text) continue;
    const found = clauseTargets(text, year, inherited, opts.readings ?? [], defects);
    for (const t of found) targets.push(t);
    const last = found.at(-1);
    if (last) inherited = last.comparison;
  }
  return { targets, defects };
}

function clauseTargets(
  clause: string,
  year: number | null,
  inherited: Comparison | null,
  readings: Reading[],
  defects: Defect[],
): ExtractedTarget[] {
  const respectively = /^(.*?)分别(?:为|是)?(达到|达成|突破|实现|不少于|超过)?(.+)$/.exec(clause);
  if (respectively) {
    const subjects = (respectively[1] ?? "").split("、");
    const figures = figuresIn(respectively[3] ?? "");
    if (subjects.length === figures.length && subjects.length > 1) {
      const lastSubject = subjects.at(-1) ?? "";
      const shared = /(产业规模|规模|产值|营收|总量|数量|比重|增加值|收入)$/.exec(lastSubject)?.[1] ?? "";
      const comparison = comparisonOf(respectively[2] ?? "") ?? inherited ?? "达到";
      return subjects.map((subject, i) => {
        const f = figures[i] as Figure;
        const name = subject.endsWith(shared) ? subject : `${subject}${shared}`;
        return target(metricFrom(name, "", f.unit), f, year, comparison);
      });
    }
  }

  const items = clause.split("、");
  const withFigures = items.filter((i) => figuresIn(i).length > 0 || LOST_NUMBER.test(i));
  const parts = withFigures.length >= 2 ? items : [clause];
  const measureCount = parts.filter((p) => figuresIn(p).some((f) => MEASURE_UNITS.includes(f.unit))).length;
  const out: ExtractedTarget[] = [];
  let comparison = inherited;
  for (const part of parts) {
    const lost = LOST_NUMBER.exec(part);
    const figures = figuresIn(part);
    if (lost && figures.length === 0) {
      const c = comparisonOf(lost[1] ?? "") ?? "其他";
      defects.push({
        code: "number_lost",
        excerpt: lost[0],
        message: `原文“${part}”缺少具体数字(抓取时丢失),目标值不明确,请以正式文件为准`,
      });
      out.push({
        metric: metricFrom(part.slice(0, lost.index), "", lost[2] ?? ""),
        value: null,
        valueText: "",
        unit: lost[2] ?? "",
        year,
        comparison: c,
        warnings: ["number_lost"],
      });
      comparison = c;
      continue;
    }
    const f = figures[0];
    if (!f) continue;
    const prefix = part.slice(0, f.index);
    const suffix = part.slice(f.index + f.length);
    comparison = comparisonOf(prefix) ?? comparison ?? "达到";
    // In a list counted with measure words (8家…、100家…), an item with a bare long number and no measure word
    // is two numbers run together (3010亿元以上企业 = 30家 + 10亿元以上企业): flag it, never guess.
    const fused =
      parts.length > 1 && measureCount >= 2 && !MEASURE_UNITS.includes(f.unit) && /^\d{3,}$/.test(f.valueText);
    if (fused) {
      const excerpt = part.slice(f.index).replace(/^\s+/, "");
      const reading = readings.find((r) => r.excerpt === excerpt);
      const resolved = reading ? figuresIn(reading.reading)[0] : undefined;
      defects.push({
        code: "number_fused",
        excerpt,
        message: reading
          ? `原文“${excerpt}”数字粘连,经人工核对读作“${reading.reading}”`
          : `原文“${excerpt}”疑似两个数字粘连(缺少量词),数值未确认,请以正式文件为准`,
        ...(reading ? { reading: reading.reading, confirmedByHuman: true } : {}),
      });
      if (reading && resolved) {
        const rest = reading.reading.slice(resolved.index + resolved.length);
        out.push({
          ...target(metricFrom(prefix, rest, resolved.unit), resolved, year, comparison),
          warnings: ["number_fused"],
        });
      } else {
        out.push({
          metric: metricFrom(prefix, suffix, "家"),
          value: null,
          valueText: "",
          unit: "",
          year,
          comparison,
          warnings: ["number_fused"],
        });
      }
      continue;
    }
    out.push(target(metricFrom(prefix, suffix, f.unit), f, year, comparison));
  }
  return out.filter((t) => t.metric !== "" || t.value !== null);
}

function target(metric: string, f: Figure, year: number | null, comparison: Comparison): ExtractedTarget {
  return {
    metric,
    value: parseFigure(f.valueText),
    valueText: f.valueText,
    unit: f.unit === "％" ? "%" : f.unit,
    year,
    comparison,
    warnings: [],
  };
}
