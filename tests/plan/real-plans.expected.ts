// What a reader finds in each real plan excerpt (tests/fixtures/plans/real): written by reading the texts, not by
// running the importer. Shared by the tests and by scripts/score-real-plans.ts, which prints the per-plan figures.
import { readFileSync } from "node:fs";

/** The fixture's text with its header comment lines (# 来源…) blanked, so line numbers stay those of the file. */
export function readRealPlan(name: string): string {
  return readFileSync(`tests/fixtures/plans/real/${name}.txt`, "utf8")
    .split("\n")
    .map((l) => (l.startsWith("#") ? "" : l))
    .join("\n");
}

/** "value unit year" of a target as a reader writes it down; year "-" when the text sets none. */
export type Fig = string;
export interface ReaderTask {
  title: string;
  lead: string[];
  partners: string[];
  targets: Fig[];
}
export interface ReaderPlan {
  file: string;
  title: string;
  goals: Fig[];
  tasks: ReaderTask[];
  /** warnings a reader agrees with (a figure really missing from the text, a task that really names no lead) */
  trueWarnings: string[];
}

const GZ_ALL = ["各区、县级市"];
const HR = "市人力资源和社会保障局";
export const realPlans: ReaderPlan[] = [
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
  // Held out: the three plans below were added after the importer was changed, their expectations written before
  // the importer was run on them.
  {
    file: "xianyang-business-environment-2022",
    title: "咸阳市2022年深化“放管服”改革最佳化营商环境工作要点",
    goals: [],
    tasks: [
      {
        title: "全面实施行政许可事项清单管理",
        lead: ["市政府办公室", "市行政审批制度改革工作领导小组办公室"],
        partners: ["市级各有关部门", "各县市区政府"],
        targets: [],
      },
    ],
    trueWarnings: [],
  },
  {
    file: "chengdu-employment-2015",
    title: "成都市关于做好新形势下就业创业工作的实施意见",
    goals: [],
    tasks: [
      {
        title: "建立经济发展与扩大就业联动机制",
        lead: ["市发改委"],
        partners: ["市经信委", "市农委", "市商务委", "市统计局"],
        targets: [],
      },
    ],
    trueWarnings: [],
  },
  {
    file: "nanjing-innovation-tasks-2016",
    title: "南京市落实省政府《关于加快推进产业科技创新中心和创新型省份建设若干政策措施》重点任务分工",
    goals: [],
    tasks: [{ title: "加大高新技术企业培育扶持力度", lead: ["市科委", "市财政局"], partners: [], targets: [] }],
    trueWarnings: [],
  },
];
