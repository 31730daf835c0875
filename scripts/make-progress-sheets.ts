// Writes the progress sheets in tests/fixtures/progress-sheets, built the way departments make them (title rows,
// merged cells, empty rows, Excel dates, a sheet per month, WPS habits, a GBK CSV), for the demo plan of
// tests/progress/fixtures.ts. Run with `npx tsx scripts/make-progress-sheets.ts`; the files are committed.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { encodeIn } from "./legacy-encoding.js";

const OUT = join(import.meta.dirname, "..", "tests", "fixtures", "progress-sheets");

type Cell = string | number | Date | null;

/** A worksheet from rows of cells; `merges` as "A1:F1"; a Date cell shown as Excel shows a date. */
function sheet(book: ExcelJS.Workbook, name: string, rows: Cell[][], merges: string[] = []): ExcelJS.Worksheet {
  const ws = book.addWorksheet(name);
  rows.forEach((cells, r) => {
    cells.forEach((value, c) => {
      if (value === null) return;
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = value;
      if (value instanceof Date) cell.numFmt = "yyyy/m/d";
    });
  });
  for (const m of merges) ws.mergeCells(m);
  return ws;
}

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** The sheet of issue 20: a merged title with 截至, 填报单位 above, an empty row, 序号 and 填报日期 columns. */
async function departmentSheet(): Promise<void> {
  const book = new ExcelJS.Workbook();
  sheet(
    book,
    "Sheet1",
    [
      ["示范行动方案重点任务推进情况表（截至2025年6月底）"],
      ["填报单位：市经信局"],
      [],
      ["序号", "任务", "指标", "完成值", "进展情况", "填报日期", "备注"],
      [1, "任务一", "专精特新企业", "320家", "新认定一批专精特新企业，累计达到320家", day(2025, 7, 3), null],
      [2, null, "上市公司", 7, "上市公司累计7家", "2025年7月3日", "较上月+1"],
      [],
      [3, "（三）", null, null, "完成营商环境第三方评估", "2025.7.3", null],
      [4, "建设产业园区", null, "2个", "新增产业园区2个", 45841, null],
      [],
      ["填报人：张三    联系电话：12345678"],
    ],
    ["A1:G1", "A2:G2", "B5:B6", "A11:G11"],
  );
  await book.xlsx.writeFile(join(OUT, "department-june.xlsx"));
}

/** One sheet per month and a 填表说明 sheet without a table; headers on row 2 under a title. */
async function monthlySheets(): Promise<void> {
  const book = new ExcelJS.Workbook();
  sheet(book, "填表说明", [["请各单位于每月5日前填报上月进展。"], ["完成值请填写累计数。"]]);
  const months: [string, number, number][] = [
    ["4月", 4, 300],
    ["5月", 5, 310],
    ["6月", 6, 320],
  ];
  for (const [name, month, value] of months) {
    const last = new Date(Date.UTC(2025, month, 0)).getUTCDate();
    sheet(
      book,
      name,
      [
        [`重点任务推进情况（截至2025年${month}月${last}日）`],
        ["重点任务", "指标名称", "累计完成", "工作进展", "联系人", "责任单位"],
        ["第1项", "专精特新企业", value, `专精特新企业累计${value}家`, "张三", "市经信局"],
        ["第2项", "研发经费投入强度", null, `开展研发费用加计扣除政策宣讲（${month}月）`, "张三", "市科技局"],
      ],
      ["A1:F1"],
    );
  }
  await book.xlsx.writeFile(join(OUT, "monthly.xlsx"));
}

/**
 * WPS habits: header words broken over lines inside a cell, full-width digits, dates left as serial numbers without
 * a date format, a 序号 column of numbers and a title merged over the header's width.
 */
async function wpsStyleSheet(): Promise<void> {
  const book = new ExcelJS.Workbook();
  book.creator = "WPS 表格";
  sheet(
    book,
    "进展",
    [
      ["2025年第二季度重点任务进展（截至2025年6月30日）"],
      ["填报单位：市经信局", null, null, "填报人：张三"],
      ["序号", "任务\n名称", "指标", "完成\n值", "推进情况", "截至\n日期"],
      [1, "培育专精特新企业", "上市公司", "８家", "新增上市公司１家，累计８家", 45838],
      [2, "任务四", "产业园区", "三个", "新增产业园区三个", 45838],
    ],
    ["A1:F1"],
  );
  await book.xlsx.writeFile(join(OUT, "wps-style.xlsx"));
}

/**
 * A header over two rows (完成情况 merged over 完成值 and 进展情况, the other headers merged down), a task written once
 * for two rows without merging, and only a 填报日期 line for the day.
 */
async function twoRowHeaderSheet(): Promise<void> {
  const book = new ExcelJS.Workbook();
  sheet(
    book,
    "7月",
    [
      ["重点任务进展情况表"],
      ["填报单位：市经信局    填报日期：2025年7月5日"],
      ["序号", "任务", "指标", "完成情况", null, "填报人"],
      [null, null, null, "完成值", "进展情况", null],
      [1, "任务一", "专精特新企业", 330, "专精特新企业累计330家", "张三"],
      [2, null, "上市公司", 8, "上市公司累计8家", "张三"],
    ],
    ["A1:F1", "A2:F2", "D3:E3", "A3:A4", "B3:B4", "C3:C4", "F3:F4"],
  );
  await book.xlsx.writeFile(join(OUT, "two-row-header.xlsx"));
}

function csvFiles(): void {
  const rows = [
    "任务,指标,完成值,进展情况,填报人,日期",
    "任务一,上市公司,十二,上市公司累计达到十二家,张三,2025/6/30",
    "3,,,完成营商环境评估报告,张三,2025/6/30",
  ].join("\r\n");
  // what Excel on Chinese Windows saves as "CSV (逗号分隔)"
  writeFileSync(join(OUT, "excel-gbk.csv"), encodeIn("gb18030", rows));
  // what Excel on a Traditional Chinese (Taiwan, Hong Kong) Windows saves: GB18030 would read it as other characters
  writeFileSync(
    join(OUT, "excel-big5.csv"),
    encodeIn("big5", "任務,進展,填報人,日期\r\n1,完成營商環境評估報告,張三,2025/6/30"),
  );
  writeFileSync(join(OUT, "excel-utf8-bom.csv"), `\ufeff${rows}`);
  const english = [
    "No.,Task,Indicator,Actual,Progress,Reported by,As of,Remarks",
    "1,1,上市公司,9,上市公司累计9家,zhang,2025-06-30,",
  ].join("\n");
  writeFileSync(join(OUT, "english-headers.csv"), english);
  // neither UTF-8 nor GB18030: a binary file saved with a .csv name
  writeFileSync(
    join(OUT, "undecodable.csv"),
    Buffer.from([0x74, 0x61, 0x73, 0x6b, 0x2c, 0xff, 0xff, 0x0a, 0x80, 0x81]),
  );
}

/** A workbook cut short, as a broken download leaves it. */
function corruptWorkbook(): void {
  const whole = readFileSync(join(OUT, "department-june.xlsx"));
  writeFileSync(join(OUT, "corrupt.xlsx"), whole.subarray(0, 300));
}

mkdirSync(OUT, { recursive: true });
await departmentSheet();
await monthlySheets();
await wpsStyleSheet();
await twoRowHeaderSheet();
csvFiles();
corruptWorkbook();
