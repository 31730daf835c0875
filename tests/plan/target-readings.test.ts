// How one sentence's figures become targets: annual targets, counts to build, funds, levels and rates, deadlines.
import { describe, expect, it } from "vitest";
import { parseAttribution, splitDepartments } from "../../src/plan/import/attribution.js";
import { extractTargets } from "../../src/plan/import/targets.js";

const read = (sentence: string, inGoals = false, startYear: number | null = 2024) =>
  extractTargets(sentence, { inGoals, startYear });
/** As brief, with the deadline's words in place of the year ("-" for none). */
const withDeadline = (sentence: string) =>
  read(sentence).targets.map((t) => `${t.metric}|${t.comparison}|${t.valueText}${t.unit}|${t.deadline?.text ?? "-"}`);
const brief = (sentence: string, inGoals = false) =>
  read(sentence, inGoals).targets.map((t) => `${t.metric}|${t.comparison}|${t.valueText}${t.unit}|${t.year}`);

describe("targets real plans set", () => {
  it("reads an annual target, with 每年 as its deadline", () => {
    const { targets } = read("每年举办人才交流活动不少于6场。");
    expect(targets.map((t) => `${t.comparison}|${t.value}${t.unit}|${t.year}|${t.deadline?.text}`)).toEqual([
      "不少于|6场|null|每年",
    ]);
  });

  it("reads counts of things to build or gather", () => {
    expect(brief("到2025年,引进高层次人才团队20个。")).toEqual(["高层次人才团队|达到|20个|2025"]);
    expect(brief("到2025年,建成院士工作站15家、博士后工作站30家。")).toEqual([
      "院士工作站|达到|15家|2025",
      "博士后工作站|达到|30家|2025",
    ]);
  });

  it("reads a figure that names a class of things (10亿元以上企业) as part of what is counted, not as the target", () => {
    expect(brief("到2025年,年营收10亿元以上企业达到30家。")).toEqual(["年营收10亿元以上企业|达到|30家|2025"]);
    expect(brief("到2025年,引进年薪50万元以上人才100名。")).toEqual(["年薪50万元以上人才|达到|100名|2025"]);
    // nothing to count: the plan sets no figure here, and none is made up
    expect(brief("到2025年,实现20户以上自然村光纤全覆盖。")).toEqual([]);
    // a counting unit counts the noun itself
    expect(brief("到2025年,培育10家以上企业。")).toEqual(["企业|培育|10家|2025"]);
  });

  it("reads 推广 and 完成 with a figure as doing that much (推广…5万亩, 完成…200个)", () => {
    expect(brief("推广水肥一体化技术面积5万亩。")).toEqual(["推广水肥一体化技术面积|达到|5万亩|null"]);
    expect(brief("完成老旧小区改造200个。")).toEqual(["完成老旧小区改造|达到|200个|null"]);
    expect(brief("推广先进经验。")).toEqual([]);
  });

  it("reads 降低到/下降至/减少到 as a ceiling to reach and 增长至 as a level, never as a change by that much", () => {
    expect(brief("到2026年,单位产值能耗降低到0.4吨标准煤。")).toEqual(["单位产值能耗|不超过|0.4吨标准煤|2026"]);
    expect(brief("到2026年,农田灌溉用水量下降至15立方米。")).toEqual(["农田灌溉用水量|不超过|15立方米|2026"]);
    expect(brief("到2026年,餐厨垃圾填埋量减少到80吨。")).toEqual(["餐厨垃圾填埋量|不超过|80吨|2026"]);
    expect(brief("到2026年,脱贫户人均纯收入增长至2.5万元。")).toEqual(["脱贫户人均纯收入|达到|2.5万元|2026"]);
    // without 到/至 it is still a fall by that much
    expect(brief("到2026年,单位产值能耗降低6%。")).toEqual(["单位产值能耗|下降|6%|2026"]);
    const moved = read("到2027年,慢病患者住院率由15%降低到9%。").targets;
    expect(moved.map((t) => `${t.comparison}|${t.valueText}${t.unit}|from ${t.from?.valueText}`)).toEqual([
      "不超过|9%|from 15",
    ]);
  });

  it("keeps an intensity's or a concentration's whole unit (吨标准煤/万元, 微克/立方米), not its first word", () => {
    expect(brief("到2027年,单位地区生产总值能耗降低到0.38吨标准煤/万元。")).toEqual([
      "单位地区生产总值能耗|不超过|0.38吨标准煤/万元|2027",
    ]);
    expect(brief("到2027年,细颗粒物平均浓度下降至32微克/立方米。")).toEqual([
      "细颗粒物平均浓度|不超过|32微克/立方米|2027",
    ]);
    expect(brief("到2027年,万元工业增加值用水量控制在12立方米/万元以内。")).toEqual([
      "万元工业增加值用水量|不超过|12立方米/万元|2027",
    ]);
  });

  it("keeps 每年 to its own clause, and a clause opening with a verb of doing to its own comparison", () => {
    expect(withDeadline("每年实施节能技术改造项目不少于30个，创建国家级绿色工厂15家。")).toEqual([
      "每年实施节能技术改造项目|不少于|30个|每年",
      "创建国家级绿色工厂|达到|15家|-",
    ]);
    expect(withDeadline("新增光伏装机容量60万千瓦；建成集中式储能电站2座。")).toEqual([
      "光伏装机容量|新增|60万千瓦|-",
      "集中式储能电站|达到|2座|-",
    ]);
    // an enumeration in one clause keeps its verb and its 每年
    expect(withDeadline("每年新建养老服务站15个、托育点10个。")).toEqual([
      "每年新建养老服务站|达到|15个|每年",
      "托育点|达到|10个|每年",
    ]);
  });

  it("reads fund and scale figures", () => {
    expect(brief("到2025年,设立产业引导基金,规模不低于10亿元。")).toEqual(["规模|不少于|10亿元|2025"]);
  });

  it("reads 提高到 as a level, and a 年均 rate with the subject it belongs to", () => {
    expect(brief("到2025年,数字经济核心产业增加值占地区生产总值比重提高到12%。")).toEqual([
      "数字经济核心产业增加值占地区生产总值比重|达到|12%|2025",
    ]);
    expect(brief("到2025年,地区生产总值达到1000亿元,年均增长8%。")).toEqual([
      "地区生产总值|达到|1000亿元|2025",
      "地区生产总值(年均)|提升|8%|2025",
    ]);
  });

  it("keeps a deadline written before the subject out of the metric's name", () => {
    const { targets } = read("到2026年底前,全区5G基站达到3000个。");
    expect(targets.map((t) => t.metric)).toEqual(["5G基站"]);
    expect(targets[0]?.deadline).toEqual({ text: "到2026年底前", date: "2026-12-31" });
    expect(read("2025年底前建成智慧社区50个。").targets[0]).toMatchObject({ year: 2025, value: 50 });
  });

  it("raises no date warning for figures in units outside the usual list", () => {
    for (const s of ["到2025年,全市算力规模达到2000PFlops。", "到2025年,引进青年人才达到2000名左右。"]) {
      const { targets, defects } = read(s);
      expect(defects, s).toEqual([]);
      expect(targets[0]?.value, s).toBe(2000);
    }
  });

  it("counts a relative period from the plan's start year and says so", () => {
    const { targets } = read("三年内认定市级众创空间60家以上。", false, 2015);
    expect(targets[0]).toMatchObject({ year: 2017, comparison: "不少于", value: 60 });
    expect(targets[0]?.yearReading).toBe("“三年内”按2015年起算,即2017年底前");
    // With no year to count from, the period is kept as written and no year is invented.
    expect(read("5年内培养博士后不少于400名。", false, null).targets[0]).toMatchObject({ year: null, value: 400 });
  });

  it("reads an annual target that comes before a deadline in the same sentence, and the one after it", () => {
    expect(
      brief("推广智能灌溉等技术,每年新增智慧农业应用面积不少于2万亩,到2027年培育县级以上数字农业示范基地10个。"),
    ).toEqual(["每年新增智慧农业应用面积|不少于|2万亩|null", "县级以上数字农业示范基地|培育|10个|2027"]);
  });

  it("reads a task's figure before its first deadline where the words make it a target, not where they state the present", () => {
    expect(brief("完善物流配送体系,建成益农信息社120个,到2027年农产品网络零售额突破15亿元。")).toEqual([
      "益农信息社|达到|120个|null",
      "农产品网络零售额|突破|15亿元|2027",
    ]);
    expect(brief("2022年已建成益农信息社80个,到2027年农产品网络零售额突破15亿元。")).toEqual([
      "农产品网络零售额|突破|15亿元|2027",
    ]);
  });

  it("reads the figure before 每年 in a sentence with no deadline, and a 年均 rate with its subject", () => {
    expect(brief("完善技术转移服务体系,技术合同成交额突破80亿元,每年举办科技成果对接活动不少于12场。")).toEqual([
      "技术合同成交额|突破|80亿元|null",
      "每年举办科技成果对接活动|不少于|12场|null",
    ]);
    expect(brief("设立规模不低于2亿元的数字乡村发展基金,涉农贷款余额年均增长10%。")).toEqual([
      "数字乡村发展基金规模|不少于|2亿元|null",
      "涉农贷款余额(年均)|提升|10%|null",
    ]);
  });

  it("reads a ceiling brought down to (压缩至30小时以内) as a target", () => {
    expect(brief("进口整体通关时间压缩至30小时以内,出口整体通关时间压缩至1.5小时以内。")).toEqual([
      "进口整体通关时间|不超过|30小时|null",
      "出口整体通关时间|不超过|1.5小时|null",
    ]);
  });

  it("reads every figure of a task table's 具体内容或目标 cell, due by its row's 完成时限 in the table's words", () => {
    const due = { year: 2026, deadline: { text: "2026年底前", date: "2026-12-31" } };
    const { targets } = extractTargets("高新技术企业达到300家,科技型中小企业入库500家", { inGoals: false, due });
    expect(targets.map((t) => [t.metric, t.value, t.year, t.deadline])).toEqual([
      ["高新技术企业", 300, 2026, due.deadline],
      ["科技型中小企业入库", 500, 2026, due.deadline],
    ]);
    // Before a 每年 in the cell, a figure with no verb of its own is a target of the row too.
    const yearly = { year: null, deadline: { text: "每年" } };
    const cell = extractTargets("高新技术企业300家,每年举办对接活动不少于12场", { inGoals: false, due: yearly });
    expect(cell.targets.map((t) => [t.metric, t.value, t.year])).toEqual([
      ["高新技术企业", 300, null],
      ["每年举办对接活动", 12, null],
    ]);
  });

  it("takes no limit or age in an undated item for a target", () => {
    expect(brief("在职职工总数30人(含)以下的企业暂免征收残疾人保障金。")).toEqual([]);
    expect(brief("加大对35岁以下青年科技人员扶持培养力度,连续3年每年给予科研经费资助。")).toEqual([]);
  });
});

