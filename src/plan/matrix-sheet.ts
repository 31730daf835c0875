// The review sheet: a plan's matrix as an Excel workbook a person can edit (tasks, targets), and the sheet read back
// with every cell checked. Only changed cells become review entries; an untouched sheet changes nothing.
import ExcelJS from "exceljs";
import { baselineIn, readBaseline, writeBaseline } from "./baseline-cell.js";
import {
  DELETE,
  type ReviewEntry,
  splitUnits,
  TARGET_FIELDS,
  TASK_FIELDS,
  type TargetField,
  type TaskField,
  targetAnchor,
  targetCell,
  taskAnchor,
  taskCell,
} from "./matrix-review.js";
import { Comparison, type ResponsibilityMatrix, type Target, type WarningCode } from "./schema.js";
import { type LayoutColumn, sheetLayout } from "./sheet-layout.js";

export const TASK_SHEET = "任务";
export const TARGET_SHEET = "指标";
export const ABOUT_SHEET = "说明";

type Column<F> = LayoutColumn & { width: number; field?: F; readOnly?: boolean };

const TASK_COLUMNS: Column<TaskField>[] = [
  { header: "任务序号", width: 9, readOnly: true },
  { header: "编号", width: 8, readOnly: true },
  { header: "任务", width: 28, field: "title" },
  { header: "牵头单位", width: 22, field: "lead" },
  { header: "配合单位", width: 36, field: "partners" },
  { header: "完成时限", width: 16, field: "deadline" },
  { header: "原文分工", width: 50, readOnly: true },
  { header: "警告", width: 40, readOnly: true },
];

const TARGET_COLUMNS: Column<TargetField>[] = [
  { header: "指标编号", width: 9, readOnly: true },
  { header: "任务序号", width: 9, readOnly: true },
  { header: "指标", width: 30, field: "metric" },
  { header: "数值", width: 10, field: "value" },
  { header: "单位", width: 8, field: "unit" },
  { header: "年份", width: 8, field: "year" },
  { header: "比较", width: 8, field: "comparison" },
  { header: "完成时限", width: 16, field: "deadline" },
  // added later: sheets exported before it still import, their baselines left as they are
  { header: "基线", width: 14, field: "from", optional: true },
  { header: "原文句子", width: 60, readOnly: true },
  { header: "警告", width: 30, readOnly: true },
];

const WARNING_NAMES: Record<WarningCode, string> = {
  title_spam: "标题带入无关文字",
  site_footer: "网页导航文字",
  date_lost_chars: "日期缺字",
  number_lost: "数字缺失",
  number_fused: "数字粘连",
  attribution_missing: "未写明牵头部门",
  page_furniture: "页眉页脚页码",
  not_understood: "未能读懂的部分",
};

function allTargets(m: ResponsibilityMatrix): Target[] {
  return [...m.goals.targets, ...m.tasks.flatMap((t) => t.targets)];
}

function taskRow(m: ResponsibilityMatrix, no: number): string[] {
  const t = m.tasks.find((x) => x.no === no);
  if (!t) return [];
  const warnings = m.warnings.filter((w) => w.taskNo === t.no).map((w) => w.message);
  return [String(t.no), t.label, ...TASK_FIELDS.map((f) => taskCell(t, f)), t.attribution, warnings.join(";")];
}

function targetRow(t: Target): (string | number)[] {
  const cells = TARGET_FIELDS.map((f) => targetCell(t, f));
  return [t.id, String(t.taskNo), ...cells, t.sentence, t.warnings.map((w) => WARNING_NAMES[w]).join("、")];
}

