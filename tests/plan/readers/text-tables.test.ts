// A table typed into a text plan (columns apart by tabs or runs of spaces, as one copied out of Word, a web page or
// a PDF comes) is read as a table, as a .docx's would be; prose with one wide gap is not.
import { describe, expect, it } from "vitest";
import { readText } from "../../../src/plan/readers/text.js";

const tables = (text: string, markdown = false) =>
  readText(text, markdown)
    .filter((e) => e.type === "Table")
    .map((e) => ("rows" in e ? e.rows : []));

describe("a text plan's typed tables", () => {
  it("reads columns set apart by two or more spaces, full-width ones too, with blank lines between rows", () => {
    const text = [
      "附件：重点任务责任分工表",
      "",
      "序号  重点任务  牵头单位  责任单位  完成时限",
      "1  城乡供水一体化建设  县水利局  县财政局、各乡镇人民政府  2026年12月底",
      "",
      "2\u3000\u3000管网更新改造\u3000\u3000县水务集团\u3000\u3000县水利局\u3000\u30002026年12月底",
      "以上任务由县政府督查室跟踪督办。",
    ].join("\n");
    expect(tables(text)).toEqual([
      [
        ["序号", "重点任务", "牵头单位", "责任单位", "完成时限"],
        ["1", "城乡供水一体化建设", "县水利局", "县财政局、各乡镇人民政府", "2026年12月底"],
        ["2", "管网更新改造", "县水务集团", "县水利局", "2026年12月底"],
      ],
    ]);
    // The table's lines are not text; the caption and the line after it are.
    const prose = readText(text, false).filter((e) => e.type === "NarrativeText");
    expect(prose.map((e) => ("text" in e ? e.text : ""))).toEqual([
      "附件：重点任务责任分工表",
      "以上任务由县政府督查室跟踪督办。",
    ]);
  });

  it("keeps a tab's empty cell, which spaces cannot show", () => {
    expect(tables("序号\t任务\t牵头\t配合\n1\t建设平台\t市科技局\t\n2\t培育企业\t市经信局\t市财政局")).toEqual([
      [
        ["序号", "任务", "牵头", "配合"],
        ["1", "建设平台", "市科技局", ""],
        ["2", "培育企业", "市经信局", "市财政局"],
      ],
    ]);
  });

  it("leaves prose alone: a line with one wide gap, or a lone line that looks like a row", () => {
    expect(tables("青岚县人民政府办公室  2024年3月1日\n抄送：县委办  县人大办  县政协办")).toEqual([]);
    expect(tables("一、工作目标\n到2026年  供水能力  达到3.5万吨/日\n二、重点任务")).toEqual([]);
  });

  it("ends a table at a line with another number of cells, which stays text", () => {
    const els = readText("甲  乙  丙\n1  2  3\n说明  见附件\n", false);
    expect(els.map((e) => e.type)).toEqual(["Table", "NarrativeText"]);
  });

  it("reads a table drawn with pipes in a .txt as in a .md", () => {
    expect(tables("| 序号 | 任务 | 牵头单位 |\n|---|---|---|\n| 1 | 建设平台 | 区科技局 |")).toEqual([
      [
        ["序号", "任务", "牵头单位"],
        ["1", "建设平台", "区科技局"],
      ],
    ]);
  });
});
