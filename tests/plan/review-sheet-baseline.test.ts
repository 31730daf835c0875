// The 基线 column of the review sheet: a reviewer adds, changes or clears the level a target starts from; the value is
// checked against the row's unit, recorded like any reviewed cell, kept by a re-import, and the pace line starts
// from it. Sheets exported before the column existed still import.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { importPlanFile } from "../../src/plan/import/import-file.js";
import { describeProblem } from "../../src/plan/matrix-sheet.js";
import { readReviewFile } from "../../src/plan/review.js";
import { exportReviewSheet, importReviewSheet } from "../../src/plan/review-sheet.js";
import type { ResponsibilityMatrix, Target } from "../../src/plan/schema.js";
import { paceLine } from "../../src/progress/pace-line.js";

// 家庭医生签约率由2024年的68%提高到90% (t1-1), 并发症发生率由12%降至8% (t2-1), 床位数达到6张 with no baseline (t4-1)
const FIXTURE = "tests/fixtures/plans/pace-baselines.txt";
const BEDS = "到2026年，每千人口医疗机构床位数达到6张。";
const reviewer = { by: "李审核", at: new Date("2026-03-02T08:00:00Z") };
let knowledge: string;
let sheet: string;
const planDir = () => join(knowledge, "xihu");
const matrixFile = () => join(planDir(), "matrix.json");
const matrix = (): ResponsibilityMatrix => JSON.parse(readFileSync(matrixFile(), "utf8"));
const targetOf = (m: ResponsibilityMatrix, id: string): Target => {
  const t = m.tasks.flatMap((x) => x.targets).find((x) => x.id === id);
  if (!t) throw new Error(`no target ${id}`);
  return t;
};

async function edit(change: (ws: ExcelJS.Worksheet) => void): Promise<void> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(sheet);
  change(book.getWorksheet("指标") as ExcelJS.Worksheet);
  await book.xlsx.writeFile(sheet);
}
function rowOf(ws: ExcelJS.Worksheet, id: string): ExcelJS.Row {
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).text === id) return ws.getRow(r);
  throw new Error(`no row ${id}`);
}
/** 1-based column of a header in the sheet as exported */
function columnOf(ws: ExcelJS.Worksheet, header: string): number {
  const headers = (ws.getRow(1).values as unknown[]).map(String);
  const at = headers.indexOf(header);
  if (at < 1) throw new Error(`no column ${header}: ${headers.join("|")}`);
  return at;
}
const baselineCell = (ws: ExcelJS.Worksheet, id: string) => rowOf(ws, id).getCell(columnOf(ws, "基线"));
const unitCell = (ws: ExcelJS.Worksheet, id: string) => rowOf(ws, id).getCell(columnOf(ws, "单位"));

beforeEach(async () => {
  const dir = mkdtempSync(join(tmpdir(), "planbot-baseline-"));
  knowledge = join(dir, "knowledge");
  sheet = join(dir, "review.xlsx");
  await importPlanFile(FIXTURE, planDir());
  await exportReviewSheet(knowledge, "xihu", sheet);
});

