// The PDF reader's layout rules on positions made by hand: what a page number, a running header, a paragraph that
// runs on to the next page and a table with wrapped cells look like to it.
import { describe, expect, it } from "vitest";
import { linesOf, type PdfItem, pdfElements } from "../../../src/plan/readers/pdf.js";

const SIZE = 16;
/** one item of text at (x, y), 16pt, each character one em wide */
const item = (str: string, x: number, y: number, size = SIZE): PdfItem => ({
  str,
  x,
  y,
  end: x + str.length * size,
  size,
});
const LEFT = 72;
const WIDTH = 28; // characters a full line holds

function page(no: number, body: PdfItem[]): ReturnType<typeof linesOf> {
  return linesOf([item("江州市商务局文件", 200, 800, 10), ...body, item(`第 ${no} 页 共 2 页`, 260, 40, 10)], no);
}

describe("PDF layout", () => {
  it("joins a paragraph that runs on to the next page and types the header and page numbers away", () => {
    const first = "一".repeat(WIDTH);
    const elements = pdfElements([
      page(1, [item(`  ${"甲".repeat(WIDTH - 2)}`, LEFT + 2 * SIZE, 700), item(first, LEFT, 680)]),
      page(2, [item("乙乙乙。", LEFT, 700), item("三、保障措施", LEFT + 2 * SIZE, 680)]),
    ]);
    expect(elements).toEqual([
      { type: "Header", text: "江州市商务局文件", page: 1 },
      { type: "PageNumber", text: "第 1 页 共 2 页", page: 1 },
      { type: "PageBreak", page: 1 },
      { type: "Header", text: "江州市商务局文件", page: 2 },
      { type: "PageNumber", text: "第 2 页 共 2 页", page: 2 },
      { type: "NarrativeText", text: `${"甲".repeat(WIDTH - 2)}${first}乙乙乙。`, page: 1 },
      { type: "NarrativeText", text: "三、保障措施", page: 2 },
    ]);
  });

  it("reads a table whose cells wrap onto several lines as one row per printed row", () => {
    const cols = [LEFT, LEFT + 40, LEFT + 140, LEFT + 300];
    const row = (y: number, cells: string[]) => cells.flatMap((c, i) => (c ? [item(c, cols[i] as number, y, 10)] : []));
    const elements = pdfElements([
      linesOf(
        [
          item("三、工作要求。各单位要按照分工抓好落实，细化工作措施，", LEFT + 2 * SIZE, 780),
          item("明确时间节点和责任人，确保各项任务按期完成。", LEFT, 760),
          item("附件：重点任务分工表（各单位按分工抓好落实，每季度报送进展）", LEFT, 730),
          ...row(700, ["序号", "重点任务", "具体内容", "牵头单位"]),
          // cells wrap at a 12pt pitch; a new printed row starts 20pt lower
          ...row(680, ["1", "培育主体", "新增企业150家，", "市商务局"]),
          ...row(668, ["", "", "超亿元企业10家", ""]),
          ...row(648, ["2", "拓展市场", "参加展会30场", "市商务局"]),
          item("各牵头单位要细化工作措施，明确时间节点，每季度末报送工作进展。", LEFT, 600),
        ],
        1,
      ),
    ]);
    expect(elements).toEqual([
      {
        type: "NarrativeText",
        text: "三、工作要求。各单位要按照分工抓好落实，细化工作措施，明确时间节点和责任人，确保各项任务按期完成。",
        page: 1,
      },
      { type: "NarrativeText", text: "附件：重点任务分工表（各单位按分工抓好落实，每季度报送进展）", page: 1 },
      {
        type: "Table",
        rows: [
          ["序号", "重点任务", "具体内容", "牵头单位"],
          ["1", "培育主体", "新增企业150家，超亿元企业10家", "市商务局"],
          ["2", "拓展市场", "参加展会30场", "市商务局"],
        ],
        page: 1,
      },
      { type: "NarrativeText", text: "各牵头单位要细化工作措施，明确时间节点，每季度末报送工作进展。", page: 1 },
    ]);
  });

  it("joins a cell's lines printed above and below its row's number when the cell is centred in its row", () => {
    const cols = [LEFT, LEFT + 40, LEFT + 140, LEFT + 300];
    const row = (y: number, cells: string[]) => cells.flatMap((c, i) => (c ? [item(c, cols[i] as number, y, 10)] : []));
    const elements = pdfElements([
      linesOf(
        [
          ...row(700, ["序号", "重点任务", "牵头单位", "配合单位"]),
          // row 1: its 配合单位 wraps onto three lines at a 12pt pitch; the other cells sit on the middle one
          ...row(680, ["", "", "", "县财政局、县"]),
          ...row(668, ["1", "筹集租赁住房", "县住建局", "自然资源局、各"]),
          ...row(656, ["", "", "", "街道办事处"]),
          // row 2 starts 20pt lower: its two lines put its number between them, 6pt from each
          ...row(636, ["", "", "", "县民政局、县"]),
          ...row(630, ["2", "改造老旧小区", "县住建局", ""]),
          ...row(624, ["", "", "", "城管局"]),
          // the header printed again after a page break
          ...row(604, ["序号", "重点任务", "牵头单位", "配合单位"]),
          ...row(584, ["3", "加装电梯", "县市场监管局", "县财政局"]),
        ],
        1,
      ),
    ]);
    expect(elements.filter((e) => e.type === "Table")).toEqual([
      {
        type: "Table",
        rows: [
          ["序号", "重点任务", "牵头单位", "配合单位"],
          ["1", "筹集租赁住房", "县住建局", "县财政局、县自然资源局、各街道办事处"],
          ["2", "改造老旧小区", "县住建局", "县民政局、县城管局"],
          ["3", "加装电梯", "县市场监管局", "县财政局"],
        ],
        page: 1,
      },
    ]);
  });
});
