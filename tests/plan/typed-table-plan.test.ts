// A text plan whose responsibilities are only in a typed appendix table, and whose goals open on where things stand:
// what a county office pastes out of its Word file. Written for these tests, in no fixture's words.
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/plan/import/import-document.js";
import { readText } from "../../src/plan/readers/text.js";

const PLAN = `桐溪县乡村道路畅通提升行动方案（2025—2027年）

一、工作目标

截至2024年底，全县已建成农村公路1860公里，通双车道的建制村比例为64%。

到2027年，全县农村公路优良中等路比例达到85%以上。具体目标如下：（1）新改建农村公路300公里；（2）通双车道的建制村比例由2024年的64%提升至80%，每年养护大中修路段不少于40公里，建成示范路10条。

二、重点任务

（一）实施农村公路提档升级

新改建农村公路300公里，其中2025年完成80公里，2026年完成120公里。

（二）加强桥梁隧道安全改造

完成危旧桥梁改造35座，每年开展桥梁定期检查不少于1次（汛前、汛后各1次）。

（三）健全路长制和管护机制

推动路长制全覆盖，提升本地养护企业参与度。

附件：重点任务分工表

序号  重点任务  牵头单位  责任单位  完成时限
1  农村公路提档升级  县交通运输局  县财政局、各乡镇人民政府  2027年12月底
2  危桥改造和检查  县交通运输局  县应急管理局  2026年12月底
3  路长制和长效管护  县农业农村局  县交通运输局、县财政局  长期坚持
`;

describe("a text plan with its responsibilities in a typed appendix table", () => {
  const doc = { format: "text" as const, elements: readText(PLAN, false) };
  const { matrix, notes } = importDocument(doc, { slug: "tongxi", sourceFile: "source.txt" });
  const task = (no: number) => matrix.tasks.find((t) => t.no === no);

  it("gives every task its lead and partners from the table, a row named in other words by its place", () => {
    expect(matrix.tasks.map((t) => [t.no, t.lead, t.partners])).toEqual([
      [1, ["县交通运输局"], ["县财政局", "各乡镇人民政府"]],
      // 危桥改造和检查 shares too few words with 加强桥梁隧道安全改造 to be matched by them; it stands in its place
      [2, ["县交通运输局"], ["县应急管理局"]],
      [3, ["县农业农村局"], ["县交通运输局", "县财政局"]],
    ]);
    expect(notes.filter((n) => n.includes("新建为任务"))).toEqual([]);
  });

  it("reads the goals from their opening deadline on, never where things stood at the start", () => {
    const goals = matrix.goals.targets.map((t) => `${t.metric}|${t.valueText}${t.unit}|${t.year}`);
    expect(goals).not.toContain("已建成农村公路|1860公里|null");
    expect(goals.some((g) => g.startsWith("农村公路优良中等路比例|85%"))).toBe(true);
    // Each numbered goal after 到2027年 falls due then; the 每年 clause recurs, and what is around it still counts.
    expect(goals).toContain("新改建农村公路|300公里|2027");
    expect(goals).toContain("通双车道的建制村比例|80%|2027");
    expect(goals.find((g) => g.includes("40公里"))).toMatch(/\|null$/);
    expect(goals.some((g) => g.includes("10条"))).toBe(true);
    expect(goals.some((g) => g.includes("64%"))).toBe(false);
  });

  it("names a part of a target by the measure before it, and leaves an aside's breakdown out", () => {
    expect(task(1)?.targets.map((t) => `${t.metric}|${t.valueText}${t.unit}|${t.year}`)).toEqual([
      "新改建农村公路|300公里|2027",
      "新改建农村公路|80公里|2025",
      "新改建农村公路|120公里|2026",
    ]);
    expect(task(2)?.targets.map((t) => `${t.valueText}${t.unit}`)).toEqual(["35座", "1次"]);
  });

  it("does not take 提升本地… for a figure lost in scraping", () => {
    expect(matrix.warnings.filter((w) => w.code === "number_lost")).toEqual([]);
    expect(task(3)?.targets).toEqual([]);
  });
});
