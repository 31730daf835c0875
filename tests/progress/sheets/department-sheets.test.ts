// Issue 20: progress sheets as departments keep them, read from the fixtures built by scripts/make-progress-sheets.ts.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkImport, importTable } from "../../../src/progress/import.js";
import { sheetTable } from "../../../src/progress/sheets/sheet-table.js";
import { readTableFile } from "../../../src/progress/table-io.js";
import { runCli, storedRecords } from "../cli-harness.js";
import { type RuntimeFixture, runtimeFixture } from "../runtime-fixture.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "progress-sheets");
let fx: RuntimeFixture;
const run = (...args: string[]) => runCli(fx, ...args);
const stored = () => storedRecords(fx).map((r) => [r.taskNo, r.targetId, r.value, r.asOf, r.reporterId, r.department]);

beforeEach(() => {
  fx = runtimeFixture();
  process.env.PLANBOT_KNOWLEDGE = fx.knowledge;
});
afterEach(() => {
  delete process.env.PLANBOT_KNOWLEDGE;
  fx.cleanup();
});

describe("a department's sheet: title, 填报单位, empty row, merged task cell, Excel dates, a note row below", () => {
  const file = join(FIXTURES, "department-june.xlsx");

  it("previews row by row and stores nothing on --dry-run", async () => {
    const out = await run("progress", "import", file, "--dry-run");
    expect(out.split("\n")).toEqual([
      "工作表“Sheet1”:表头在第 4 行;填报单位 市经信局(表头上方);截至2025年6月底(表头上方);填报人 张三(表格上下方);不存储的列:序号、备注",
      "  第 5 行 新增 → 任务1「培育专精特新企业」 · 专精特新企业 = 320家 · 2025-06-30(表头上方的截至日期) · 填报人 张三 · 市经信局",
      "  第 6 行 新增 → 任务1「培育专精特新企业」 · 上市公司 = 7家 · 2025-06-30(表头上方的截至日期) · 填报人 张三 · 市经信局",
      "  第 8 行 新增 → 任务3「优化营商环境」 · 仅文字(本任务没有量化指标) · 2025-06-30(表头上方的截至日期) · 填报人 张三 · 市经信局",
      "  第 9 行 新增 → 任务4「建设产业园区」 · 产业园区 = 2个 · 2025-06-30(表头上方的截至日期) · 填报人 张三 · 市经信局",
      "合计:新增 4 条、更正 0 条、撤销 0 条;0 行不变,0 行已导入过,0 行未填写",
      "预览(--dry-run):未写入任何记录",
      "",
    ]);
    expect(storedRecords(fx)).toEqual([]);
  });

  it("imports every row once: the task from 任务一 (merged over two rows), （三） and a title", async () => {
    expect(await run("progress", "import", file)).toContain("imported 4 records");
    expect(stored()).toEqual([
      [1, "t1-1", 320, "2025-06-30", "zhang", "市经信局"],
      [1, "t1-2", 7, "2025-06-30", "zhang", "市经信局"],
      [3, null, null, "2025-06-30", "zhang", "市经信局"],
      [4, "t4-1", 2, "2025-06-30", "zhang", "市经信局"],
    ]);
    expect(await run("progress", "import", file)).toContain("imported 0 records");
  });
});

describe("a workbook with a sheet per month", () => {
  it("reads and reports each sheet, and names the sheet without a table it left out", async () => {
    const out = await run("progress", "import", join(FIXTURES, "monthly.xlsx"));
    expect(out).toContain("没有表头、未读取的工作表:填表说明");
    for (const month of ["4月", "5月", "6月"]) expect(out).toContain(`工作表“${month}”:表头在第 2 行`);
    expect(stored()).toEqual([
      [1, "t1-1", 300, "2025-04-30", "zhang", "市经信局"],
      [2, null, null, "2025-04-30", "zhang", "市科技局"],
      [1, "t1-1", 310, "2025-05-31", "zhang", "市经信局"],
      [2, null, null, "2025-05-31", "zhang", "市科技局"],
      [1, "t1-1", 320, "2025-06-30", "zhang", "市经信局"],
      [2, null, null, "2025-06-30", "zhang", "市科技局"],
    ]);
  });

  it("stores nothing when one sheet has a bad row, naming the sheet", () => {
    const good = sheetTable(
      [
        ["任务", "完成值", "指标", "日期", "填报人"],
        ["1", "300", "专精特新企业", "2025-04-30", "zhang"],
      ],
      "4月",
    );
    const bad = sheetTable(
      [
        ["任务", "完成值", "指标", "日期", "填报人"],
        ["1", "310", "专精特新企业", "2025-05-32", "zhang"],
      ],
      "5月",
    );
    const rt = fx.open();
    try {
      const result = importTable(
        [good, bad],
        rt.store,
        { plans: rt.plans.plans, answerer: rt.answerer, today: "2025-07-01" },
        { actor: "t", via: "t" },
      );
      expect(result.ok ? [] : result.problems).toEqual([
        {
          sheet: "5月",
          row: 2,
          column: "日期",
          reason: "日期“2025-05-32”无法识别,应为 2025-06-30、2025年6月30日或 2025.6.30",
        },
      ]);
      expect(rt.store.count()).toBe(0);
    } finally {
      rt.close();
    }
  });
});

