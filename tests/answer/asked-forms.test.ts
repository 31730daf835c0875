// Ways of asking that held-out plans brought in: a sum of money the plan never states, a year shortened to two
// digits, the goals named by the plan's own title, the goals of one year, a party office by its short name, and
// 责任单位有哪些 asking for everyone responsible. Plan written fresh for this test.
import { describe, expect, it } from "vitest";
import { answererOfLines } from "./imported-plan.js";
import { fixedContext } from "./seed-knowledge.js";

const answerer = answererOfLines("liuchuan", [
  "柳川市智慧农业发展三年行动方案（2025—2027年）",
  "一、主要目标",
  "到2027年，全市智慧农业应用基地达到60个，农产品网络销售额达到30亿元，农业生产信息化率提高到45%。",
  "到2025年底，智慧农业应用基地达到25个。",
  "二、重点任务",
  "（一）建设智慧农业应用基地。到2026年，建成智慧农业应用基地40个；到2027年，智慧农业应用基地达到60个。（牵头单位：市农业农村局；配合单位：市科技局、市财政局）",
  "（二）推进高标准农田数字化改造。到2027年，完成高标准农田数字化改造20万亩。（牵头单位：市农业农村局；配合单位：市自然资源局）",
  "（三）加强农业数据安全。建立农业数据分类分级保护制度。（牵头单位：市委网信办；配合单位：市数据资源局、市农业农村局）",
  "三、保障措施",
  "（一）加强组织领导。建立工作专班。",
]);
const ask = (q: string) => answerer.answer(q, { ...fixedContext, today: "2025-06-30" })[0]?.text ?? "";

describe("ways of asking", () => {
  it("says the plan states no sum of money, and shows what it does set, never a figure in 元 it lacks", () => {
    // A subject the plan holds, asked for money: the plan sets counts for it, not a sum.
    const held = ask("智慧农业应用基地建设资金有多少");
    expect(held).toContain("计划没有写明");
    expect(held).toContain("金额");
    expect(held).toContain("60个");
    // A word the plan never uses (总投资): not covered at all.
    expect(ask("高标准农田数字化改造总投资多少")).toContain("计划未涉及");
    for (const q of ["智慧农业应用基地建设资金有多少", "高标准农田数字化改造总投资多少"])
      expect(ask(q), q).not.toMatch(/\d+(?:\.\d+)?\s*(?:万|亿)?元/);
    // A sum the plan does state is answered as before.
    expect(ask("农产品网络销售额目标多少")).toContain("30亿元");
  });

  it("reads 26年 as 2026, and answers from the task that sets that year when the goals do not", () => {
    const text = ask("智慧农业应用基地26年要建多少个");
    expect(text).toContain("40个");
    expect(text).not.toContain("计划未涉及");
  });

  it("gives all the goals when the words name the plan itself", () => {
    const text = ask("智慧农业三年行动总目标是啥");
    for (const figure of ["60个", "30亿元", "45%"]) expect(text).toContain(figure);
  });

  it("keeps to the year asked when the goals of one year are asked", () => {
    const text = ask("2025年底阶段性目标是什么");
    expect(text).toContain("25个");
    expect(text).not.toContain("30亿元");
  });

  it("knows a party committee's office by its name without 市委", () => {
    const text = ask("网信办牵头哪些任务");
    expect(text).toContain("加强农业数据安全");
    expect(text).not.toContain("未找到");
  });

  it("answers 责任单位有哪些 with the cooperating units as well as the lead", () => {
    const text = ask("高标准农田数字化改造责任单位有哪些");
    expect(text).toContain("市农业农村局");
    expect(text).toContain("市自然资源局");
  });
});

describe("a plan for one year (2025年…工作要点)", () => {
  const yaodian = answererOfLines("yaodian", [
    "柳川区2025年数据要素工作要点",
    "一、工作目标",
    "全年新增数据资源目录500条。",
    "二、重点任务",
    "（一）夯实数据基础",
    "1.推进公共数据归集。6月底前归集数据资源100类，年底前扩展至200类。（责任单位：区数据资源局牵头，区财政局配合）",
    "2.建设数据共享平台。第三季度上线区级数据共享平台。（责任单位：区数据资源局牵头，区大数据中心配合）",
    "（二）培育数据应用",
    "1.开放应用场景。发布数据应用场景清单，全年开放场景20个。（责任单位：区工信局牵头，区商务局配合）",
    "2.培育数据企业。新增数据企业15家。（责任单位：区商务局牵头，区工信局配合）",
  ]);
  const ask2 = (q: string) => yaodian.answer(q, { ...fixedContext, today: "2025-06-30" })[0]?.text ?? "";

  it("dates 6月底前 and 年底前 in that year, and answers the one asked", () => {
    const text = ask2("公共数据归集年底前要扩到多少类");
    expect(text).toContain("200类");
    expect(text).not.toContain("100类");
  });

  it("says when the plan says a thing happens, rather than that it says no time", () => {
    const text = ask2("数据共享平台什么时候上线");
    expect(text).toContain("第三季度上线区级数据共享平台");
    expect(text).not.toContain("未写明完成时间");
  });

  it("finds the N-th task under a heading when numbering starts again under each", () => {
    expect(ask2("培育数据应用里面第2条谁牵头")).toContain("区商务局");
    expect(ask2("夯实数据基础第1项谁牵头")).toContain("区数据资源局");
  });
});

describe("departments by the short names people use", () => {
  const named = answererOfLines("names", [
    "桐川县旅游和能源工作实施方案（2025—2026年）",
    "一、主要任务",
    "（一）发展全域旅游。新建游客服务中心3个。（责任单位：县文化旅游体育局、县自然资源和规划局，排在首位的为牵头单位）",
    "（二）保障用电。新建充电站20座。（责任单位：国网桐川供电公司、桐川高新区管委会）",
    "（三）扶持上市公司。新增上市公司2家。（责任单位：鑫达公司、县财政局）",
  ]);
  const ask3 = (q: string) => named.answer(q, fixedContext)[0]?.text ?? "";

  it("knows 文旅体育局, 规划局, 供电公司 and 高新区 for the full names", () => {
    expect(ask3("县文旅体育局牵头哪些任务")).toContain("发展全域旅游");
    expect(ask3("规划局参与了哪些任务")).toContain("发展全域旅游");
    expect(ask3("供电公司牵头哪些任务")).toContain("保障用电");
    expect(ask3("高新区参与哪些任务")).toContain("保障用电");
  });

  it("says a plan with no date states none, rather than that its date lost characters", () => {
    const text = ask3("这个方案什么时候印发的");
    expect(text).toContain("印发日期:原文未写明");
    expect(text).not.toContain("缺字");
  });

  it("does not take a bare 公司 for a company named 鑫达公司", () => {
    const text = ask3("上市公司目标多少家");
    expect(text).toContain("2家");
    expect(text).not.toContain("未找到");
  });
});
