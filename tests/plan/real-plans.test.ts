// Real published plans (tests/fixtures/plans/real): tasks, attributions, targets and warnings against what a reader finds.
// Every expected figure below was written by reading the fixture's text, not by running the importer.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importPlan } from "../../src/plan/import/import-plan.js";
import { ResponsibilityMatrix } from "../../src/plan/schema.js";

/** The fixture's header comment lines (# 来源…) are blanked, so line numbers stay those of the file. */
function readFixture(name: string): string {
  return readFileSync(`tests/fixtures/plans/real/${name}.txt`, "utf8")
    .split("\n")
    .map((l) => (l.startsWith("#") ? "" : l))
    .join("\n");
}

/** "value unit year" of a target as a reader writes it down; year "-" when the text sets none. */
type Fig = string;
interface ReaderTask {
  title: string;
  lead: string[];
  partners: string[];
  targets: Fig[];
}
interface ReaderPlan {
  file: string;
  title: string;
  goals: Fig[];
  tasks: ReaderTask[];
  /** warnings a reader agrees with (a figure really missing from the text, a task that really names no lead) */
  trueWarnings: string[];
}

const GZ_ALL = ["各区、县级市"];
const HR = "市人力资源和社会保障局";
const plans: ReaderPlan[] = [
  {
    file: "guangzhou-talent-2012",
    title: "关于推进人才集聚工程的实施意见",
    goals: ["2000 名 2016", "320 万名 2016", "40 % 2016"],
    tasks: [
      {
        title: "战略性主导产业紧缺人才开发项目",
        lead: ["市发展改革委"],
        partners: ["市委组织部", HR, ...GZ_ALL],
        targets: ["1 万名 2016"],
      },
      {
        title: "羊城企业家培养项目",
        lead: ["市委组织部"],
        partners: ["市国资委"],
        targets: ["100 名 2016", "100 名 2016", "200 名 2016", "100 名 2016"],
      },
      {
        title: "民营企业家素质提升项目",
        lead: ["市经贸委"],
        partners: [HR, "市工商联", ...GZ_ALL],
        targets: ["300 名 2016", "1000 名 2016", "3000 名 2016"],
      },
      {
        title: "高技能人才精工项目",
        lead: [HR],
        partners: ["市教育局", ...GZ_ALL],
        targets: ["200 名 2016", "2000 名 2016", "10000 名 2016", "250 名 2016"],
      },
      {
        title: "金融高级人才开发项目",
        lead: ["市金融办"],
        partners: ["市发展改革委", HR, ...GZ_ALL],
        targets: ["30 名 2016", "50 名 2016", "300 名 2016"],
      },
      {
        title: "专业技术人才知识更新项目",
        lead: [HR],
        partners: GZ_ALL,
        targets: ["15 万名 2016", "50 个 2016", "50 场次 2016"],
      },
      {
        title: "“赢在广州”大学生创业扶持项目",
        lead: [HR],
        partners: ["市工商局", "市金融办", "团市委", ...GZ_ALL],
        targets: ["100 个 2016", "100 名 2016"],
      },
      {
        title: "“百人计划”拓展项目",
        lead: ["市委组织部"],
        partners: ["市科技和信息化局", HR],
        targets: ["200 名 2016"],
      },
      { title: "“羊城学者”特聘岗位项目", lead: ["市委组织部"], partners: ["各有关单位"], targets: ["50 个 -"] },
      { title: "121人才梯队项目", lead: [HR], partners: GZ_ALL, targets: ["10 名 -", "20 名 -", "100 名 -"] },
      { title: "博士后培养项目", lead: [HR], partners: GZ_ALL, targets: ["400 名 2016"] },
      { title: "珠江科技新星项目", lead: ["市科技和信息化局"], partners: GZ_ALL, targets: ["100 名 -"] },
      { title: "“菁英计划”留学项目", lead: ["市教育局"], partners: [HR, "市国资委"], targets: ["200 名 2016"] },
      {
        title: "“百会进千企”金桥项目",
        lead: ["市科协"],
        partners: ["市发展改革委", "市科技和信息化局", "市国资委", "市经贸委"],
        targets: ["100 家 2016", "1000 家 2016", "30 家 2016", "50 家 2016", "200 名 2016", "2000 名 2016"],
      },
      { title: "人才资源服务产业园", lead: [HR], partners: ["市委组织部", "各有关单位", ...GZ_ALL], targets: [] },
      {
        title: "人才公寓",
        lead: ["市住房保障办"],
        partners: ["市规划局", "市国土房管局", ...GZ_ALL],
        targets: ["1000 套 2016", "10000 套 2016"],
      },
      { title: "广州人才信息管理平台", lead: [HR], partners: ["市委组织部", "各有关单位", ...GZ_ALL], targets: [] },
      {
        title: "确立人才优先投入机制",
        lead: ["市财政局"],
        partners: ["市委组织部", "各有关单位", ...GZ_ALL],
        targets: [],
      },
      { title: "加强组织领导", lead: ["市委组织部"], partners: ["各项目牵头单位", ...GZ_ALL], targets: [] },
      { title: "完善责任考核", lead: ["市委组织部"], partners: ["各项目牵头单位", ...GZ_ALL], targets: [] },
      { title: "营造良好环境", lead: ["市委组织部"], partners: ["市委宣传部", "各有关单位", ...GZ_ALL], targets: [] },
    ],
    trueWarnings: [],
  },
  {
    file: "hangzhou-internet-plus-2015",
    title: "杭州市推进“互联网+”行动实施意见",
    goals: [],
    tasks: [
      { title: "大力发展众创空间", lead: ["市科委"], partners: ["各区县市"], targets: ["60 家 2017"] },
      // 原文“力争5年内有 家特色小镇获省级认定”: the figure is missing from the text itself.
      { title: "加快特色小镇建设", lead: ["市发改委"], partners: ["各区县市"], targets: ["null 家 2019"] },
    ],
    trueWarnings: ["number_lost"],
  },
  {
    file: "xining-circulation-2017",
    title: "加快西宁市流通业发展实施意见",
    goals: [],
    tasks: [
      {
        title: "提高流通管理部门管理效能",
        lead: ["市商务局"],
        partners: ["市编办", "市发改委", "市法制办", "各区县政府"],
        targets: [],
      },
    ],
    trueWarnings: [],
  },
  {
    file: "dongyang-disability-employment-2023",
    title: "东阳市促进残疾人就业行动实施方案(2023—2025年)",
    goals: ["800 人 2025", "1300 人次 2025", "70 个 2025", "60 % 2025", "100 % 2025"],
    tasks: [],
    trueWarnings: [],
  },
  {
    file: "chengdu-community-services-2024",
    title: "成都市城市社区嵌入式服务设施建设工程实施方案",
    goals: ["100 个 2025"],
    tasks: [],
    trueWarnings: [],
  },
  {
    file: "chongqing-individual-business-2024",
    title: "重庆市构建分型分类精准培育机制促进个体工商户高质量发展实施方案",
    goals: ["70 % 2029", "5 年 2029", "40 % 2029", "2 万户 2029", "580 万人 2029", "3500 亿元 2029"],
    tasks: [
      { title: "构建创业支持服务体系", lead: [], partners: [], targets: [] },
      { title: "丰富经营场所供给", lead: [], partners: [], targets: [] },
    ],
    // The excerpt's items really name no department.
    trueWarnings: ["attribution_missing", "attribution_missing"],
  },
  {
    file: "dongguan-employment-2021",
    title: "东莞市人民政府关于贯彻落实《广东省进一步稳定和扩大就业若干政策措施》的实施意见",
    goals: [],
    tasks: [
      {
        title:
          "按照国家统一部署,平稳有序实施企业职工基本养老保险缴费比例、缴费基数统一政策,保持企业社会保险缴费成本预期稳定",
        lead: ["市人力资源社会保障局"],
        partners: ["市医保局", "市财政局", "市税务局"],
        targets: [],
      },
      {
        title: "继续按不高于2017年征收标准征收残疾人就业保障金",
        lead: ["市残联"],
        partners: ["市财政局", "市税务局"],
        targets: [],
      },
    ],
    trueWarnings: [],
  },
];