export async function writeMatrixSheet(m: ResponsibilityMatrix, file: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const about = book.addWorksheet(ABOUT_SHEET);
  about.addRows([
    ["计划", m.slug],
    ["标题", m.title],
    ["原文校验码", m.source.sha256],
    [],
    [
      "怎么改",
      "在“任务”和“指标”两张表里直接改白色的格子;灰色的列(序号、编号、原文、警告)只读(新增的指标行除外)。多个单位用“、”隔开。",
    ],
    ["比较可填", `${Comparison.options.join("、")};填“${DELETE}”删去一个读错的指标`],
    [
      "基线",
      "指标的起点(由…提高到…的“由”),如“68%(2024年)”“2024年68%”“68%”“1.2万家”;单位须与本行单位相同,只填数字即用本行单位;清空即无基线",
    ],
    [
      "漏掉的指标",
      "在“指标”表末尾加一行:指标编号留空,填任务序号(0 为总体目标)、指标、数值、单位、年份、比较(基线可填),原文句子填该任务原文中完整的一句",
    ],
    ["改完后", `planbot matrix import ${m.slug} 本文件 --by 你的名字`],
  ]);
  about.getColumn(1).width = 12;
  about.getColumn(2).width = 90;
  const sheet = <F>(name: string, columns: Column<F>[], rows: (string | number)[][]) => {
    const ws = book.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
    ws.getRow(1).font = { bold: true };
    // Numbers and years stay text, as shown: Excel would otherwise turn 1.50 into 1.5 or 2025 into a date.
    for (const r of rows) ws.addRow(r.map(String));
    columns.forEach((c, i) => {
      if (!c.readOnly) return;
      ws.getColumn(i + 1).eachCell((cell) => {
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEDEDED" } };
      });
    });
  };
  sheet(
    TASK_SHEET,
    TASK_COLUMNS,
    m.tasks.map((t) => taskRow(m, t.no)),
  );
  sheet(TARGET_SHEET, TARGET_COLUMNS, allTargets(m).map(targetRow));
  await book.xlsx.writeFile(file);
}

export interface CellProblem {
  sheet: string;
  /** 1-based row as Excel shows it */
  row: number;
  /** the column's letter and header, e.g. D(牵头单位) */
  column: string;
  why: string;
}

export function describeProblem(p: CellProblem): string {
  return `“${p.sheet}”表 第${p.row}行 ${p.column}列:${p.why}`;
}