describe("the 基线 column", () => {
  it("shows each target's baseline; untouched, or retyped in another form of the same level, it changes nothing", async () => {
    await edit((ws) => {
      expect([baselineCell(ws, "t1-1").text, baselineCell(ws, "t2-1").text, baselineCell(ws, "t4-1").text]).toEqual([
        "68%(2024年)",
        "12%",
        "",
      ]);
    });
    const before = readFileSync(matrixFile(), "utf8");
    expect(await importReviewSheet(knowledge, "xihu", sheet, reviewer)).toMatchObject({ changes: [], written: false });
    await edit((ws) => {
      baselineCell(ws, "t1-1").value = "2024年68%";
      baselineCell(ws, "t2-1").value = "12";
    });
    const retyped = await importReviewSheet(knowledge, "xihu", sheet, reviewer);
    expect(retyped).toEqual({ problems: [], changes: [], notes: [], written: false });
    expect(readFileSync(matrixFile(), "utf8")).toBe(before);
  });

  it("sets, changes and clears a baseline, records each in review.yaml and names it in the summary", async () => {
    await edit((ws) => {
      baselineCell(ws, "t1-1").value = "2023年70%";
      baselineCell(ws, "t2-1").value = "";
      baselineCell(ws, "t4-1").value = "4.5";
    });
    const result = await importReviewSheet(knowledge, "xihu", sheet, reviewer);
    expect(result.problems).toEqual([]);
    expect(result.changes).toEqual([
      "指标t1-1的基线改为“70%(2023年)”",
      "清空指标t2-1的基线",
      "指标t4-1的基线改为“4.5张”",
    ]);
    const m = matrix();
    expect(targetOf(m, "t1-1").from).toEqual({ value: 70, valueText: "70", unit: "%", year: 2023 });
    expect(targetOf(m, "t2-1").from).toBeUndefined();
    // a bare number is on the row's unit
    expect(targetOf(m, "t4-1").from).toEqual({ value: 4.5, valueText: "4.5", unit: "张", year: null });
    expect(readReviewFile(join(planDir(), "review.yaml")).matrix).toEqual([
      expect.objectContaining({
        ref: "t1-1",
        field: "from",
        value: "70%(2023年)",
        reviewedBy: "李审核",
        anchor: expect.stringContaining("由2024年的68%"),
      }),
      expect.objectContaining({ ref: "t2-1", field: "from", value: "" }),
      expect.objectContaining({ ref: "t4-1", field: "from", value: "4.5张", anchor: BEDS }),
    ]);
    // exported again, the sheet shows the reviewed baselines and imports back as no change
    await exportReviewSheet(knowledge, "xihu", sheet);
    await edit((ws) => {
      expect([baselineCell(ws, "t1-1").text, baselineCell(ws, "t2-1").text, baselineCell(ws, "t4-1").text]).toEqual([
        "70%(2023年)",
        "",
        "4.5张",
      ]);
    });
    expect((await importReviewSheet(knowledge, "xihu", sheet, reviewer)).written).toBe(false);
  });

  it("refuses a baseline in another unit than the row's, naming its cell, and writes nothing", async () => {
    const before = readFileSync(matrixFile(), "utf8");
    const rows: number[] = [];
    await edit((ws) => {
      baselineCell(ws, "t4-1").value = "4.5个";
      baselineCell(ws, "t2-1").value = "大约一成";
      // the unit changed under a baseline left in the old one
      unitCell(ws, "t1-1").value = "个百分点";
      rows.push(rowOf(ws, "t1-1").number, rowOf(ws, "t2-1").number, rowOf(ws, "t4-1").number);
    });
    const result = await importReviewSheet(knowledge, "xihu", sheet, reviewer);
    expect(result.written).toBe(false);
    expect(result.problems.map(describeProblem)).toEqual([
      `“指标”表 第${rows[0]}行 I(基线)列:基线的单位“%”与本行的单位“个百分点”不同(基线须与指标同一单位;只填数字即用本行单位)`,
      `“指标”表 第${rows[1]}行 I(基线)列:“大约一成”不是基线(填数字,可带单位和年份,如“68%(2024年)”“2024年68%”“68%”;没有基线时留空)`,
      `“指标”表 第${rows[2]}行 I(基线)列:基线的单位“个”与本行的单位“张”不同(基线须与指标同一单位;只填数字即用本行单位)`,
    ]);
    expect(readFileSync(matrixFile(), "utf8")).toBe(before);
    // changed together, the unit and the baseline agree
    await edit((ws) => {
      baselineCell(ws, "t2-1").value = "12%";
      baselineCell(ws, "t1-1").value = "2024年5个百分点";
      unitCell(ws, "t4-1").value = "个";
    });
    expect((await importReviewSheet(knowledge, "xihu", sheet, reviewer)).problems).toEqual([]);
    expect(targetOf(matrix(), "t4-1").from).toEqual({ value: 4.5, valueText: "4.5", unit: "个", year: null });
  });

  it("a baseline the plan states in another unit (由3天压缩至8小时) stands while nobody touches it", async () => {
    const text = readFileSync(FIXTURE, "utf8").replace("每千人口医疗机构床位数达到6张", "企业开办时间由3天压缩至8小时");
    writeFileSync(join(knowledge, "other-units.txt"), text);
    await importPlanFile(join(knowledge, "other-units.txt"), planDir());
    expect(targetOf(matrix(), "t4-1")).toMatchObject({ value: 8, unit: "小时", from: { value: 3, unit: "天" } });
    await exportReviewSheet(knowledge, "xihu", sheet);
    expect(await importReviewSheet(knowledge, "xihu", sheet, reviewer)).toMatchObject({ problems: [], written: false });
    let row = 0;
    await edit((ws) => {
      baselineCell(ws, "t4-1").value = "2天";
      row = rowOf(ws, "t4-1").number;
    });
    expect((await importReviewSheet(knowledge, "xihu", sheet, reviewer)).problems.map(describeProblem)).toEqual([
      `“指标”表 第${row}行 I(基线)列:基线的单位“天”与本行的单位“小时”不同(基线须与指标同一单位;只填数字即用本行单位)`,
    ]);
  });

  it("a sheet exported before the column existed still imports, its baselines left as they are", async () => {
    await edit((ws) => {
      ws.spliceColumns(columnOf(ws, "基线"), 1);
      // the person edits the old sheet: a value, and a read-only sentence by mistake (I is 原文句子 in that layout)
      rowOf(ws, "t4-1").getCell(4).value = "7";
      rowOf(ws, "t2-1").getCell(9).value = "改了原文";
    });
    const refused = await importReviewSheet(knowledge, "xihu", sheet, reviewer);
    expect(refused.problems.map(describeProblem)).toEqual([`“指标”表 第${3}行 I(原文句子)列:这一列只读,不能修改`]);
    await edit((ws) => {
      rowOf(ws, "t2-1").getCell(9).value = "到2027年，高血压患者并发症发生率由12%降至8%。";
      // an added target in the old layout: 原文句子 in I
      ws.addRow(["", "4", "每千人口医疗机构床位数", "6", "张", "2026", "达到", "2026年底前", BEDS, ""]);
    });
    const result = await importReviewSheet(knowledge, "xihu", sheet, reviewer);
    expect(result.problems).toEqual([]);
    expect(result.changes).toEqual(["指标t4-1的数值改为“7”", "任务4新增指标“每千人口医疗机构床位数 6张”"]);
    const m = matrix();
    expect(targetOf(m, "t4-1").value).toBe(7);
    expect(targetOf(m, "t1-1").from).toEqual({ value: 68, valueText: "68", unit: "%", year: 2024 });
    expect(targetOf(m, "t2-1").from).toEqual({ value: 12, valueText: "12", unit: "%", year: null });
    expect(targetOf(m, "t4-2").from).toBeUndefined();
  });

  it("a target the reviewer adds may carry a baseline, on its own unit", async () => {
    await edit((ws) => {
      ws.addRow(["", "4", "每千人口医疗机构床位数", "6", "张", "2026", "达到", "", "2024年4.8张", BEDS, ""]);
    });
    const result = await importReviewSheet(knowledge, "xihu", sheet, reviewer);
    expect(result.changes).toEqual(["任务4新增指标“每千人口医疗机构床位数 6张”,基线“4.8张(2024年)”"]);
    expect(targetOf(matrix(), "t4-2").from).toEqual({ value: 4.8, valueText: "4.8", unit: "张", year: 2024 });

    await exportReviewSheet(knowledge, "xihu", sheet);
    let added = 0;
    await edit((ws) => {
      added = ws.addRow(["", "4", "床位数", "6", "张", "2026", "达到", "", "4.8个", BEDS, ""]).number;
    });
    expect((await importReviewSheet(knowledge, "xihu", sheet, reviewer)).problems.map(describeProblem)).toEqual([
      `“指标”表 第${added}行 I(基线)列:基线的单位“个”与本行的单位“张”不同(基线须与指标同一单位;只填数字即用本行单位)`,
    ]);
  });
});