const fig = (t: { value: number | null; unit: string; year: number | null }) => `${t.value} ${t.unit} ${t.year ?? "-"}`;
const sorted = (l: string[]) => [...l].sort();

describe.each(plans)("real plan $file", (plan) => {
  const { matrix } = importPlan(readFixture(plan.file), { slug: "real", sourceFile: "source.txt" });

  it("imports into a matrix that validates, under the plan's own title", () => {
    expect(() => ResponsibilityMatrix.parse(matrix)).not.toThrow();
    expect(matrix.title).toBe(plan.title);
  });

  it("makes a task of every numbered item, with its lead and partners", () => {
    expect(matrix.tasks.map((t) => t.title)).toEqual(plan.tasks.map((t) => t.title));
    expect(matrix.tasks.map((t) => [t.lead, t.partners])).toEqual(plan.tasks.map((t) => [t.lead, t.partners]));
  });

  it("finds every target a reader finds, with its unit and year", () => {
    expect(sorted(matrix.goals.targets.map(fig))).toEqual(sorted(plan.goals));
    expect(matrix.tasks.map((t) => sorted(t.targets.map(fig)))).toEqual(plan.tasks.map((t) => sorted(t.targets)));
  });

  it("raises no warning a reader would not raise", () => {
    expect(sorted(matrix.warnings.map((w) => w.code))).toEqual(sorted(plan.trueWarnings));
  });
});