const UNIT_NAME = /^[^,，。;；:：!！?？()（）"“”'‘’]{2,40}$/;

function checkTaskCell(field: TaskField, value: string): string | null {
  if (field === "title") return value.trim() === "" ? "任务名称不能为空" : null;
  if (field === "lead" || field === "partners") {
    const units = splitUnits(value);
    if (field === "lead" && units.length === 0) return "牵头单位不能为空";
    const bad = units.find((u) => !UNIT_NAME.test(u));
    return bad ? `“${bad}”不像单位名称(2–40个字,不含标点;多个单位用“、”隔开)` : null;
  }
  return value.length > 40 ? "完成时限太长(最多40个字)" : null;
}

/** A row's cells by field: as the sheet has them now, and as they were exported ("" for an added row). */
interface RowView<F> {
  cell(field: F): string;
  exported(field: F): string;
}

function checkTargetCell(field: TargetField, value: string, row: RowView<TargetField>): string | null {
  const v = value.trim();
  if (field === "metric") return v === "" ? "指标名称不能为空" : null;
  if (field === "value") return v === "" || Number.isFinite(Number(v)) ? null : `“${v}”不是数字(原文缺数字时留空)`;
  if (field === "unit") return v.length > 10 ? "单位太长(最多10个字)" : null;
  if (field === "year") return v === "" || /^(19|20|21)\d{2}$/.test(v) ? null : `“${v}”不是年份(四位数字,或留空)`;
  if (field === "comparison")
    return Comparison.safeParse(v).success || v === DELETE
      ? null
      : `“${v}”不是可用的比较(可填:${Comparison.options.join("、")};填“${DELETE}”删去这个指标)`;
  if (field === "from") return checkBaselineCell(v, row);
  return v.length > 40 ? "完成时限太长(最多40个字)" : null;
}

function checkBaselineCell(v: string, row: RowView<TargetField>): string | null {
  if (v === "") return null;
  const typed = readBaseline(v);
  if (!typed) return `“${v}”不是基线(填数字,可带单位和年份,如“68%(2024年)”“2024年68%”“68%”;没有基线时留空)`;
  const unit = row.cell("unit");
  // A baseline the plan stated in another unit stands while nobody touches the row's baseline or unit; one a person
  // enters, or keeps under a unit they changed, must be on the target's scale, or the pace line cannot start from it.
  const touched = v !== row.exported("from") || unit !== row.exported("unit");
  if (touched && !baselineIn(typed, unit))
    return `基线的单位“${typed.unit}”与本行的单位“${unit}”不同(基线须与指标同一单位;只填数字即用本行单位)`;
  return null;
}

/** The value recorded for a valid cell: a baseline in its one written form, with the row's unit when only a number was typed. */
function recordTargetCell(field: TargetField, value: string, row: RowView<TargetField>): string {
  if (field !== "from" || value === "") return value;
  const typed = readBaseline(value);
  const b = typed && baselineIn(typed, row.cell("unit"));
  return b ? writeBaseline(b) : value;
}

/** 1.50 and 1.5 are the same figure; anything else compares as written. */
function sameCell(field: string, a: string, b: string): boolean {
  if ((field === "value" || field === "year") && a !== "" && b !== "") return Number(a) === Number(b);
  return a === b;
}

const letter = (i: number) => String.fromCharCode(65 + i);
const targetColumn = (f: TargetField) => TARGET_COLUMNS.findIndex((c) => c.field === f);
const SENTENCE_COLUMN = TARGET_COLUMNS.findIndex((c) => c.header === "原文句子");

export interface SheetReading {
  changes: Omit<ReviewEntry, "reviewedBy" | "reviewedAt">[];
  problems: CellProblem[];
}

/** Reads a review sheet against the matrix it was exported from: every cell is checked, only changed ones kept. */
export async function readMatrixSheet(file: string, m: ResponsibilityMatrix): Promise<SheetReading> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const problems: CellProblem[] = [];
  const changes: SheetReading["changes"] = [];
  const slug = book.getWorksheet(ABOUT_SHEET)?.getCell("B1").text.trim();
  if (slug !== m.slug) {
    problems.push({
      sheet: ABOUT_SHEET,
      row: 1,
      column: "B(计划)",
      why: slug ? `这张表是计划“${slug}”的,不是“${m.slug}”的` : "找不到计划名:不是 planbot matrix export 导出的表",
    });
    return { changes, problems };
  }
  /**
   * Cells are indexed by today's columns; a column the sheet lacks (an older export) reads as undefined, and where()
   * names a column by the letter it has in this sheet.
   */
  const read = <F extends string>(
    name: string,
    columns: Column<F>[],
    current: (key: string) => { cells: string[]; ref: string; anchor: string } | undefined,
    check: (field: F, value: string, row: RowView<F>) => string | null,
    record: (field: F, value: string, row: RowView<F>) => string,
    added?: (cells: string[], rowNo: number, where: (i: number) => string) => void,
  ) => {
    const ws = book.getWorksheet(name);
    if (!ws) {
      problems.push({ sheet: name, row: 1, column: "A", why: `缺少“${name}”表` });
      return;
    }
    const header = columns.map((_, i) =>
      ws
        .getRow(1)
        .getCell(i + 1)
        .text.trim(),
    );
    const { layout, mismatches } = sheetLayout(columns, header);
    // With its columns moved, no cell of this sheet can be read for what it is.
    if (mismatches.length > 0) {
      for (const w of mismatches)
        problems.push({
          sheet: name,
          row: 1,
          column: letter(w.at),
          why: `表头应为“${w.expected}”,现为“${w.found}”(不要增删或移动列)`,
        });
      return;
    }
    const where = (i: number) => `${letter(layout[i] ?? i)}(${columns[i]?.header})`;
    const indexOf = (f: F) => columns.findIndex((c) => c.field === f);
    ws.eachRow((row, rowNo) => {
      if (rowNo === 1) return;
      const cells = layout.map((at) => (at === undefined ? undefined : row.getCell(at + 1).text.trim()));
      if (cells.every((c) => c === undefined || c === "")) return;
      if (cells[0] === "" && added) {
        added(
          cells.map((c) => c ?? ""),
          rowNo,
          where,
        );
        return;
      }
      const was = current(cells[0] ?? "");
      if (!was) {
        problems.push({
          sheet: name,
          row: rowNo,
          column: where(0),
          why: `“${cells[0]}”不在计划中(不要改序号或编号,也不要新增行)`,
        });
        return;
      }
      const exported = (i: number) => (was.cells[i] ?? "").trim();
      const view: RowView<F> = {
        cell: (f) => cells[indexOf(f)] ?? exported(indexOf(f)),
        exported: (f) => exported(indexOf(f)),
      };
      columns.forEach((c, i) => {
        const value = cells[i];
        // a column this sheet does not have leaves its field as it is
        if (value === undefined) return;
        const before = exported(i);
        if (c.readOnly) {
          if (value !== before)
            problems.push({ sheet: name, row: rowNo, column: where(i), why: "这一列只读,不能修改" });
          return;
        }
        const field = c.field as F;
        const why = check(field, value, view);
        if (why) {
          problems.push({ sheet: name, row: rowNo, column: where(i), why });
          return;
        }
        const stored = record(field, value, view);
        if (!sameCell(field, stored, before)) changes.push({ ref: was.ref, field, value: stored, anchor: was.anchor });
      });
    });
  };
  read(
    TASK_SHEET,
    TASK_COLUMNS,
    (key) => {
      const t = m.tasks.find((x) => String(x.no) === key);
      return t ? { cells: taskRow(m, t.no), ref: `task:${t.no}`, anchor: taskAnchor(t) } : undefined;
    },
    checkTaskCell,
    (_, value) => value,
  );
  read(
    TARGET_SHEET,
    TARGET_COLUMNS,
    (key) => {
      const t = allTargets(m).find((x) => x.id === key);
      return t ? { cells: targetRow(t).map(String), ref: t.id, anchor: targetAnchor(t) } : undefined;
    },
    checkTargetCell,
    recordTargetCell,
    (cells, rowNo, where) => {
      // A row without 指标编号 adds a target the import missed; its sentence must be the plan's own.
      const no = cells[1] ?? "";
      const sentences = no === "0" ? m.goals.sentences : m.tasks.find((t) => String(t.no) === no)?.sentences;
      if (!sentences) {
        problems.push({
          sheet: TARGET_SHEET,
          row: rowNo,
          column: where(1),
          why: `新增指标要填所属的任务序号(0 为总体目标),“${no}”不在计划中`,
        });
        return;
      }
      const fields = Object.fromEntries(TARGET_FIELDS.map((f) => [f, cells[targetColumn(f)] ?? ""])) as Record<
        TargetField,
        string
      >;
      const view: RowView<TargetField> = { cell: (f) => fields[f], exported: () => "" };
      let valid = true;
      for (const f of TARGET_FIELDS) {
        const why =
          fields[f] === "" && (f === "value" || f === "comparison")
            ? "新增指标必须填写"
            : checkTargetCell(f, fields[f], view);
        if (why) {
          valid = false;
          problems.push({ sheet: TARGET_SHEET, row: rowNo, column: where(targetColumn(f)), why });
        }
      }
      const sentence = cells[SENTENCE_COLUMN] ?? "";
      if (!sentences.includes(sentence)) {
        valid = false;
        problems.push({
          sheet: TARGET_SHEET,
          row: rowNo,
          column: where(SENTENCE_COLUMN),
          why: "新增指标的原文句子必须是该任务原文中完整的一句(可从其他行或 plan.txt 复制)",
        });
      }
      if (!valid) return;
      const value = JSON.stringify({ ...fields, from: recordTargetCell("from", fields.from, view) });
      changes.push({ ref: `task:${no}`, field: "target", value, anchor: sentence });
    },
  );
  return { changes, problems };
}
