// The Excel review loop: export the matrix, edit it as a person would, import it back. Every bad cell is named and
// nothing is written; an untouched sheet changes nothing; reviewed values survive a re-import of unchanged text.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { importPlanFile } from "../../src/plan/import/import-file.js";
import { describeProblem } from "../../src/plan/matrix-sheet.js";
import { readReviewFile } from "../../src/plan/review.js";
import { exportReviewSheet, importReviewSheet } from "../../src/plan/review-sheet.js";
import type { ResponsibilityMatrix } from "../../src/plan/schema.js";

const FIXTURE = "tests/fixtures/plans/district-innovation-table/district-innovation-table.html";
const reviewer = { by: "王审核", at: new Date("2026-12-04T08:00:00Z") };
let knowledge: string;
let sheet: string;
const matrixFile = () => join(knowledge, "yunxi", "matrix.json");
const matrix = (): ResponsibilityMatrix => JSON.parse(readFileSync(matrixFile(), "utf8"));

/** Opens the exported sheet, lets a test change cells as a person would in Excel, and saves it. */
async function edit(change: (book: ExcelJS.Workbook) => void): Promise<void> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(sheet);
  change(book);
  await book.xlsx.writeFile(sheet);
}
/** the row of a task (by number) or target (by id) in its sheet */
function rowOf(book: ExcelJS.Workbook, sheetName: string, key: string): ExcelJS.Row {
  const ws = book.getWorksheet(sheetName) as ExcelJS.Worksheet;
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).text === key) return ws.getRow(r);
  throw new Error(`no row ${key}`);
}

beforeEach(async () => {
  const dir = mkdtempSync(join(tmpdir(), "planbot-review-"));
  knowledge = join(dir, "knowledge");
  sheet = join(dir, "review.xlsx");
  await importPlanFile(FIXTURE, join(knowledge, "yunxi"));
  await exportReviewSheet(knowledge, "yunxi", sheet);
});