describe("attribution conventions", () => {
  it.each([
    ["(责任单位:区发改委、区财政局、区科技局,排在首位的为牵头单位,下同)", ["区发改委"], ["区财政局", "区科技局"]],
    ["(责任单位:区发改委、区财政局。列第一位的为牵头单位)", ["区发改委"], ["区财政局"]],
    ["(牵头单位:区商务局,配合单位:区财政局、区税务局,下同)", ["区商务局"], ["区财政局", "区税务局"]],
    ["(主责单位:区卫健委;参与单位:区民政局、各街道)", ["区卫健委"], ["区民政局", "各街道"]],
    ["(牵头单位:市商务局  责任单位:市编办、市发改委)", ["市商务局"], ["市编办", "市发改委"]],
    ["(市人社局、市医保局、市财政局负责)", ["市人社局"], ["市医保局", "市财政局"]],
    ["(牵头单位:市发展改革委,配合单位:市委组织部,各区、县级市)", ["市发展改革委"], ["市委组织部", "各区、县级市"]],
  ])("%s", (text, lead, partners) => {
    const parsed = parseAttribution(`推进某项工作。${text}`);
    expect(parsed?.lead).toEqual(lead);
    expect(parsed?.partners).toEqual(partners);
  });

  it("never keeps a rule's words as a department", () => {
    expect(splitDepartments("区发改委、区财政局,排在首位的为牵头单位,下同")).toEqual(["区发改委", "区财政局"]);
  });
});

