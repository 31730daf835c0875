// Extracts the quantified targets of one sentence: metric, figure, unit, year and comparison, in the plan's own words.

import { escapeRegExp } from "../escape-regexp.js";
import { parseFigure } from "../numbers.js";
import { type Comparison, RECURRING, type WarningCode } from "../schema.js";

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

const MEASURE_UNITS = [
  "个百分点",
  "个工作日",
  "万家",
  "万户",
  "万个",
  "家",
  "个",
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
];
const OTHER_UNITS = [
  "万元/亩",
  "工作日",
  "小时",
  "天",
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
const UNIT = [...MEASURE_UNITS, ...OTHER_UNITS]
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join("|");
const SMALL_CN = "[一二两三四五六七八九十]{1,3}";
const MEASURE = MEASURE_UNITS.sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join("|");
/** an arabic figure with any unit, or a small Chinese numeral with a measure word (两个百分点) */
const FIGURE = new RegExp(
  `(\\d+(?:\\.\\d+)?)\\s*(${UNIT})|(?<![一二两三四五六七八九十百千万亿])(${SMALL_CN})(${MEASURE})`,
  "g",
);
/** a comparison verb directly followed by a unit: the number between them was lost */
const LOST_NUMBER = new RegExp(`(提升|提高|下降|降低|增长|增加|达到|突破|减少)(${MEASURE}|%)`);
const DEADLINES = /到\s*(\d{4})\s*(年)?(底|末)?|(?:^|[，,；;])\s*(\d{4})年(底|末)?前?/g;

const COMPARISON_WORDS: [string, Comparison][] = [
  ["不少于", "不少于"],
  ["不低于", "不少于"],
  ["突破", "突破"],
  ["超过", "突破"],
  ["下降", "下降"],
  ["降低", "下降"],
  ["减少", "下降"],
  ["提升", "提升"],
  ["提高", "提升"],
  ["增长", "提升"],
  ["累计", "累计"],
  ["达到", "达到"],
  ["达成", "达到"],
  ["实现", "实现"],
  ["新增", "新增"],
  ["培育", "培育"],
  ["形成", "形成"],
  ["拥有", "拥有"],
  ["确保", "确保"],
  ["压缩至", "不超过"],
  ["压缩到", "不超过"],
  ["缩短至", "不超过"],
  ["缩短到", "不超过"],
  ["控制在", "不超过"],
  ["降至", "不超过"],
  ["不超过", "不超过"],
  ["不高于", "不超过"],
];
/** Words that frame a target at its start (力争、确保、全区…) rather than name what is measured. */
const LEADING_FRAME = /^(力争|确保|全区|全市|全县|全镇|即|培育|形成|实现|达到|达成|累计|新增|拥有|建成|打造|引进|分别)/;
const TRAILING_FRAME =
  /(不少于|不低于|超过|突破|达到|达成|达|实现|提升|提高|增长|下降|降低|减少|分别|为|压缩至|压缩到|缩短至|缩短到|控制在|降至|不超过|不高于|进入)$/;

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

/** The comparison word nearest the figure wins: 增加值达到100亿元 is 达到, 培育不少于8家 is 不少于. */
function comparisonOf(prefix: string, suffix = ""): Comparison | null {
  let best: { at: number; c: Comparison } | null = null;
  for (const [word, c] of COMPARISON_WORDS) {
    const at = prefix.lastIndexOf(word);
    if (at >= 0 && (best === null || at + word.length > best.at)) best = { at: at + word.length, c };
  }
  if (best) return best.c;
  return /^\s*以上/.test(suffix) ? "不少于" : null;
}

function trimFrame(text: string): string {
  let s = text.replace(/^[的,，、\s]+|[的,，、\s]+$/g, "");
  for (let before = ""; before !== s; ) {
    before = s;
    s = s
      .replace(LEADING_FRAME, "")
      .replace(TRAILING_FRAME, "")
      .replace(/^[的,，、\s]+|[的,，、\s]+$/g, "");
  }
  return s;
}

function metricFrom(prefix: string, suffix: string, unit: string): string {
  const yearly = /年均/.test(prefix);
  const head = trimFrame(prefix.replace(/年均/g, ""));
  // 8家百亿企业: what is counted follows the measure word; 不少于8000平方米的服务中心: nothing precedes the figure.
  const tail =
    MEASURE_UNITS.includes(unit) || head === "" ? trimFrame(suffix.replace(/^(以上|以内|以下|左右)/, "")) : "";
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
  const segments: { scope: string; year: number | null }[] = [];
  const deadlines = [...sentence.matchAll(DEADLINES)];
  deadlines.forEach((d, i) => {
    const year = Number(d[1] ?? d[4]);
    const start = (d.index ?? 0) + d[0].length;
    const end = deadlines[i + 1]?.index ?? sentence.length;
    const scope = sentence.slice(start, end);
    segments.push({ scope, year });
    if (d[1] !== undefined && d[2] === undefined && d[3] === undefined) {
      defects.push({
        code: "date_lost_chars",
        excerpt: d[0].trim() + scope.slice(0, 3),
        message: `“${d[0].trim()}”后缺少“年”字(抓取时丢失),按“到${year}年”理解`,
        reading: `到${year}年`,
      });
    }
  });
  // A recurring target (每年新增…不少于500亩) has no deadline but is a target all the same.
  const yearly = segments.length === 0 ? RECURRING.exec(sentence) : null;
  if (yearly) segments.push({ scope: sentence.slice(yearly.index), year: null });
  if (segments.length === 0 && opts.inGoals) segments.push({ scope: sentence, year: null });

  const targets: ExtractedTarget[] = [];
  for (const { scope, year } of segments) targets.push(...segmentTargets(scope, year, opts.readings ?? [], defects));
  return { targets, defects };
}

function segmentTargets(scope: string, year: number | null, readings: Reading[], defects: Defect[]): ExtractedTarget[] {
  const targets: ExtractedTarget[] = [];
  let inherited: Comparison | null = null;
  for (const clause of scope.split(/[,，;；。]/)) {
    const text = clause.trim();
    if (!text) continue;
    const found = clauseTargets(text, year, inherited, readings, defects);
    for (const t of found) targets.push(t);
    const last = found.at(-1);
    if (last) inherited = last.comparison;
  }
  return targets;
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
    const rank = rankTarget(part, year);
    if (rank) {
      out.push(rank);
      continue;
    }
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
    comparison = comparisonOf(prefix, suffix) ?? comparison ?? "达到";
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

/** 进入全省前10位: a place in a ranking, whose figure is a rank (lower is better), not an amount. */
const RANK = new RegExp(`(全国|全省|全市|全区|同类园区)?前\\s*(\\d+|${SMALL_CN})\\s*(位|名)`);
const RANK_VERB = /(进入|迈入|跻身|挺进|位居|位列|稳居|保持|排名|排在|居)+$/;

/** 位居全省第一: a place named by a ranking verb (so that 第三产业 is never read as one) */
const PLACE = new RegExp(
  `(?:位居|位列|稳居|保持|排名|排在)(全国|全省|全市|全区|同类园区)?第\\s*(\\d+|${SMALL_CN})\\s*(位|名)?`,
);

function rankTarget(part: string, year: number | null): ExtractedTarget | null {
  const m = RANK.exec(part) ?? PLACE.exec(part);
  if (!m) return null;
  const subject = trimFrame(part.slice(0, m.index).replace(RANK_VERB, ""));
  if (!subject) return null;
  const valueText = m[2] ?? "";
  return {
    metric: `${subject}${m[1] ?? ""}排名`,
    value: parseFigure(valueText),
    valueText,
    unit: m[3] ?? "位",
    year,
    comparison: "进入前",
    warnings: [],
  };
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