describe("a reviewed baseline after the review", () => {
  it("survives a re-import of the plan text, a cleared one stays cleared, and a changed sentence drops it with a note", async () => {
    await edit((ws) => {
      baselineCell(ws, "t4-1").value = "2024年4.5张";
      baselineCell(ws, "t1-1").value = "";
    });
    await importReviewSheet(knowledge, "xihu", sheet, reviewer);
    const same = await importPlanFile(FIXTURE, planDir());
    expect(same.reviewNotes).toEqual([]);
    expect(targetOf(same.matrix, "t4-1").from).toEqual({ value: 4.5, valueText: "4.5", unit: "张", year: 2024 });
    expect(targetOf(same.matrix, "t1-1").from).toBeUndefined();

    const changed = join(knowledge, "changed.txt");
    writeFileSync(changed, readFileSync(FIXTURE, "utf8").replace("床位数达到6张", "床位数达到6.5张"));
    const again = await importPlanFile(changed, planDir());
    expect(targetOf(again.matrix, "t4-1").from).toBeUndefined();
    expect(again.reviewNotes).toEqual([
      "指标t4-1的基线:人工审核值“4.5张(2024年)”(李审核,2026-03-02)未沿用——原文在此处已改动,请重新审核",
    ]);
  });

  it("is where the dashboard's pace line starts", async () => {
    await edit((ws) => {
      baselineCell(ws, "t4-1").value = "2024年4.5张";
      baselineCell(ws, "t1-1").value = "70%(2024年)";
    });
    await importReviewSheet(knowledge, "xihu", sheet, reviewer);
    const m = matrix();
    const line = (id: string) => paceLine(m, targetOf(m, id) as Target & { value: number }, undefined);
    // t4-1 had no baseline and nothing recorded: without the review it has no line at all
    expect(line("t4-1")).toEqual({
      start: { date: "2024-12-31", value: 4.5, source: "baseline" },
      end: { date: "2026-12-31", value: 6 },
    });
    expect(line("t1-1")).toEqual({
      start: { date: "2024-12-31", value: 70, source: "baseline" },
      end: { date: "2027-12-31", value: 90 },
    });
  });
});