describe("a duty phrase after a unit", () => {
  it("keeps the unit and drops the phrase", () => {
    const parsed = parseAttribution("推进某项工作。（责任单位：区科技局，区财政局、区人社局按职责分工负责）");
    expect(parsed?.lead).toEqual(["区科技局"]);
    expect(parsed?.partners).toEqual(["区财政局", "区人社局"]);
  });
});

describe("an enumeration with 、 shares the verb of its first item", () => {
  it("建设菜市场8座、公共厕所30座 are both targets, though only the first names what is done", () => {
    const { targets } = extractTargets("建设标准化菜市场8座、公共厕所30座、口袋公园12处，方便群众生活。", {
      inGoals: false,
      startYear: 2025,
    });
    expect(targets.map((t) => [t.metric, t.value, t.unit])).toEqual([
      ["建设标准化菜市场", 8, "座"],
      ["公共厕所", 30, "座"],
      ["口袋公园", 12, "处"],
    ]);
  });

  it("a list whose first item no verb makes a target stays out, as before", () => {
    expect(extractTargets("辖区现有菜市场8座、公共厕所30座。", { inGoals: false }).targets).toEqual([]);
  });
});

describe("a level moved from one figure to another", () => {
  it.each([
    ["城镇污水集中收集率由2023年的55%提升到70%。", "城镇污水集中收集率", 70, "%", { value: 55, year: 2023 }],
    ["企业开办时间从5个工作日压缩至2个工作日以内。", "企业开办时间", 2, "个工作日", { value: 5, year: null }],
    ["到2027年，公交分担率由30%增加到45%以上。", "公交分担率", 45, "%", { value: 30, year: null }],
  ])("%s: the target is the level reached, with the level it starts from", (sentence, metric, value, unit, from) => {
    const { targets } = extractTargets(sentence, { inGoals: false, startYear: 2024 });
    expect(targets.map((t) => [t.metric, t.value, t.unit])).toEqual([[metric, value, unit]]);
    expect(targets[0]?.from).toMatchObject({ ...from, unit });
  });
});