describe("planbot matrix export / import", () => {
  it("an untouched export imported back changes nothing and writes nothing", async () => {
    const before = readFileSync(matrixFile(), "utf8");
    const result = await importReviewSheet(knowledge, "yunxi", sheet, reviewer);
    expect(result).toEqual({ problems: [], changes: [], notes: [], written: false });
    expect(readFileSync(matrixFile(), "utf8")).toBe(before);
    expect(existsSync(join(knowledge, "yunxi", "review.yaml"))).toBe(false);
  });

  it("shows tasks with lead, partners and deadline, and targets with metric, value, unit, year, comparison and sentence", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(sheet);
    expect(rowOf(book, "任务", "4").values).toEqual([
      undefined,
      "4",
      "(四)",
      "集聚创新人才",
      "区委人才办",
      "区人社局、区科技局",
      "2026年6月底前",
      "附件分工表第5行:牵头单位 区委人才办;配合单位 区人社局、区科技局",
      "",
    ]);
    const goal = rowOf(book, "指标", "t0-1").values as string[];
    expect(goal.slice(1, 8)).toEqual(["t0-1", "0", "高新技术企业", "300", "家", "2026", "达到"]);
    expect(goal[10]).toMatch(/^到2026年，全区高新技术企业达到300家/);
  });

  it("takes reviewed values into the matrix and records who reviewed them and when, keeping review.yaml's comments", async () => {
    writeFileSync(join(knowledge, "yunxi", "review.yaml"), "# 人工核对记录,请勿删除\nreadings: []\n");
    await edit((book) => {
      rowOf(book, "任务", "2").getCell(4).value = "区发改委";
      rowOf(book, "任务", "2").getCell(5).value = "区科技局、区大数据中心";
      rowOf(book, "指标", "t1-2").getCell(4).value = "600";
    });
    const result = await importReviewSheet(knowledge, "yunxi", sheet, reviewer);
    expect(result.problems).toEqual([]);
    expect(result.changes).toEqual([
      "任务2的牵头单位改为“区发改委”",
      "任务2的配合单位改为“区科技局、区大数据中心”",
      "指标t1-2的数值改为“600”",
    ]);
    const m = matrix();
    expect(result.notes).toEqual(["“区大数据中心”不在 departments.yaml 中:问答只认全称,请在那里补上它的简称"]);
    expect([m.tasks[1]?.lead, m.tasks[1]?.partners]).toEqual([["区发改委"], ["区科技局", "区大数据中心"]]);
    expect(m.tasks[0]?.targets[1]?.value).toBe(600);
    const file = readFileSync(join(knowledge, "yunxi", "review.yaml"), "utf8");
    expect(file.startsWith("# 人工核对记录,请勿删除\n")).toBe(true);
    expect(readReviewFile(join(knowledge, "yunxi", "review.yaml")).matrix[0]).toMatchObject({
      ref: "task:2",
      field: "lead",
      value: "区发改委",
      reviewedBy: "王审核",
      reviewedAt: "2026-12-04T08:00:00.000Z",
    });
    // Imported back as exported now, the sheet changes nothing more.
    await exportReviewSheet(knowledge, "yunxi", sheet);
    expect((await importReviewSheet(knowledge, "yunxi", sheet, reviewer)).written).toBe(false);
  });

  it("names every bad cell (sheet, row, column, why) and writes nothing", async () => {
    const before = readFileSync(matrixFile(), "utf8");
    await edit((book) => {
      rowOf(book, "任务", "1").getCell(4).value = "";
      rowOf(book, "任务", "3").getCell(7).value = "改了原文";
      rowOf(book, "任务", "2").getCell(5).value = "区发改委(牵头)、区经信局";
      rowOf(book, "指标", "t1-1").getCell(4).value = "三百";
      rowOf(book, "指标", "t1-1").getCell(6).value = "26";
      rowOf(book, "指标", "t0-3").getCell(7).value = "大约";
      rowOf(book, "指标", "t0-2").getCell(4).value = "3.6";
    });
    const result = await importReviewSheet(knowledge, "yunxi", sheet, reviewer);
    expect(result.written).toBe(false);
    expect(result.problems.map(describeProblem)).toEqual([
      "“任务”表 第2行 D(牵头单位)列:牵头单位不能为空",
      "“任务”表 第3行 E(配合单位)列:“区发改委(牵头)”不像单位名称(2–40个字,不含标点;多个单位用“、”隔开)",
      "“任务”表 第4行 G(原文分工)列:这一列只读,不能修改",
      expect.stringMatching(/^“指标”表 第4行 G\(比较\)列:“大约”不是可用的比较/),
      "“指标”表 第5行 D(数值)列:“三百”不是数字(原文缺数字时留空)",
      "“指标”表 第5行 F(年份)列:“26”不是年份(四位数字,或留空)",
    ]);
    expect(readFileSync(matrixFile(), "utf8")).toBe(before);
  });

  it("refuses a sheet exported from another plan", async () => {
    await importPlanFile(FIXTURE, join(knowledge, "other"));
    const result = await importReviewSheet(knowledge, "other", sheet, reviewer);
    expect(result.problems.map(describeProblem)).toEqual([
      "“说明”表 第1行 B(计划)列:这张表是计划“yunxi”的,不是“other”的",
    ]);
  });
});

