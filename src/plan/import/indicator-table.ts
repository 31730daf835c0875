// Reads a table of a plan's main indicators (专栏 主要指标: 指标名称 / 单位 / 2023年基期值 / 2026年目标值 / 指标属性)
// into targets of the overall goals: each row's figure to reach, with the level it starts from and the year.
import { parseFigure } from "../numbers.js";
import type { Comparison, Target } from "../schema.js";

type Column = "name" | "unit" | "base" | "target" | "attribute";

const HEADERS: [Column, RegExp][] = [
  ["base", /基期|基数|基准|现状|现值|完成值|实际值/],
  ["target", /目标|预期值|规划值/],
  ["name", /指标名称|^指标$|主要指标|具体指标|^名称$/],
  ["unit", /^(计量)?单位$/],
  ["attribute", /属性|性质|类型/],
];

/** A row's indicator, ready to be a goal target (its id is given where it joins the goals). */
export type IndicatorTarget = Omit<Target, "id">;

export interface IndicatorTable {
  targets: IndicatorTarget[];
  /** each row as the reply quotes it: the caption, the indicator and its cells with their headers */
  sentences: string[];
}

const YEAR = /((?:19|20)\d{2})\s*年/;
/** a unit cell left blank with a dash */
const NO_UNIT = /^[—–\-/]+$/;

function columnsOf(header: string[]): Map<Column, number> | null {
  const columns = new Map<Column, number>();
  header.forEach((cell, i) => {
    const text = cell.replace(/\s+/g, "");
    const column = HEADERS.find(([c, re]) => !columns.has(c) && re.test(text))?.[0];
    if (column) columns.set(column, i);
  });
  return columns.has("name") && columns.has("target") ? columns : null;
}

/** "95", "≥90", "90以上", "≤10", "10以内": the figure and how it is to be met; null for words (全覆盖, —). */
function figureOf(cell: string): { value: number; valueText: string; comparison: Comparison } | null {
  const text = cell.normalize("NFKC").replace(/\s+/g, "");
  const m = /^(≥|>=|>|≤|<=|<)?(\d+(?:\.\d+)?)(以上|以内|以下|左右)?$/.exec(text);
  if (!m?.[2]) return null;
  const value = parseFigure(m[2]);
  if (value === null) return null;
  const floor = m[1] === "≥" || m[1] === ">=" || m[1] === ">" || m[3] === "以上";
  const ceiling = m[1] === "≤" || m[1] === "<=" || m[1] === "<" || m[3] === "以内" || m[3] === "以下";
  return { value, valueText: m[2], comparison: floor ? "不少于" : ceiling ? "不超过" : "达到" };
}

/**
 * The targets of an indicator table; null when the table is not one (no column naming indicators and one of figures
 * to reach). `endYear` dates a target column that names no year.
 */
export function readIndicatorTable(rows: string[][], caption: string, endYear: number | null): IndicatorTable | null {
  const headerAt = rows.slice(0, 3).findIndex((r) => columnsOf(r) !== null);
  if (headerAt < 0) return null;
  const header = rows[headerAt] as string[];
  const columns = columnsOf(header) as Map<Column, number>;
  const at = (r: string[], c: Column) => {
    const i = columns.get(c);
    return i === undefined ? "" : (r[i] ?? "").replace(/\s+/g, " ").trim();
  };
  const headerOf = (c: Column) => at(header, c).replace(/\s+/g, "");
  const targetYear = Number(YEAR.exec(headerOf("target"))?.[1] ?? endYear ?? Number.NaN);
  const baseYear = Number(YEAR.exec(headerOf("base"))?.[1] ?? Number.NaN);
  // The caption is the lines before the table: its own title is what follows the last sentence before it.
  const title = (caption.split("。").at(-1) ?? "").replace(/\s+/g, " ").trim();
  const targets: IndicatorTarget[] = [];
  const sentences: string[] = [];
  for (const r of rows.slice(headerAt + 1)) {
    const named = at(r, "name");
    if (!named) continue;
    // 新能源公交车占比(%): the unit in brackets after the name, when there is no unit column.
    const bracket = /^(.+?)\s*[(（]([^()（）]{1,8})[)）]$/.exec(named);
    const metric = bracket?.[1] ?? named;
    const column = at(r, "unit");
    const said = (NO_UNIT.test(column) ? "" : column) || bracket?.[2] || "";
    const unit = NO_UNIT.test(said) ? "" : said;
    const printed = [
      `${metric}${unit ? `(${unit})` : ""}`,
      ...(["base", "target", "attribute"] as const)
        .filter((c) => columns.has(c) && at(r, c) !== "")
        .map((c) => (c === "attribute" ? at(r, c) : `${headerOf(c)}${at(r, c)}`)),
    ].join(" ");
    // Spaces, not commas, between the cells: a quote trimmed to clauses keeps the row whole.
    const sentence = title ? `${title} ${printed}` : printed;
    sentences.push(sentence);
    const figure = figureOf(at(r, "target"));
    if (!figure) continue;
    const base = figureOf(at(r, "base"));
    targets.push({
      taskNo: 0,
      metric,
      value: figure.value,
      valueText: figure.valueText,
      unit: unit === "%" || unit === "％" ? "%" : unit,
      year: Number.isNaN(targetYear) ? null : targetYear,
      comparison: figure.comparison,
      ...(base
        ? {
            from: {
              value: base.value,
              valueText: base.valueText,
              unit: unit === "％" ? "%" : unit,
              year: Number.isNaN(baseYear) ? null : baseYear,
            },
          }
        : {}),
      sentence,
      warnings: [],
    });
  }
  return { targets, sentences };
}
