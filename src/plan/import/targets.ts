// Extracts the quantified targets of one sentence: metric, figure, unit, year and comparison, in the plan's own words.

import { parseFigure } from "../numbers.js";
import { type Comparison, RECURRING, type WarningCode } from "../schema.js";
import { figureNamesAClass, SCALED_COUNTING_UNITS, SCALED_MEASURED_UNITS, unitPattern } from "../units.js";
import { dueMarks, yearlyMark } from "./deadlines.js";

export interface ExtractedTarget {
  deadline?: { text: string; date?: string };
  yearReading?: string;
  metric: string;
  value: number | null;
  valueText: string;
  unit: string;
  year: number | null;
  comparison: Comparison;
  /** the level it starts from (由68%提高到90%) */
  from?: { value: number; valueText: string; unit: string; year: number | null };
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

/** measure words of counted things (the one list, src/plan/units.ts), with their scales (万户) */
const MEASURE_UNITS: readonly string[] = SCALED_COUNTING_UNITS;
/** 达到5年: a duration reached is a target too, but only where DURATION_VERB says so (see figuresIn) */
const OTHER_UNITS = [...SCALED_MEASURED_UNITS, "年"];
const UNIT = unitPattern([...MEASURE_UNITS, ...OTHER_UNITS]);
const SMALL_CN = "[一二两三四五六七八九十]{1,3}";
const MEASURE = unitPattern(MEASURE_UNITS);
/** an arabic figure with any unit, or a small Chinese numeral with a measure word (两个百分点) */
const FIGURE = new RegExp(
  `(\\d+(?:\\.\\d+)?)\\s*(${UNIT})|(?<![一二两三四五六七八九十百千万亿])(${SMALL_CN})(${MEASURE})`,
  "g",
);
/**
 * A comparison verb directly followed by a unit: the number between them was lost. Not where the "unit" starts a
 * word (提升本地配套率, 增加个体工商户, 提高个人收入).
 */
const LOST_NUMBER = new RegExp(
  `(提升|提高|下降|降低|增长|增加|达到|突破|减少)(${MEASURE}|%)(?![目链群地体人性])|(有)\\s+(${MEASURE})`,
);

const COMPARISON_WORDS: [string, Comparison][] = [
  // 提高到12% is a level reached, not a rise of 12%: the longer words end later and so win over 提高.
  ["提高到", "达到"],
  ["扩展至", "达到"],
  ["扩展到", "达到"],
  ["扩大至", "达到"],
  ["扩大到", "达到"],
  ["扩充至", "达到"],
  ["扩充到", "达到"],
  ["提高至", "达到"],
  ["提升到", "达到"],
  ["提升至", "达到"],
  ["增长到", "达到"],
  ["增加到", "达到"],
  ["增至", "达到"],
  ["增长至", "达到"],
  ["增加至", "达到"],
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
  // 降低到8% is a level to stay under, not a fall of 8%: as with 提高到, the longer word wins over 降低.
  ["降到", "不超过"],
  ["降低到", "不超过"],
  ["降低至", "不超过"],
  ["下降到", "不超过"],
  ["下降至", "不超过"],
  ["减少到", "不超过"],
  ["减少至", "不超过"],
  ["不超过", "不超过"],
  ["不高于", "不超过"],
];
/** Words that frame a target at its start (力争、确保、全区…) rather than name what is measured. */
const LEADING_FRAME =
  /^(力争|确保|全区|全市|全县|全镇|即|培育|形成|实现|达到|达成|累计|新增|拥有|建成|打造|引进|分别|认定|重点|其中|首批|有)/;
const TRAILING_FRAME =
  /(不少于|不低于|超过|突破|达到|达成|达|实现|扩展至|扩展到|扩大至|扩大到|扩充至|扩充到|提高到|提高至|提升到|提升至|增长到|增长至|增加到|增加至|增至|降低到|降低至|下降到|下降至|减少到|减少至|降到|提升|提高|增长|下降|降低|减少|分别|为|压缩至|压缩到|缩短至|缩短到|控制在|降至|不超过|不高于|进入|左右)$/;
/** Verbs of doing before what is counted (重点引进100名…人才, 筹集建设1000套…公寓): the thing counted names the target. */
const ACTION =
  /^.*(?:引进|培养|培训|选拔|资助|扶持|遴选|评选|评定|认定|设立|建设|建成|新建|筹建|筹集|组织|发动|举办|打造|培育|新增|支持|选派|服务|转化|创办|形成|实现|达到|拥有|累计|产生|开展|完成|集聚|推动|带动|推广|创建|组建)/;
/** A clause that opens with a verb of doing (创建…15家, 建成…2座) says what to do, not a comparison carried from before. */
const DOING_FIRST = /^\s*(?:创建|组建|建成|新建|建设|筹建|引进|培育|培养|打造|推广|完成|设立|举办|开展|实施)/;
/** Words that make a figure of a task's sentence a target even without a deadline: a comparison or a verb of doing. */
const TARGET_WORDS =
  /不少于|不低于|以上|左右|达到|突破|超过|引进|培养|培训|选拔|资助|扶持|遴选|评选|评定|认定|设立|建设|建成|新建|筹建|筹集|组织|发动|举办|打造|培育|新增|选派|创办|引育|招引|推广|完成|创建|组建|铺设|改造|改建|扩建|安装|配备|整治|修复|布设|开通/;

interface Figure {
  index: number;
  length: number;
  valueText: string;
  unit: string;
}

/** 达到5年 is a duration reached; 连续3年, 分2年, 2017年 are not figures of a target. */
const DURATION_VERB = /(达到|达|为|提高到|提升到|延长至|延长到|缩短至|缩短到)\s*$/;

const CEILING =
  /(压缩至|压缩到|缩短至|缩短到|控制在|降至|降到|降低到|降低至|下降到|下降至|减少到|减少至|不超过|不高于)\s*$/;

const ALREADY = /已经?(?:建成|建设|建有|有|拥有|累计|完成|达到|新增|培育|引进|认定)|现有/;

/** A figure in a task's sentence without a deadline is a target when the words make it one, never a limit (30人以下). */
function isStatedTarget(prefix: string, suffix: string): boolean {
  // 通关时间压缩至30小时以内: a ceiling brought down to is a target, unlike a limit on who qualifies (30人以下).
  if (CEILING.test(prefix)) return true;
  if (/^\s*[(（]?含?[)）]?\s*(以下|以内)/.test(suffix)) return false;
  // 全县已建成…236处, 现有…: what stands already, not what is to be done.
  if (ALREADY.test(prefix)) return false;
  return TARGET_WORDS.test(prefix) || /^\s*(以上|左右)/.test(suffix);
}

function figuresIn(text: string): Figure[] {
  const out: Figure[] = [];
  for (const m of text.matchAll(FIGURE)) {
    const valueText = m[1] ?? m[3] ?? "";
    const unit = m[2] ?? m[4] ?? "";
    if (unit === "年" && !(valueText.length <= 2 && DURATION_VERB.test(text.slice(0, m.index ?? 0)))) continue;
    // 一批, 一个, 一张网: "a batch", "a" — wording, not a count a plan sets.
    if (valueText === "一" && MEASURE_UNITS.includes(unit) && !/^个./.test(unit)) continue;
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

/** 具体目标如下：（1）, (2), 3. : a list's lead-in and its item numbers, before what an item measures */
const LIST_MARKS = /^(?:[^:：]*[:：])?\s*(?:[(（][0-9一二三四五六七八九十]{1,2}[)）]|[0-9]{1,2}[.．、](?!\d))?/;

function trimFrame(text: string): string {
  let s = text.replace(LIST_MARKS, "").replace(/^[的,，、\s“”"]+|[的,，、\s“”"]+$/g, "");
  for (let before = ""; before !== s; ) {
    before = s;
    s = s
      .replace(LEADING_FRAME, "")
      .replace(TRAILING_FRAME, "")
      .replace(/^[的,，、\s“”"]+|[的,，、\s“”"]+$/g, "");
  }
  return s;
}

/** 羊城学者”特聘岗位 → “羊城学者”特聘岗位: a quote cut at the metric's edge is put back. */
function balanceQuotes(metric: string): string {
  const open = (metric.match(/“/g) ?? []).length;
  const close = (metric.match(/”/g) ?? []).length;
  if (close > open && metric.indexOf("”") < (metric.indexOf("“") === -1 ? Infinity : metric.indexOf("“")))
    return `“${metric}`;
  if (open > close) return `${metric}”`;
  return metric;
}

/** a measure of size that names no thing: 规模 of what follows (设立规模不低于2亿元的数字乡村发展基金) */
const SIZE_OF = /(规模|面积|总额|容量)$/;

function metricFrom(prefix: string, suffix: string, unit: string): string {
  const yearly = /年均/.test(prefix);
  let head = trimFrame(prefix.replace(/年均/g, ""));
  const sized = /^的([^的]+)$/.exec(suffix.trim());
  const size = SIZE_OF.exec(trimFrame(head.replace(ACTION, "")));
  if (sized?.[1] && size?.[1]) {
    const metric = `${trimFrame(sized[1])}${size[1]}`;
    return yearly ? `${metric}(年均)` : metric;
  }
  // 8家百亿企业: what is counted follows the measure word; 不少于8000平方米的服务中心: nothing precedes the figure.
  const tail =
    MEASURE_UNITS.includes(unit) || head === ""
      ? trimFrame(
          suffix
            .replace(/^(以上|以内|以下|左右)/, "")
            .replace(/(全面)?(建成|完成|落地|投用)$/, "")
            .replace(/(获|参加|赴|到)[^的]*$/, ""),
        )
      : "";
  // 重点引进100名市管企业…人才: the verb before the figure is what is done, the thing after it is what is counted.
  if (tail !== "") head = trimFrame(head.replace(ACTION, ""));
  const metric = balanceQuotes(`${head}${tail}`);
  return yearly ? `${metric}(年均)` : metric;
}

export interface SentenceTargets {
  targets: ExtractedTarget[];
  defects: Defect[];
  /** a relative period the sentence sets (5年内), for the item's later sentences */
  period?: DueScope;
  /** the deadline a goals sentence opens on (到2027年，…), for the goals' later sentences that name no time */
  horizon?: DueScope;
}

/** A size class (千亿产业, 百亿级产业集群) says how big, not what: the industry the sentence grows is its subject. */
const SIZE_CLASS = /^[千百十万亿]+(?:元)?级?(?:产业|产业集群|集群|企业)$/;
const GROWN_INDUSTRY = /(?:培育|发展|壮大|打造|做强|做大|做优)([\u4e00-\u9fa5]{2,8}?)产业/;

/** 千亿产业 in "加速培育新型显示产业…形成1个千亿产业" → 新型显示千亿产业, as a reader names it. */
function withSubject(metric: string, sentence: string): string {
  if (!SIZE_CLASS.test(metric)) return metric;
  const grown = GROWN_INDUSTRY.exec(sentence);
  return grown?.[1] ? `${grown[1]}${metric}` : metric;
}

/** words that place a statement in the present or past: 目前, 现有, 已建成, 2022年 */
const PRESENT = /目前|现有|现已|已经|已有|已建|截至|截止|(?:19|20)\d{2}年/;

/** 由2023年的, 从2020年底的: the year a starting level is given for */
const FROM_YEAR = /[由从](?:19|20)\d{2}年(?:底|末)?的?/g;
/** 截至2023年底，…; 2023年，…; 目前… : a sentence opening on where things stand */
const PRESENT_OPENING = /^(?:截至|截止|到)?((?:19|20)\d{2})年(?:底|末)?[,，]|^(?:目前|当前|现阶段|截至目前|截至当前)/;

/**
 * A goals sentence with no deadline that opens on where things stand (截至2023年底，全县已建成…236处) gives the
 * starting point, not targets. A year opening it is the present only when the plan has started after it.
 */
function statesThePresent(sentence: string, startYear: number | null): boolean {
  const m = PRESENT_OPENING.exec(sentence.trim());
  if (!m) return false;
  return m[1] === undefined || (startYear !== null && Number(m[1]) < startYear);
}

/** where the clause holding index starts: after the last comma or semicolon before it */
function clauseStart(sentence: string, index: number): number {
  const before = sentence.slice(0, index);
  return Math.max(...[",", "，", ";", "；"].map((c) => before.lastIndexOf(c))) + 1;
}

/** Where the clause holding `index` ends: at the next comma or semicolon, else at the sentence's end. */
function clauseEnd(sentence: string, index: number): number {
  const next = /[,，;；]/.exec(sentence.slice(index));
  return next ? index + next.index : sentence.length;
}

/** The time a segment of a sentence is about: the year it falls due and the words that say so. */
export interface DueScope {
  year: number | null;
  deadline?: { text: string; date?: string };
  yearReading?: string;
}

export interface ExtractOptions {
  inGoals: boolean;
  readings?: Reading[];
  /** the plan's first year, from which relative periods (5年内) are counted */
  startYear?: number | null;
  /** the year of a plan for one year (2025年工作要点), in which 6月底前 and 第三季度 fall */
  oneYear?: number | null;
  /** a relative period set earlier in the same item (5年内…。重点建设30家…), which later sentences share */
  inherited?: DueScope;
  /**
   * When the sentence is a statement of targets that falls due as a whole (a task table's 具体内容或目标 cell, due by
   * its row's 完成时限): every figure is a target, as in the goals, due then unless the sentence names its own time.
   */
  due?: DueScope;
}

/**
 * Targets in one sentence. Only the part after a deadline (到2025年…) or a period (5年内) counts, unless the sentence
 * belongs to the overall goals; numbers before the deadline describe the present, not a target. A sentence of a task
 * with neither counts figures only where the words make them a target (不少于10名, 设立50个).
 */
export function extractTargets(sentence: string, opts: ExtractOptions): SentenceTargets {
  const defects: Defect[] = [];
  /** from: where the scope starts in the sentence, so that targets come in the sentence's order */
  const segments: { from: number; scope: string; due: DueScope; strict: boolean }[] = [];
  const marks = dueMarks(sentence, opts.startYear ?? null, opts.oneYear ?? null);
  let period: DueScope | undefined;
  let horizon: DueScope | undefined;
  marks.forEach((d, i) => {
    const scope = sentence.slice(d.end, marks[i + 1]?.index ?? sentence.length);
    const due: DueScope = {
      year: d.year,
      deadline: { text: d.text, ...(d.date ? { date: d.date } : {}) },
      ...(d.yearReading ? { yearReading: d.yearReading } : {}),
    };
    if (d.kind === "period") period = due;
    if (i === 0 && d.kind === "deadline" && d.index <= 2 && opts.inGoals) horizon = due;
    segments.push({ from: d.end, scope, due, strict: false });
    if (d.lostYearChar) {
      defects.push({
        code: "date_lost_chars",
        excerpt: d.text + scope.slice(0, 3),
        message: `“${d.text}”后缺少“年”字(抓取时丢失),按“到${d.year}年”理解`,
        reading: `到${d.year}年`,
      });
    }
  });
  // A recurring target (每年新增…不少于500亩, 贷款余额年均增长10%) is a target all the same, from the start of its
  // clause (the subject of 年均 comes before it) to the first deadline. After a deadline it is that deadline's
  // (到2025年,…,年均下降3.0% is a rate over the years up to 2025).
  const yearly = RECURRING.exec(sentence);
  const yearlyFrom = yearly && !marks.some((d) => d.index < yearly.index) ? clauseStart(sentence, yearly.index) : -1;
  if (yearly && yearlyFrom >= 0) {
    const every = yearlyMark(sentence);
    // 每年 holds for its own clause: "每年实施改造项目不少于30个，创建绿色工厂15家" sets 15家 without saying per year,
    // and reading it as 每年 would claim a recurrence the plan does not state. The clauses after it are read as a
    // sentence without a deadline is.
    const until = Math.min(clauseEnd(sentence, yearly.index), marks[0]?.index ?? sentence.length);
    segments.push({
      from: yearlyFrom,
      scope: sentence.slice(yearlyFrom, until),
      due: { year: null, ...(every && every.index === yearly.index ? { deadline: { text: every.text } } : {}) },
      strict: false,
    });
    const rest = sentence.slice(until, marks[0]?.index ?? sentence.length);
    // In the goals every figure is a target, before and after the 每年 clause alike.
    if (rest.replace(/^[,，;；]/, "").trim() !== "")
      segments.push({
        from: until,
        scope: rest,
        due: opts.due ?? opts.inherited ?? { year: null },
        strict: !opts.due && !opts.inGoals,
      });
  }
  // What a task's sentence says before its first deadline (建成益农信息社120个，到2027年…) counts where the words
  // make it a target, as in a sentence with no deadline (in a table's targets cell, every figure does); a part
  // naming a year or the present describes what is.
  const first = yearlyFrom >= 0 ? yearlyFrom : (marks[0]?.index ?? sentence.length);
  const lead = sentence.slice(0, first);
  // 由2023年的42%提升到60%: the year of a starting level does not put the clause in the present.
  const leadSaysPresent = PRESENT.test(lead.replace(FROM_YEAR, ""));
  // In the goals, only what comes before a 每年 clause counts (what precedes a deadline is the present).
  const leadCounts = !opts.inGoals || (yearlyFrom >= 0 && marks.length === 0);
  if (segments.length > 0 && leadCounts && lead !== "" && !leadSaysPresent)
    segments.unshift({
      from: 0,
      scope: lead,
      due: opts.due ?? opts.inherited ?? { year: null },
      strict: !opts.due && !opts.inGoals,
    });
  if (segments.length === 0 && statesThePresent(sentence, opts.startYear ?? null)) return { targets: [], defects };
  if (segments.length === 0 && (opts.inGoals || opts.due))
    segments.push({
      from: 0,
      scope: sentence,
      due: opts.due ?? (opts.inGoals ? opts.inherited : undefined) ?? { year: null },
      strict: false,
    });
  if (segments.length === 0)
    segments.push({ from: 0, scope: sentence, due: opts.inherited ?? { year: null }, strict: true });

  const targets: ExtractedTarget[] = [];
  for (const { scope, due, strict } of segments.sort((a, b) => a.from - b.from)) {
    for (const t of segmentTargets(scope, due.year, opts.readings ?? [], defects, strict)) {
      targets.push({
        ...t,
        metric: withSubject(t.metric, sentence),
        ...(due.deadline ? { deadline: due.deadline } : {}),
        ...(due.yearReading ? { yearReading: due.yearReading } : {}),
      });
    }
  }
  // 新建改造供水管网320公里，其中2024年完成100公里: a part named by its verb alone counts what the sentence counted.
  // 改造城镇老旧小区128个，涉及房屋1046栋…，其中2024年改造45个: the nearest earlier target in the same unit.
  targets.forEach((t, i) => {
    if (t.metric !== "" && !BARE_VERB.test(t.metric)) return;
    const before = targets
      .slice(0, i)
      .reverse()
      .find((x) => x.unit === t.unit);
    if (before) t.metric = before.metric;
  });
  return { targets, defects, ...(period ? { period } : {}), ...(horizon ? { horizon } : {}) };
}

const BARE_VERB = /^(?:完成|新增|建成|实现|达到|累计|新建|改造)$/;

/**
 * （枯水期、丰水期各1次）: an aside in brackets breaks down or explains the figure before it; read as part of the
 * clause, its 、 would make it targets of its own. Blanked to spaces of the same length, so positions hold.
 */
const ASIDE = /[(（][^()（）]*(?:、|各)[^()（）]*[)）]/g;

function segmentTargets(
  scope: string,
  year: number | null,
  readings: Reading[],
  defects: Defect[],
  strict: boolean,
): ExtractedTarget[] {
  const targets: ExtractedTarget[] = [];
  let inherited: Comparison | null = null;
  for (const clause of scope.replace(ASIDE, (m) => " ".repeat(m.length)).split(/[,，;；。]/)) {
    const text = clause.trim();
    if (!text) continue;
    const found = clauseTargets(text, year, inherited, readings, defects, strict);
    for (const t of found) {
      // 年均增长8% after 地区生产总值达到1000亿元: a rate with no subject of its own is the previous target's rate.
      const previous = targets.at(-1);
      if (previous && t.metric === "(年均)") t.metric = `${previous.metric.replace(/\(年均\)$/, "")}(年均)`;
      if (t.metric === "(年均)") continue;
      targets.push(t);
    }
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
  strict: boolean,
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

  // 1000套专家公寓和10000套人才公寓: 和/及 before a figure joins two targets as 、 does.
  const items = clause.split(/、|(?:和|及|以及)(?=\d)/);
  const withFigures = items.filter((i) => figuresIn(i).length > 0 || LOST_NUMBER.test(i));
  const parts = withFigures.length >= 2 ? items : [clause];
  const measureCount = parts.filter((p) => figuresIn(p).some((f) => MEASURE_UNITS.includes(f.unit))).length;
  const out: ExtractedTarget[] = [];
  // A clause with a verb of doing of its own before its first figure (…不少于30个，创建绿色工厂15家) does not take
  // the comparison of the clause before it: 15家 is what to create, not a floor.
  const head = clause.slice(0, figuresIn(clause)[0]?.index ?? clause.length);
  let comparison = DOING_FIRST.test(head) && comparisonOf(head) === null ? null : inherited;
  /** an earlier item of this enumeration was a target by its words */
  let listed = false;
  for (const part of parts) {
    const rank = rankTarget(part, year);
    if (rank) {
      out.push(rank);
      continue;
    }
    const lost = LOST_NUMBER.exec(part);
    const figures = figuresIn(part);
    if (lost && figures.length === 0) {
      const c = comparisonOf(lost[1] ?? "") ?? (lost[3] ? "达到" : "其他");
      const lostUnit = lost[2] ?? lost[4] ?? "";
      defects.push({
        code: "number_lost",
        excerpt: lost[0],
        message: `原文“${part}”缺少具体数字(抓取时丢失),目标值不明确,请以正式文件为准`,
      });
      out.push({
        metric: metricFrom(part.slice(0, lost.index), part.slice(lost.index + lost[0].length), lostUnit),
        value: null,
        valueText: "",
        unit: lostUnit,
        year,
        comparison: c,
        warnings: ["number_lost"],
      });
      comparison = c;
      continue;
    }
    const change = fromTo(part, figures);
    // In a list counted with measure words (8家…、100家…), an item with a bare long number and no measure word
    // is two numbers run together (3010亿元以上企业 = 30家 + 10亿元以上企业): flagged below, never guessed.
    const runTogether = (g: Figure) =>
      parts.length > 1 && measureCount >= 2 && !MEASURE_UNITS.includes(g.unit) && /^\d{3,}$/.test(g.valueText);
    const f =
      change?.to ?? figures.find((g) => runTogether(g) || !figureNamesAClass(g.unit, part.slice(g.index + g.length)));
    if (!f) continue;
    // 覆盖率由68%提高到90%: what is measured comes before 由, the level reached after 提高到.
    const prefix = change ? part.slice(0, change.at) : part.slice(0, f.index);
    const suffix = part.slice(f.index + f.length);
    if (change) {
      comparison = comparisonOf(part.slice(0, f.index)) ?? "达到";
      out.push({ ...target(metricFrom(prefix, suffix, f.unit), f, year, comparison), from: change.from });
      continue;
    }
    // 新建养老服务站15个、托育点10个: the verb that makes the list's first item a target carries over to the rest.
    if (strict && !listed && !isStatedTarget(prefix, suffix)) continue;
    listed = parts.length > 1;
    comparison = comparisonOf(prefix, suffix) ?? comparison ?? "达到";
    const fused = runTogether(f);
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

/** 由2024年的68%提高到90%以上, 从12天压缩至5天: a level moved from one figure to another */
const FROM = /[由从]((?:19|20)\d{2})?年?(?:底|末)?的?\s*$/;
const MOVED_TO = /(?:提高|提升|增加|增长|扩大|降低|下降|减少|压缩|缩短|降)(?:到|至)\s*$/;

/**
 * The figure a level is moved to and the one it starts from, when the part says so: the target is the level
 * reached, never the starting one.
 */
function fromTo(
  part: string,
  figures: Figure[],
): { at: number; to: Figure; from: NonNullable<ExtractedTarget["from"]> } | null {
  for (let i = 1; i < figures.length; i++) {
    const start = figures[i - 1] as Figure;
    const to = figures[i] as Figure;
    const between = part.slice(start.index + start.length, to.index);
    const before = FROM.exec(part.slice(0, start.index));
    const value = parseFigure(start.valueText);
    if (!before || value === null || !MOVED_TO.test(between) || !/^[\u4e00-\u9fa5\s]*$/.test(between)) continue;
    return {
      at: before.index,
      to,
      from: {
        value,
        valueText: start.valueText,
        unit: start.unit === "％" ? "%" : start.unit,
        year: before[1] ? Number(before[1]) : null,
      },
    };
  }
  return null;
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
