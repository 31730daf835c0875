import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAttribution } from "../../src/plan/import/attribution.js";
import { importPlan } from "../../src/plan/import/import-plan.js";
import { extractTargets } from "../../src/plan/import/targets.js";
import { ResponsibilityMatrix } from "../../src/plan/schema.js";

const seedText = readFileSync("knowledge/xinzhan-2023-2025/source.txt", "utf8");
const secondText = readFileSync("tests/fixtures/plans/second-plan.txt", "utf8");
const fusedReading = { excerpt: "3010亿元以上企业", reading: "30家10亿元以上企业" };

interface ExpectedTarget {
  value: number | null;
  unit: string;
  year: number | null;
}
interface ExpectedPlan {
  title: string;
  issuer: string;
  issuedOn: string;
  period: { startYear: number; endYear: number };
  goals: { targets: ExpectedTarget[] };
  tasks: { no: number; title: string; lead: string[]; partners: string[]; targets: ExpectedTarget[] }[];
}
const brief = (t: ExpectedTarget) => ({ value: t.value, unit: t.unit, year: t.year });

describe("import of the seed plan", () => {
  const { matrix } = importPlan(seedText, { slug: "seed", sourceFile: "source.txt", readings: [fusedReading] });

  it("reads the header without the scraped spam", () => {
    expect(matrix.title).toBe("新站高新区推动经济高质量发展三年行动计划(2023—2025年)");
    expect(matrix.issuer).toBe("安徽合肥新站高新技术产业开发区管理委员会");
    expect(matrix.issuedOn).toBe("2023-03-28");
    expect(matrix.period).toEqual({ startYear: 2023, endYear: 2025 });
    expect(() => ResponsibilityMatrix.parse(matrix)).not.toThrow();
  });

  it("finds ten tasks with their lead and cooperating units", () => {
    expect(matrix.tasks.map((t) => t.lead.join())).toEqual([
      "经贸发展局",
      "投资促进局",
      "经贸发展局",
      "科技局",
      "经贸发展局",
      "经贸发展局",
      "财政局",
      "经贸发展局",
      "科技局",
      "经贸发展局",
    ]);
    expect(matrix.tasks[0]?.partners).toEqual(["财政局", "投资促进局", "科技局", "综保办", "鑫城公司"]);
    expect(matrix.tasks[1]?.partners).toEqual(["各部门", "各社区管委会"]);
    expect(matrix.tasks[0]?.title).toBe("围绕集群建设,实现产业能级提升");
  });

  it("extracts every target with value, unit, year and its source sentence", () => {
    const t1 = matrix.tasks[0]?.targets ?? [];
    expect(t1.map((t) => `${t.metric}=${t.valueText}${t.unit}`)).toEqual([
      "新型显示千亿产业=1个",
      "新能源新材料产业规模=500亿元",
      "集成电路产业规模=200亿元",
      "高端装备制造产业规模=100亿元",
    ]);
    expect(t1[1]?.sentence).toContain("分别达成500亿元、200亿元、100亿元");
    expect(matrix.goals.targets.map((t) => `${t.valueText}${t.unit}`)).toEqual(
      ["800", "1", "8", "600"].map((v, i) => v + ["亿元", "个", "家", "家"][i]),
    );
    const all = [...matrix.goals.targets, ...matrix.tasks.flatMap((t) => t.targets)];
    expect(all.every((t) => t.year === 2025)).toBe(true);
    const two = matrix.tasks[7]?.targets.find((t) => t.unit === "个百分点");
    expect(two).toMatchObject({ value: 2, valueText: "两", comparison: "提升" });
  });

  it("flags every scraping defect and never guesses a lost number", () => {
    const codes = matrix.warnings.map((w) => `${w.code}:${w.excerpt}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        "title_spam:k8凯发欧洲杯",
        "site_footer:网站地图",
        "date_lost_chars:2023328",
        "date_lost_chars:20232025年",
        "number_lost:提升个百分点",
        "number_fused:3010亿元以上企业",
      ]),
    );
    const lost = matrix.tasks[6]?.targets.find((t) => t.warnings.includes("number_lost"));
    expect(lost).toMatchObject({ value: null, metric: "规上企业利润率水平" });
    const fused = matrix.warnings.find((w) => w.code === "number_fused");
    expect(fused).toMatchObject({ confirmedByHuman: true, reading: "30家10亿元以上企业", taskNo: 3 });
  });

  it("keeps the fused number unread when no person confirmed a reading", () => {
    const { matrix: raw } = importPlan(seedText, { slug: "seed", sourceFile: "source.txt" });
    const t = raw.tasks[2]?.targets.find((x) => x.warnings.includes("number_fused"));
    expect(t?.value).toBeNull();
    expect(raw.warnings.find((w) => w.code === "number_fused")?.confirmedByHuman).toBe(false);
  });

  it("keeps the safeguard measures", () => {
    expect(matrix.measures.map((m) => m.title)).toEqual([
      "加强组织领导",
      "建立工作机制",
      "强化督导激励",
      "优化营商环境",
      "及时总结宣传",
    ]);
  });
});

describe("import of a plan in other attribution styles", () => {
  const expected = JSON.parse(readFileSync("tests/fixtures/plans/second-plan.expected.json", "utf8")) as ExpectedPlan;
  const { matrix } = importPlan(secondText, { slug: "second", sourceFile: "source.txt" });

  it("reads the header", () => {
    expect(matrix.title).toBe(expected.title);
    expect(matrix.issuer).toBe(expected.issuer);
    expect(matrix.issuedOn).toBe(expected.issuedOn);
    expect(matrix.period).toEqual(expected.period);
  });

  it("matches a careful reader's tasks, attributions and targets", () => {
    expect(matrix.tasks.length).toBe(expected.tasks.length);
    for (const want of expected.tasks) {
      const got = matrix.tasks.find((t) => t.no === want.no);
      expect(got?.title, `task ${want.no}`).toBe(want.title);
      expect(got?.lead, `task ${want.no} lead`).toEqual(want.lead);
      expect(got?.partners, `task ${want.no} partners`).toEqual(want.partners);
      expect(got?.targets.map(brief), `task ${want.no} targets`).toEqual(want.targets.map(brief));
    }
    expect(matrix.goals.targets.map(brief)).toEqual(expected.goals.targets.map(brief));
  });
});

// Written fresh for stop 13 in a county's style (责任单位：X牵头，Y配合。), which the importer had read as a lead named
// "县工信局牵头" and partners ending in 配合.
describe("import of a county plan whose 责任单位 lines say the roles in words", () => {
  const text = readFileSync("tests/fixtures/plans/liuxi-digital-village.txt", "utf8");
  const { matrix } = importPlan(text, { slug: "liuxi", sourceFile: "source.txt" });

  it("reads each task's lead and partners without the role words", () => {
    expect(matrix.tasks.map((t) => [t.no, t.lead, t.partners])).toEqual([
      [1, ["县工信局"], ["县财政局", "县广电中心", "各乡镇人民政府"]],
      [2, ["县商务局"], ["县农业农村局", "县人社局", "团县委"]],
      [3, ["县农业农村局"], ["县科技局", "县水利局"]],
      [4, ["县委政法委"], ["县数据资源局", "各乡镇人民政府"]],
    ]);
    expect(matrix.period).toEqual({ startYear: 2024, endYear: 2026 });
  });
});

// Written fresh for stop 14 in a city's style: goals under 行动目标 (read as tasks before: 行动 names tasks elsewhere),
// tasks numbered 1．, intensity units, 每年 in one clause of a sentence.
describe("import of a city plan with goals under 行动目标", () => {
  const text = readFileSync("tests/fixtures/plans/yunxi-green-transition.txt", "utf8");
  const { matrix } = importPlan(text, { slug: "yunxi", sourceFile: "source.txt" });

  it("reads the goals section as goals, with whole units and the stated start", () => {
    expect(matrix.goals.targets.map((t) => `${t.metric}|${t.comparison}|${t.valueText}${t.unit}|${t.year}`)).toEqual([
      "单位地区生产总值能耗|不超过|0.38吨标准煤/万元|2027",
      "非化石能源消费比重|达到|25%|2027",
      "新能源汽车保有量|突破|12万辆|2027",
      "城市建成区绿地率|不少于|40%|2027",
    ]);
    expect(matrix.goals.targets[1]?.from).toMatchObject({ value: 18, year: 2024 });
  });

  it("reads the five actions as tasks, none of them a goal", () => {
    expect(matrix.tasks.map((t) => [t.no, t.lead, t.targets.length])).toEqual([
      [1, ["市发展改革委"], 2],
      [2, ["市工业和信息化局"], 2],
      [3, ["市交通运输局"], 2],
      [4, ["市住房城乡建设局"], 2],
      [5, ["市林业局"], 2],
    ]);
    const factories = matrix.tasks[1]?.targets[1];
    expect(factories).toMatchObject({ metric: "创建国家级绿色工厂", comparison: "达到", value: 15 });
    expect(factories?.deadline).toBeUndefined();
  });
});

describe("attribution variants", () => {
  it.each([
    ["(牵头部门:经贸发展局,协同部门:财政局、综保办,鑫城公司)", ["经贸发展局"], ["财政局", "综保办", "鑫城公司"]],
    ["(牵头单位:区数据局;配合单位:区发改委、区财政局)", ["区数据局"], ["区发改委", "区财政局"]],
    ["责任单位:区工信局(牵头)、区科技局、各街道", ["区工信局"], ["区科技局", "各街道"]],
    ["(责任单位:区人社局)", ["区人社局"], []],
    ["（牵头部门：区商务局，协同部门：区市场监管局；区税务局）", ["区商务局"], ["区市场监管局", "区税务局"]],
    ["（区发改委牵头，区住建局、区投资促进局配合）", ["区发改委"], ["区住建局", "区投资促进局"]],
    // roles said in words inside a 责任单位 line, as county plans write them
    ["责任单位：县工信局牵头，县财政局、各乡镇人民政府配合。", ["县工信局"], ["县财政局", "各乡镇人民政府"]],
    ["责任单位：县商务局、团县委牵头，县人社局参与", ["县商务局", "团县委"], ["县人社局"]],
    [
      "责任单位：县委政法委、县数据资源局按职责分工负责，各乡镇人民政府配合。",
      ["县委政法委"],
      ["县数据资源局", "各乡镇人民政府"],
    ],
    ["责任单位：县水利局负责", ["县水利局"], []],
  ])("%s", (text, lead, partners) => {
    const parsed = parseAttribution(`推进某项工作。${text}`);
    expect(parsed?.lead).toEqual(lead);
    expect(parsed?.partners).toEqual(partners);
    expect(parsed?.rest).toBe("推进某项工作。");
  });

  it("returns null for a paragraph without attribution", () => {
    expect(parseAttribution("各部门,各社区管委会,驻区有关单位,区属国有公司:")).toBeNull();
  });
});

describe("targets", () => {
  it("reads places in a ranking as ranks, and 第三产业 as an industry", () => {
    const brief = (sentence: string) =>
      extractTargets(sentence, { inGoals: false }).targets.map(
        (t) => `${t.metric}|${t.comparison}|${t.value}${t.unit}`,
      );
    expect(brief("到2026年，数字经济规模位居全省第3位。")).toEqual(["数字经济规模全省排名|进入前|3位"]);
    expect(brief("到2025年，研发投入强度保持全市第一。")).toEqual(["研发投入强度全市排名|进入前|1位"]);
    expect(brief("到2025年，第三产业占gdp比重提升两个百分点。")).toEqual(["第三产业占gdp比重|提升|2个百分点"]);
  });
  it("ignores figures that describe the present, before the deadline", () => {
    const { targets } = extractTargets("持续壮大3个支柱产业,到2025年,商贸业总量突破400亿元。", { inGoals: false });
    expect(targets.map((t) => t.valueText + t.unit)).toEqual(["400亿元"]);
  });
  it("binds each of several deadlines in one sentence to its own figures", () => {
    const { targets } = extractTargets("到2024年底,累计建成基站1500个;到2026年底,累计建成基站2500个。", {
      inGoals: false,
    });
    expect(targets.map((t) => [t.year, t.value])).toEqual([
      [2024, 1500],
      [2026, 2500],
    ]);
  });
  it("flags a deadline that lost its 年", () => {
    const { defects } = extractTargets("即到2025gdp实现800亿元。", { inGoals: true });
    expect(defects[0]?.code).toBe("date_lost_chars");
  });
});

describe("import of a plan with numbered tasks under groups and recurring targets", () => {
  const { matrix } = importPlan(readFileSync("tests/fixtures/plans/third-plan.txt", "utf8"), {
    slug: "third",
    sourceFile: "source.txt",
  });
  const brief3 = (t: { metric: string; comparison: string; valueText: string; unit: string; year: number | null }) =>
    `${t.metric}|${t.comparison}|${t.valueText}${t.unit}|${t.year}`;

  it("makes a task of each numbered item that carries its own attribution", () => {
    expect(matrix.tasks.map((t) => `${t.label} ${t.title} ${t.lead.join()}/${t.partners.join()}`)).toEqual([
      "(一)1. 推进“一网通办” 区数据局/各街道",
      "(一)2. 压缩企业开办时间 区市场监管局/",
      "(二)3. 保障项目用地 区自然资源局/区发改委,区工信局",
      "(二)4. 强化金融支持 区金融办/各银行机构",
    ]);
    expect(matrix.tasks[0]?.section).toBe("重点任务 · 提升政务服务效能");
  });

  it("reads caps, ranks, recurring targets and counts in 万户", () => {
    expect(matrix.tasks.map((t) => t.targets.map(brief3).join())).toEqual([
      "政务服务事项网上可办率|达到|98%|2025",
      "企业开办时间|不超过|1个工作日|2026",
      "每年新增工业用地供应|不少于|500亩|null",
      "普惠小微贷款余额|突破|300亿元|2027",
    ]);
    expect(matrix.goals.targets.map((t) => `${t.valueText}${t.unit}`)).toEqual(["10位", "20万户"]);
    // A place in a ranking is a rank to stay within, not an amount to reach.
    expect(matrix.goals.targets.map(brief3)[0]).toBe("营商环境评价全省排名|进入前|10位|2027");
  });
});