describe("targets the import missed or misread", () => {
  const SENTENCE = "完善技术转移服务体系，技术合同成交额突破80亿元，每年举办科技成果对接活动不少于12场。";
  // The import reads 技术合同成交额突破80亿元 with no year (the sentence names none); the reviewer, knowing it is due
  // with the plan in 2026, deletes that reading and adds their own, and deletes t5-1 outright.
  it("a row without 指标编号 adds a target to its task; 删除 in 比较 removes one; both survive a re-import", async () => {
    const before = matrix();
    expect(before.tasks[2]?.targets.map((t) => [t.id, t.metric, t.value, t.year])).toEqual([
      ["t3-1", "技术合同成交额", 80, null],
      ["t3-2", "每年举办科技成果对接活动", 12, null],
    ]);
    expect(before.tasks[4]?.targets.map((t) => t.id)).toEqual(["t5-1", "t5-2"]);
    await edit((book) => {
      const ws = book.getWorksheet("指标") as ExcelJS.Worksheet;
      ws.addRow(["", "3", "技术合同成交额", "80", "亿元", "2026", "突破", "", "", SENTENCE, ""]);
      rowOf(book, "指标", "t3-1").getCell(7).value = "删除";
      rowOf(book, "指标", "t5-1").getCell(7).value = "删除";
    });
    const result = await importReviewSheet(knowledge, "yunxi", sheet, reviewer);
    expect(result.problems).toEqual([]);
    expect(result.changes).toEqual(["删去指标t3-1", "删去指标t5-1", "任务3新增指标“技术合同成交额 80亿元”"]);
    const check = (m: ResponsibilityMatrix) => {
      expect(m.tasks[2]?.targets.map((t) => t.id)).toEqual(["t3-2", "t3-3"]);
      expect(m.tasks[2]?.targets[1]).toEqual({
        id: "t3-3",
        taskNo: 3,
        metric: "技术合同成交额",
        value: 80,
        valueText: "80",
        unit: "亿元",
        year: 2026,
        comparison: "突破",
        sentence: SENTENCE,
        warnings: [],
      });
      expect(m.tasks[4]?.targets.map((t) => t.id)).toEqual(["t5-2"]);
    };
    check(matrix());
    check((await importPlanFile(FIXTURE, join(knowledge, "yunxi"))).matrix);
  });

  it("a new target's sentence must be one of its task's own", async () => {
    // The rows the person adds, named as the sheet numbers them (after however many targets the import found).
    const added: number[] = [];
    await edit((book) => {
      const ws = book.getWorksheet("指标") as ExcelJS.Worksheet;
      added.push(ws.addRow(["", "2", "技术合同成交额", "80", "亿元", "", "突破", "", "", SENTENCE, ""]).number);
      added.push(ws.addRow(["", "9", "x", "1", "个", "", "达到", "", "", SENTENCE, ""]).number);
    });
    const targets = matrix().goals.targets.length + matrix().tasks.flatMap((t) => t.targets).length;
    expect(added).toEqual([targets + 2, targets + 3]);
    const result = await importReviewSheet(knowledge, "yunxi", sheet, reviewer);
    expect(result.problems.map(describeProblem)).toEqual([
      `“指标”表 第${added[0]}行 J(原文句子)列:新增指标的原文句子必须是该任务原文中完整的一句(可从其他行或 plan.txt 复制)`,
      `“指标”表 第${added[1]}行 B(任务序号)列:新增指标要填所属的任务序号(0 为总体目标),“9”不在计划中`,
    ]);
  });
});

describe("a re-import of the text", () => {
  it("keeps reviewed values where the text is unchanged, and says where the text changed under one", async () => {
    await edit((book) => {
      rowOf(book, "任务", "2").getCell(4).value = "区发改委";
      rowOf(book, "指标", "t1-2").getCell(4).value = "600";
    });
    await importReviewSheet(knowledge, "yunxi", sheet, reviewer);
    const same = await importPlanFile(FIXTURE, join(knowledge, "yunxi"));
    expect(same.reviewNotes).toEqual([]);
    expect(same.matrix.tasks[1]?.lead).toEqual(["区发改委"]);
    expect(same.matrix.tasks[0]?.targets[1]?.value).toBe(600);

    const changed = join(knowledge, "changed.html");
    writeFileSync(changed, readFileSync(FIXTURE, "utf8").replace("科技型中小企业入库500家", "科技型中小企业入库550家"));
    const again = await importPlanFile(changed, join(knowledge, "yunxi"));
    expect(again.matrix.tasks[1]?.lead).toEqual(["区发改委"]);
    expect(again.matrix.tasks[0]?.targets[1]?.value).toBe(550);
    expect(again.reviewNotes).toEqual([
      "指标t1-2的数值:人工审核值“600”(王审核,2026-12-04)未沿用——原文在此处已改动,请重新审核",
    ]);
  });
});
