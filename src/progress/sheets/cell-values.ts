// Reads cell values as sheets write them: figures with units (7家, 352.6亿元, 十二), days (Excel serials, 2025年6月30日,
// 2025.6.30, 2025年6月底) and task references (任务七, （三）, 第3项, 3. or a label before the title).
import { chineseNumeral, parseFigure } from "../../plan/numbers.js";
import { IsoDay } from "../schema.js";

export type CellFigure =
  | { kind: "empty" }
  | { kind: "figure"; value: number; unit: string | null }
  /** words, no number: 基本完成, 推进中 */
  | { kind: "words" }
  /** has a digit but is no figure: 3..5, 1o0 */
  | { kind: "bad" };

const NUMERAL = "[零〇一二两三四五六七八九十百千]+";

/** "7家" → 7 家, "352.6亿元" → 352.6 亿元, "1,100" → 1100, "十二" → 12, "50%" → 50 %. */
export function readFigure(cell: string): CellFigure {
  const s = cell
    .normalize("NFKC")
    .trim()
    .replace(/(?<=\d),(?=\d{3})/g, "")
    .replace(/\s+/g, "");
  if (s === "") return { kind: "empty" };
  const arabic = /^([+-]?\d+(?:\.\d+)?)(\D*)$/.exec(s);
  if (arabic) return { kind: "figure", value: Number(arabic[1]), unit: arabic[2] || null };
  const chinese = new RegExp(`^(${NUMERAL})([^零〇一二两三四五六七八九十百千]*)$`).exec(s);
  const value = chinese?.[1] ? chineseNumeral(chinese[1]) : null;
  // 十亿元以上企业 starts with a numeral but names something: a figure's unit is short and has no verb in it
  if (chinese && value !== null && (chinese[2] ?? "").length <= 4) {
    return { kind: "figure", value, unit: chinese[2] || null };
  }
  return /\d/.test(s) ? { kind: "bad" } : { kind: "words" };
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const pad2 = (n: number) => String(n).padStart(2, "0");

function isoDay(year: number, month: number, day: number): string | null {
  const iso = `${year}-${pad2(month)}-${pad2(day)}`;
  return IsoDay.safeParse(iso).success ? iso : null;
}

/**
 * A day as sheets write it: 2025-06-30, 2025/6/30, 2025.6.30, 2025年6月30日; a month alone (2025年6月, 2025年6月底)
 * is its last day; an Excel serial (45838) is what a date cell holds when its format was lost, as WPS and pasted
 * cells often leave it. Null when the cell holds no day.
 */
export function readDay(cell: string): string | null {
  const s = cell.normalize("NFKC").trim();
  const full = /^(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})\s*[日号]?$/.exec(s);
  if (full) return isoDay(Number(full[1]), Number(full[2]), Number(full[3]));
  const month = /^(\d{4})\s*[-年./]\s*(\d{1,2})\s*(?:月(?:底|末|份)?)?$/.exec(s);
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2])];
    return m >= 1 && m <= 12 ? isoDay(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate()) : null;
  }
  // Serials from 1954 to 2119: no other number a date column holds looks like one
  if (/^\d{5}(?:\.\d+)?$/.test(s) && Number(s) >= 20000 && Number(s) < 80000) {
    return new Date(EXCEL_EPOCH_MS + Math.floor(Number(s)) * 86_400_000).toISOString().slice(0, 10);
  }
  return null;
}

export type TaskCell =
  /** a label as the plan numbers its tasks: （三）, 三、 */
  | { kind: "label"; no: number; rest: string }
  /** a task number: 任务七, 第3项, 3, 3. */
  | { kind: "number"; no: number; rest: string }
  /** anything else: a title or keywords */
  | { kind: "words"; text: string };

const NUM = "[0-9一二两三四五六七八九十百]+";
const LABEL = new RegExp(`^[(]\\s*(${NUM})\\s*[)]\\s*[、.:]?\\s*(.*)$`, "s");
const LIST_LABEL = new RegExp(`^(${NUM})\\s*、\\s*(.*)$`, "s");
const NUMBERED = new RegExp(
  `^(?:任务\\s*(${NUM})|第\\s*(${NUM})\\s*(?:项|条|个)(?:任务)?|(\\d+))\\s*(?:[:：、.,，\\s]\\s*(.*))?$`,
  "s",
);

/** What a task cell names; `rest` is the title written after the label, if any. */
export function readTaskCell(cell: string): TaskCell {
  const s = cell.normalize("NFKC").trim();
  const label = LABEL.exec(s) ?? LIST_LABEL.exec(s);
  const labelNo = label?.[1] ? parseFigure(label[1]) : null;
  if (label && labelNo !== null) return { kind: "label", no: labelNo, rest: (label[2] ?? "").trim() };
  const numbered = NUMBERED.exec(s);
  const no = numbered ? parseFigure(numbered[1] ?? numbered[2] ?? numbered[3] ?? "") : null;
  if (numbered && no !== null) return { kind: "number", no, rest: (numbered[4] ?? "").trim() };
  return { kind: "words", text: s };
}

/** The numeral inside a plan's task label: "(三)" → 3, "（十二）" → 12. */
export function labelNumber(label: string): number | null {
  const m = new RegExp(`^[(]?\\s*(${NUM})\\s*[)、.]?$`).exec(label.normalize("NFKC").trim());
  return m?.[1] ? parseFigure(m[1]) : null;
}
