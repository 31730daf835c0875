import { describe, expect, it } from "vitest";
import { createDepartmentLookup } from "../../src/answer/department-lookup.js";
import { parseQuestion } from "../../src/answer/question.js";
import { normalizeText } from "../../src/search/normalize.js";
import { seedPlans } from "./seed-knowledge.js";

const lookup = createDepartmentLookup(seedPlans);
const parse = (q: string) => parseQuestion(normalizeText(q), lookup);

describe("parseQuestion", () => {
  it.each([
    ["空天信息产业由谁牵头", "lead"],
    ["第一项任务需要哪些单位协同", "partners"],
    ["上市公司达到多少家", "targets"],
    ["第九项任务进展如何", "progress"],
    ["总体目标有哪些", "goals"],
    ["保障措施第一条是什么", "measures"],
    ["重点任务清单", "task_list"],
    ["帮助", "help"],
    ["这个行动计划是哪天印发的", "plan_info"],
  ])("%s → %s", (q, intent) => {
    expect([...parse(q).intents]).toContain(intent);
  });

  it("asks for a figure by 几 with any unit a plan counts or measures by, and leaves it out of the topic", () => {
    const cases: [string, string][] = [
      ["储能电站要建几座", "储能电站"],
      ["换电重卡推广几辆", "换电重卡推广"],
      ["光伏要新增几万千瓦", "光伏"],
    ];
    for (const [q, topic] of cases) {
      const parsed = parse(q);
      expect(parsed.intents.has("targets"), q).toBe(true);
      expect(parsed.topic.replace(/\s+/g, ""), q).not.toMatch(/几/);
      expect(parsed.topic.replace(/\s+/g, ""), q).toContain(topic);
    }
  });

  it("reads a question ending in what a share measures (…的比例, 覆盖率) as asking its figure", () => {
    for (const q of ["福彩公益金用于养老的比例", "城市建成区绿化覆盖率", "新能源汽车占比？"])
      expect(parse(q).intents.has("targets"), q).toBe(true);
    // the same word inside a who-question asks who, not the figure
    expect(parse("提高第三产业比重由谁牵头").intents.has("targets")).toBe(false);
  });

  it("reads 还有几天 and 还有几个月 as how long the plan has left", () => {
    for (const q of ["规划期还有几天", "还有几个月到期", "这个方案还有多少天"])
      expect(parse(q).intents.has("plan_info"), q).toBe(true);
    expect(parse("还有多少目标没完成").intents.has("plan_info")).toBe(false);
  });

  it("reads task and measure references in Chinese and digits", () => {
    expect(parse("第三项任务的目标").taskNo).toBe(3);
    expect(parse("任务十 谁牵头").taskNo).toBe(10);
    expect(parse("第8项协同部门").taskNo).toBe(8);
    expect(parse("保障措施第二条").measureNo).toBe(2);
  });

  it("finds departments by name or alias and leaves the topic", () => {
    const q = parse("经贸局牵头哪些任务");
    expect(q.departments.map((d) => d.name)).toEqual(["经贸发展局"]);
    expect(q.topic).toBe("");
    expect(
      parse("市监局和税务局共同参与哪项任务")
        .departments.map((d) => d.name)
        .sort(),
    ).toEqual(["市场监督管理局", "税务局"]);
  });

  it("names a department the plans do not know", () => {
    expect(parse("卫健委牵头哪些任务").unknownDepartment).toBe("卫健委");
    expect(parse("哪个部门牵头").unknownDepartment).toBeNull();
  });

  it("keeps years apart from the topic", () => {
    const q = parse("2028年的上市公司目标");
    expect(q.years).toEqual([2028]);
    expect(q.topic).toBe("上市公司");
  });

  it("reads a year shortened to two digits, but not a count of years", () => {
    expect(parse("上市公司26年要到多少").years).toEqual([2026]);
    expect(parse("25年底上市公司目标").years).toEqual([2025]);
    expect(parse("连续25年以上的企业").years).toEqual([]);
  });

  it("leaves how often and how few out of the topic (一年至少要检测几次)", () => {
    expect(parse("水质一年至少要检测几次").topic).toBe("水质 检测");
    expect(parse("自来水多少钱一吨").topic).toBe("自来水");
  });

  it("reads 责任单位有哪些 as asking for everyone responsible", () => {
    const intents = parse("上市公司培育的责任单位有哪些").intents;
    expect([...intents]).toEqual(expect.arrayContaining(["lead", "partners"]));
    expect([...parse("上市公司培育的责任单位是哪个").intents]).not.toContain("partners");
  });
});