describe("a header over two rows", () => {
  it("reads the group's parts, carries a task down to the row below, and takes the day from 填报日期", async () => {
    const file = join(FIXTURES, "two-row-header.xlsx");
    const out = await run("progress", "import", file, "--dry-run");
    expect(out).toContain("第 6 行 新增 → 任务1「培育专精特新企业」 · 上市公司 = 8家 · 2025-07-05(填报日期)");
    expect(await run("progress", "import", file)).not.toContain("第 6 行");
    expect(stored()).toEqual([
      [1, "t1-1", 330, "2025-07-05", "zhang", "市经信局"],
      [1, "t1-2", 8, "2025-07-05", "zhang", "市经信局"],
    ]);
  });
});

describe("WPS habits and English headers", () => {
  it("reads headers broken over lines, full-width digits, 三个 and dates left as serial numbers", async () => {
    await run("progress", "import", join(FIXTURES, "wps-style.xlsx"));
    expect(stored()).toEqual([
      [1, "t1-2", 8, "2025-06-30", "zhang", "市经信局"],
      [4, "t4-1", 3, "2025-06-30", "zhang", "市经信局"],
    ]);
  });

  it("reads English column names and skips No. and Remarks by name, saying so", async () => {
    const out = await run("progress", "import", join(FIXTURES, "english-headers.csv"));
    expect(out).toContain("不存储的列:No.、Remarks");
    expect(stored()).toEqual([[1, "t1-2", 9, "2025-06-30", "zhang", null]]);
  });
});

describe("rows that cannot be bound or read", () => {
  it("binds a figure without a metric by the chat's rule, and refuses one it cannot bind", async () => {
    const file = join(fx.dir, "no-metric.csv");
    writeFileSync(
      file,
      "任务,完成值,进展情况,填报人,日期\n任务一,7家,上市公司累计7家,zhang,2025-06-30\n任务一,7家,累计7家,zhang,2025-06-30\n",
    );
    await expect(run("progress", "import", file)).rejects.toThrow(
      "第 3 行 [完成值]:“7家”无法对应到任务1的指标:数字可能对应多个指标(专精特新企业、上市公司),请在文字中写明指标名;请填写“指标”列",
    );
    expect(storedRecords(fx)).toEqual([]);
  });
});

describe("a value cell without a metric, read as the chat reads a message (issue 17's rule)", () => {
  const check = (rows: string[][]) => {
    const rt = fx.open();
    try {
      const deps = { plans: rt.plans.plans, answerer: rt.answerer, today: "2025-07-01" };
      const result = checkImport(
        sheetTable([["任务", "完成值", "进展情况", "填报人", "日期"], ...rows]),
        "import",
        deps,
      );
      return result.ok
        ? result.records.map((r) => [r.targetId, r.value, r.boundBy])
        : result.problems.map((p) => `${p.row} ${p.reason}`);
    } finally {
      rt.close();
    }
  };

  it("binds by the 进展情况 words, whether or not they repeat the figure, the task cell being the task's reference", () => {
    expect(
      check([
        ["建设产业园区", "2个", "园区建设顺利,新增产业园区2个", "zhang", "2025-06-30"],
        ["建设产业园区", "3个", "新增产业园区", "zhang", "2025-06-30"],
        ["建设产业园区", "4个", "", "zhang", "2025-06-30"],
        ["任务一", "8家", "新增上市公司1家,累计8家", "zhang", "2025-06-30"],
      ]),
    ).toEqual([
      ["t4-1", 2, "named"],
      ["t4-1", 3, "named"],
      // the title names no quantity: a bare figure goes to the task's only target in its unit, as in chat
      ["t4-1", 4, "sole"],
      ["t1-2", 8, "named"],
    ]);
  });

  it("files no figure under another metric: words naming another quantity leave it unbound", () => {
    expect(
      check([
        ["任务一", "150家", "孵化器在孵企业达到150家", "zhang", "2025-06-30"],
        ["任务一", "150家", "孵化器在孵企业", "zhang", "2025-06-30"],
      ]),
    ).toEqual([
      "2 “150家”无法对应到任务1的指标:150家说的是“孵化器在孵企业”,不是本任务的指标(专精特新企业、上市公司);请填写“指标”列",
      "3 “150家”无法对应到任务1的指标:150家说的是“孵化器在孵企业”,不是本任务的指标(专精特新企业、上市公司);请填写“指标”列",
    ]);
  });
});

