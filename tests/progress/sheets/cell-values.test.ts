import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeIn } from "../../../scripts/legacy-encoding.js";
import { labelNumber, readDay, readFigure, readTaskCell } from "../../../src/progress/sheets/cell-values.js";
import { foldHeader, matchColumn } from "../../../src/progress/sheets/column-aliases.js";
import { locateHeader } from "../../../src/progress/sheets/locate-header.js";
import { readContext } from "../../../src/progress/sheets/sheet-context.js";
import { decodeCsv } from "../../../src/progress/table-io.js";

describe("figures as sheets write them", () => {
  it.each([
    ["7家", { kind: "figure", value: 7, unit: "家" }],
    ["352.6亿元", { kind: "figure", value: 352.6, unit: "亿元" }],
    ["1,100", { kind: "figure", value: 1100, unit: null }],
    ["十二", { kind: "figure", value: 12, unit: null }],
    ["三个", { kind: "figure", value: 3, unit: "个" }],
    ["３２０家", { kind: "figure", value: 320, unit: "家" }],
    ["", { kind: "empty" }],
    ["基本完成", { kind: "words" }],
    ["3o0", { kind: "bad" }],
    ["十亿元以上企业培育", { kind: "words" }],
  ])("%s", (cell, expected) => {
    expect(readFigure(cell)).toEqual(expected);
  });
});

describe("days as sheets write them", () => {
  it.each([
    ["2025-06-30", "2025-06-30"],
    ["2025/6/30", "2025-06-30"],
    ["2025.6.30", "2025-06-30"],
    ["2025年6月30日", "2025-06-30"],
    ["2025年6月底", "2025-06-30"],
    ["2024年2月", "2024-02-29"],
    ["45838", "2025-06-30"],
    ["2025年2月30日", null],
    ["上月", null],
  ])("%s", (cell, expected) => {
    expect(readDay(cell)).toBe(expected);
  });
});

describe("task cells", () => {
  it.each([
    ["任务七", { kind: "number", no: 7, rest: "" }],
    ["第3项", { kind: "number", no: 3, rest: "" }],
    ["3", { kind: "number", no: 3, rest: "" }],
    ["任务1:培育专精特新企业", { kind: "number", no: 1, rest: "培育专精特新企业" }],
    ["（三）", { kind: "label", no: 3, rest: "" }],
    ["(十二)推进数字化改造", { kind: "label", no: 12, rest: "推进数字化改造" }],
    ["三、优化营商环境", { kind: "label", no: 3, rest: "优化营商环境" }],
    ["第三产业发展", { kind: "words", text: "第三产业发展" }],
    ["10亿元以上企业", { kind: "words", text: "10亿元以上企业" }],
  ])("%s", (cell, expected) => {
    expect(readTaskCell(cell)).toEqual(expected);
  });

  it("reads the numeral of a plan's label", () => {
    expect([labelNumber("(三)"), labelNumber("（十二）"), labelNumber("(3)"), labelNumber("附件")]).toEqual([
      3,
      12,
      3,
      null,
    ]);
  });
});

describe("headers", () => {
  it("folds width, case, spaces and line breaks", () => {
    expect(foldHeader("完成\n值")).toBe("完成值");
    expect(foldHeader(" Reported  By ")).toBe("reported by");
    expect(matchColumn("任务 名称")).toEqual({ kind: "column", column: "task" });
    expect(matchColumn("序号")).toEqual({ kind: "skipped", quiet: false });
    expect(matchColumn("metric_name")).toEqual({ kind: "skipped", quiet: true });
    expect(matchColumn("存在问题")).toEqual({ kind: "unknown" });
  });

  it("finds the header row below a title and notes, and reads the lines above it", () => {
    const matrix = [
      ["…重点任务推进情况表（截至2025年6月底）", "…重点任务推进情况表（截至2025年6月底）"],
      ["填报单位：财政局", ""],
      ["", ""],
      ["序号", "任务", "指标", "完成值", "进展情况", "填报日期"],
    ];
    expect(locateHeader(matrix)).toBe(3);
    expect(readContext(matrix.slice(0, 3))).toEqual({ department: "财政局", asOfText: "截至2025年6月底" });
    expect(locateHeader([["标题"], ["任务"]])).toBeNull();
  });
});

describe("CSV bytes", () => {
  it("reads strict UTF-8 before GB18030, which would read UTF-8 bytes as other characters", () => {
    const utf8 = new TextEncoder().encode("任务,进展\n1,完成");
    expect(decodeCsv(utf8, "a.csv")).toEqual({ text: "任务,进展\n1,完成", encoding: "UTF-8" });
    const plan = readFileSync(join(import.meta.dirname, "..", "..", "fixtures", "plans", "second-plan.txt"), "utf8");
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("任务,进展", "utf16le")]);
    expect(decodeCsv(utf16, "a.csv")).toEqual({ text: "任务,进展", encoding: "UTF-16LE" });
    // a whole plan's text in GBK is GBK, not refused as another encoding
    expect(decodeCsv(encodeIn("gb18030", plan, true), "plan.csv").encoding).toBe("GB18030");
    expect(decodeCsv(Uint8Array.from([0xc8, 0xce, 0xce, 0xf1]), "a.csv")).toEqual({
      text: "任务",
      encoding: "GB18030",
    });
  });
});
