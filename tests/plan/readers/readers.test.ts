// Each reader on real files: Word written by the docx package, PDF printed by Chromium, a saved web page, text in
// UTF-8 (with and without BOM) and GB18030.
import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { readDocument } from "../../../src/plan/readers/read-document.js";
import { decodeText, readText } from "../../../src/plan/readers/text.js";

const plan = (name: string, file: string) => `tests/fixtures/plans/${name}/${file}`;
const TABLE_HEADER = ["序号", "重点任务", "具体内容或目标", "牵头单位", "配合单位", "完成时限"];
const LAST_ROW = [
  "5",
  "提升通关便利化水平",
  "进口整体通关时间压缩至30小时以内，出口整体通关时间压缩至1.5小时以内",
  "江州海关",
  "市口岸办、市交通运输局",
  "长期坚持",
];

describe("PDF (Chromium's print)", () => {
  it("types the running header and page numbers away and keeps the appendix table's rows and cells", async () => {
    const doc = await readDocument(plan("city-trade-workplan", "city-trade-workplan.pdf"));
    expect(doc.format).toBe("pdf");
    const furniture = doc.elements.filter((e) => e.type === "Header" || e.type === "PageNumber");
    expect(furniture.map((e) => ("text" in e ? e.text : ""))).toEqual([
      "江州市商务局",
      "— 1 —",
      "江州市商务局",
      "— 2 —",
    ]);
    const text = doc.elements.flatMap((e) =>
      "text" in e && e.type !== "Header" && e.type !== "PageNumber" ? [e.text] : [],
    );
    expect(text.some((t) => /江州市商务局$/.test(t) || /^—/.test(t))).toBe(false);
    const table = doc.elements.find((e) => e.type === "Table");
    expect(table?.type === "Table" && table.rows[0]).toEqual(TABLE_HEADER);
    expect(table?.type === "Table" && table.rows.at(-1)).toEqual(LAST_ROW);
    expect(table?.type === "Table" && table.rows.length).toBe(6);
  });

  it("joins a paragraph's wrapped lines into one and folds radical glyphs back (长, not ⻓)", async () => {
    const doc = await readDocument(plan("city-trade-workplan", "city-trade-workplan.pdf"));
    const texts = doc.elements.flatMap((e) => ("text" in e ? [e.text] : []));
    expect(texts).toContain("江州市商务局2025年外贸稳增长工作方案");
    expect(texts).toContain(
      "4.强化金融支持。出口信用保险承保规模不低于40亿元，为外贸企业新增贷款50亿元。（牵头单位：市金融工作局；配合单位：人民银行江州分行、市商务局）",
    );
    expect(texts.join("")).not.toMatch(/[\u2e80-\u2fdf]/);
    const village = await readDocument(plan("county-digital-village", "county-digital-village.pdf"));
    expect(village.elements.some((e) => e.type === "PageBreak")).toBe(true);
    expect(village.elements.flatMap((e) => ("text" in e ? [e.text] : []))).toContain(
      "枫林县数字乡村建设实施方案（2025—2027年）",
    );
  });
});

describe("Word (.docx written by the docx package)", () => {
  it("reads paragraphs and the table; Word's page header and page-number field are not body text", async () => {
    const doc = await readDocument(plan("city-trade-workplan", "city-trade-workplan.docx"));
    const texts = doc.elements.flatMap((e) => ("text" in e ? [e.text] : []));
    expect(texts[0]).toBe("江州市商务局2025年外贸稳增长工作方案");
    expect(texts).not.toContain("江州市商务局");
    const table = doc.elements.find((e) => e.type === "Table");
    expect(table?.type === "Table" && table.rows).toHaveLength(6);
    expect(table?.type === "Table" && table.rows.at(-1)).toEqual(LAST_ROW);
  });
});