describe("a unit written in the value cell", () => {
  it("that is not the target's is named as the value cell's problem", async () => {
    const file = join(fx.dir, "unit.csv");
    writeFileSync(file, "任务,指标,完成值,填报人,日期\n1,专精特新企业,352.6亿元,zhang,2025-06-30\n");
    await expect(run("progress", "import", file)).rejects.toThrow("第 2 行 [完成值]:单位“亿元”与指标单位“家”不一致");
  });
});

describe("planbot progress template", () => {
  it("writes a department's tasks and targets, which import as filled and skip rows left blank", async () => {
    const file = join(fx.dir, "经信局.xlsx");
    expect(await run("progress", "template", file, "--department", "经信局")).toBe(
      `wrote 3 rows to ${file} for 经信局\n`,
    );
    const [table] = (await readTableFile(file)).tables;
    expect(table?.context.department).toBe("经信局");
    expect(table?.rows.map((r) => [r.cells.任务, r.cells.指标, r.cells.目标值])).toEqual([
      ["任务1:培育专精特新企业", "专精特新企业", "2025年达到600家"],
      ["任务1:培育专精特新企业", "上市公司", "2025年达到12家"],
      ["任务4:建设产业园区", "产业园区", ""],
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error("no sheet");
    sheet.getCell("F5").value = 330; // 完成值 of 专精特新企业
    sheet.getCell("G7").value = "园区完成规划"; // 进展情况 of 产业园区, no figure in its unit
    sheet.getCell("I5").value = new Date(Date.UTC(2025, 5, 30));
    sheet.getCell("I7").value = new Date(Date.UTC(2025, 5, 30));
    await book.xlsx.writeFile(file);
    const out = await run("progress", "import", file, "--dry-run");
    expect(out).toContain("第 6 行 未填写(没有完成值和进展),跳过");
    expect(out).toContain("第 7 行 新增 → 任务4「建设产业园区」 · 仅文字(未找到与本任务指标单位相符的数字)");
    await run("progress", "import", file);
    expect(stored()).toEqual([
      [1, "t1-1", 330, "2025-06-30", expect.stringMatching(/^cli:/), "经信局"],
      [4, null, null, "2025-06-30", expect.stringMatching(/^cli:/), "经信局"],
    ]);
  });

  it("refuses a department with no tasks", async () => {
    await expect(run("progress", "template", join(fx.dir, "x.xlsx"), "--department", "不存在局")).rejects.toThrow(
      "没有找到“不存在局”牵头或协同的任务",
    );
  });
});

describe("a task in two columns", () => {
  it("reads 任务编号 and 任务名称 together: the number, else the title", () => {
    const table = sheetTable([
      ["任务编号", "任务名称", "完成值", "指标", "日期", "填报人"],
      ["1", "培育专精特新企业", "300", "专精特新企业", "2025-06-30", "zhang"],
      ["", "建设产业园区", "2", "产业园区", "2025-06-30", "zhang"],
    ]);
    const rt = fx.open();
    try {
      const deps = { plans: rt.plans.plans, answerer: rt.answerer, today: "2025-07-01" };
      expect(importTable(table, rt.store, deps, { actor: "t", via: "t" }).ok).toBe(true);
      expect(rt.store.list().map((r) => [r.taskNo, r.targetId, r.value])).toEqual([
        [1, "t1-1", 300],
        [4, "t4-1", 2],
      ]);
    } finally {
      rt.close();
    }
  });
});