describe("what the real plans' sentences say beyond figures", () => {
  const gz = importPlan(readFixture("guangzhou-talent-2012"), { slug: "gz", sourceFile: "source.txt" }).matrix;

  it("resolves a relative period against the plan's start year, and says so", () => {
    const postdocs = gz.tasks.find((t) => t.title === "博士后培养项目")?.targets[0];
    expect(postdocs).toMatchObject({ value: 400, unit: "名", year: 2016, comparison: "不少于" });
    expect(postdocs?.deadline?.text).toBe("5年内");
    expect(postdocs?.yearReading).toContain("2012");
  });

  it("names each subject of a sentence with several figures", () => {
    const flats = gz.tasks.find((t) => t.title === "人才公寓")?.targets ?? [];
    expect(flats.map((t) => t.metric)).toEqual(["专家公寓", "人才公寓"]);
  });

  it("reads 左右 and 每年 as a target's terms", () => {
    expect(gz.goals.targets[0]?.comparison).toBe("达到");
    const stars = gz.tasks.find((t) => t.title === "珠江科技新星项目")?.targets[0];
    expect(stars).toMatchObject({ value: 100, comparison: "不少于", year: null });
    expect(stars?.deadline?.text).toBe("每年");
  });

  it("stores a deadline written into an item", () => {
    const org = gz.tasks.find((t) => t.title === "加强组织领导");
    expect(org?.deadline).toEqual({ text: "2012年10月底前", date: "2012-10-31" });
  });

  it("records the notice that issued the plan as its source", () => {
    const dy = importPlan(readFixture("dongyang-disability-employment-2023"), { slug: "dy", sourceFile: "s.txt" });
    expect(dy.matrix.notice).toBe(
      "东阳市人民政府办公室 关于印发《东阳市促进残疾人就业行动实施方案(2023—2025年)》的通知",
    );
    expect(dy.matrix.issuedOn).toBe("2023-03-13");
  });
});