describe("web page (.html)", () => {
  it("types site navigation, breadcrumbs, page tools and the site footer away; the table keeps its cells", async () => {
    const doc = await readDocument(plan("city-trade-workplan", "city-trade-workplan.html"));
    expect(doc.encoding).toBe("utf-8");
    const nav = doc.elements.filter((e) => e.type === "Navigation").map((e) => ("text" in e ? e.text : ""));
    expect(nav).toEqual(
      expect.arrayContaining([
        "首页",
        "当前位置：首页 > 政务公开 > 政策文件",
        "【打印本页】【关闭窗口】",
        "网站地图 | 联系我们",
      ]),
    );
    const content = doc.elements.filter((e) => e.type === "Title" || e.type === "NarrativeText");
    expect(content[0]).toEqual({ type: "Title", text: "江州市商务局2025年外贸稳增长工作方案" });
    expect(content.some((e) => "text" in e && /发布时间|ICP备|分享到/.test(e.text))).toBe(false);
    const table = doc.elements.find((e) => e.type === "Table");
    expect(table?.type === "Table" && table.rows.at(-1)).toEqual(LAST_ROW);
  });

  it("reads a page an older site serves in GBK", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const file = join(mkdtempSync(join(tmpdir(), "planbot-gbk-")), "plan.htm");
    writeFileSync(file, iconv.encode('<meta charset="gbk"><p>云溪区科技创新能力提升行动计划</p>', "gbk"));
    const doc = await readDocument(file);
    expect([doc.encoding, doc.elements]).toEqual([
      "gb18030",
      [{ type: "NarrativeText", text: "云溪区科技创新能力提升行动计划" }],
    ]);
  });

  it("reads a page laid out in tables as its paragraphs, and a table inside it as a table", async () => {
    const { readHtml } = await import("../../../src/plan/readers/html.js");
    const els = readHtml(
      `<table width="1000"><tr><td><p>一、重点任务</p><p>（一）壮大创新主体。</p>
       <table border="1"><tr><td>序号</td><td>牵头单位</td></tr><tr><td>1</td><td>区科技局</td></tr></table></td></tr>
       <tr><td>三、保障措施</td></tr></table>`,
    );
    expect(els).toEqual([
      { type: "NarrativeText", text: "一、重点任务" },
      { type: "NarrativeText", text: "（一）壮大创新主体。" },
      {
        type: "Table",
        rows: [
          ["序号", "牵头单位"],
          ["1", "区科技局"],
        ],
      },
      { type: "NarrativeText", text: "三、保障措施" },
    ]);
  });

  it("gives Word's automatic numbering (mammoth's <ol>) back its labels", async () => {
    const { readHtml } = await import("../../../src/plan/readers/html.js");
    expect(readHtml("<p>二、主要任务</p><ol><li>培育外贸主体。</li><li>拓展国际市场。</li></ol>")).toEqual([
      { type: "NarrativeText", text: "二、主要任务" },
      { type: "ListItem", text: "1.培育外贸主体。" },
      { type: "ListItem", text: "2.拓展国际市场。" },
    ]);
  });

  it("repeats a cell that spans rows or columns into each row it covers", async () => {
    const { readHtml } = await import("../../../src/plan/readers/html.js");
    const els = readHtml(
      "<table><tr><th>序号</th><th>重点任务</th><th>牵头单位</th></tr><tr><td>1</td><td rowspan=2>招商引资</td><td>区投促局</td></tr><tr><td>2</td><td>区商务局</td></tr></table>",
    );
    expect(els).toEqual([
      {
        type: "Table",
        rows: [
          ["序号", "重点任务", "牵头单位"],
          ["1", "招商引资", "区投促局"],
          ["2", "招商引资", "区商务局"],
        ],
      },
    ]);
  });
});

describe("text files", () => {
  const sample = "云溪区科技创新能力提升行动计划\n一、发展目标\n";
  it("detects UTF-8, UTF-8 with a BOM, and GB18030 (GBK) and says which", () => {
    expect(decodeText(new TextEncoder().encode(sample))).toEqual({ text: sample, encoding: "utf-8" });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(sample)]);
    expect(decodeText(bom)).toEqual({ text: sample, encoding: "utf-8 (BOM)" });
    expect(decodeText(new Uint8Array(iconv.encode(sample, "gbk")))).toEqual({ text: sample, encoding: "gb18030" });
  });

  it("reads the GB18030 fixture as the plan's Chinese text, each line keeping its number", async () => {
    const doc = await readDocument(plan("county-digital-village", "county-digital-village-gbk.txt"));
    expect(doc.encoding).toBe("gb18030");
    expect(doc.elements[5]).toEqual({
      type: "NarrativeText",
      text: "枫林县数字乡村建设实施方案（2025—2027年）",
      line: 6,
    });
    expect(
      readFileSync(plan("county-digital-village", "county-digital-village-gbk.txt")).includes(Buffer.from("枫林")),
    ).toBe(false);
  });

  it("reads a Markdown table as a table", () => {
    expect(readText("# 标题\n| 序号 | 牵头单位 |\n| --- | --- |\n| 1 | 区科技局 |\n", true)).toEqual([
      { type: "Title", text: "标题", line: 1 },
      {
        type: "Table",
        rows: [
          ["序号", "牵头单位"],
          ["1", "区科技局"],
        ],
        line: 2,
      },
    ]);
  });

  it("refuses a format it cannot read, naming it", async () => {
    await expect(readDocument("plan.rtf")).rejects.toThrow();
  });
});

describe("a PDF without text", () => {
  it("is refused with a message saying it may be a scan", async () => {
    const { chromium } = await import("playwright-core");
    const { existsSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    if (!existsSync("/usr/bin/chromium")) return;
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    const file = join(mkdtempSync(join(tmpdir(), "planbot-pdf-")), "scan.pdf");
    try {
      const page = await browser.newPage();
      await page.setContent('<div style="width:300px;height:300px;background:#888"></div>');
      await page.pdf({ path: file });
    } finally {
      await browser.close();
    }
    await expect(readDocument(file)).rejects.toThrow("PDF 中没有可提取的文字(可能是扫描件)");
  }, 30_000);
});
