// Generates plans in the common Chinese government style, deterministically, for benchmarks at scale.
// The text goes through the real importer, so the corpora exercise the same path as a real plan.
import { importPlan } from "../plan/import/import-plan.js";
import type { ResponsibilityMatrix } from "../plan/schema.js";
import { seededRandom } from "./seeded-random.js";

const PLACES = "青松临湖东湾西岭南港北塘云溪石桥金沙玉泉长岗柳营桃园梅山竹林枫林雁湖鹤鸣龙池凤岗";
const INDUSTRIES = [
  "新型显示",
  "集成电路",
  "新能源汽车",
  "生物医药",
  "人工智能",
  "高端装备",
  "新材料",
  "节能环保",
  "现代物流",
  "数字创意",
  "工业互联网",
  "智能制造",
  "航空航天",
  "海洋经济",
  "氢能储能",
  "光伏产业",
  "医疗器械",
  "软件信息",
  "电子商务",
  "文化旅游",
  "现代农业",
  "绿色食品",
  "纺织服装",
  "精细化工",
  "检验检测",
  "金融服务",
  "会展经济",
  "跨境电商",
  "智慧康养",
  "家居建材",
  "汽车零部件",
  "轨道交通",
  "北斗导航",
  "量子信息",
  "元宇宙",
  "低空经济",
];
const NOUNS = [
  "产业集群",
  "龙头企业",
  "创新平台",
  "孵化载体",
  "产业园区",
  "人才团队",
  "公共服务平台",
  "示范项目",
  "中试基地",
  "研发机构",
  "科技型企业",
  "专精特新企业",
  "上市后备企业",
  "总部企业",
  "产业基金",
  "应用场景",
  "标准厂房",
];
const VERBS = ["加快", "推动", "支持", "鼓励", "引导", "培育", "建设", "完善", "深化", "拓展", "提升", "优化"];
const METRICS: [string, string][] = [
  ["产业规模", "亿元"],
  ["产值", "亿元"],
  ["营业收入", "亿元"],
  ["固定资产投资", "亿元"],
  ["企业数量", "家"],
  ["重点项目", "个"],
  ["研发投入强度", "%"],
  ["从业人员", "万人"],
  ["载体面积", "万平方米"],
  ["税收贡献", "亿元"],
];
const DEPARTMENTS = [
  "经济发展局",
  "科技创新局",
  "财政局",
  "投资促进局",
  "自然资源局",
  "生态环境局",
  "商务局",
  "人力资源局",
  "市场监管局",
  "统计局",
  "数据资源局",
  "住房建设局",
  "农业农村局",
  "文化旅游局",
  "交通运输局",
  "应急管理局",
];
const MEASURES = ["加强组织领导", "强化政策支持", "完善要素保障", "严格考核评估", "营造良好氛围"];
const CN = "一二三四五六七八九十";

function ordinal(n: number): string {
  if (n <= 10) return CN[n - 1] ?? "";
  return `十${CN[n - 11] ?? ""}`;
}

export function synthesizePlanText(index: number, tasks = 15): string {
  const r = seededRandom(index + 1);
  const pick = <T>(list: T[]): T => list[Math.floor(r() * list.length)] as T;
  const place = `${PLACES[(index * 2) % PLACES.length]}${PLACES[(index * 7 + 1) % PLACES.length]}${index}区`;
  const focus = pick(INDUSTRIES);
  const title = `${place}推动${focus}高质量发展三年行动计划(2024—2026年)`;
  const lines = [
    `关于印发${title}的通知`,
    "2024年3月1日",
    `各部门:《${title}》已经研究同意,现予印发。`,
    `${place}管理委员会`,
    "",
    title,
    "",
  ];
  lines.push(`为推动${focus}高质量发展,结合我区实际,制定本行动计划。`, "一、总体目标");
  lines.push(
    `通过三年努力,到2026年,${focus}产业规模达到${100 + Math.floor(r() * 900)}亿元,培育${2 + Math.floor(r() * 8)}家百亿企业,新增${10 + Math.floor(r() * 90)}个重点项目,研发投入强度达到${(2 + r() * 3).toFixed(1)}%。`,
    "二、重点任务",
  );
  for (let t = 1; t <= tasks; t++) {
    const industry = pick(INDUSTRIES);
    const noun = pick(NOUNS);
    lines.push(`(${ordinal(t)})${pick(VERBS)}${industry}发展,${pick(VERBS)}${noun}建设`);
    const body: string[] = [];
    for (let s = 0; s < 3 + Math.floor(r() * 3); s++) {
      body.push(
        `${pick(VERBS)}${pick(INDUSTRIES)}${pick(NOUNS)}${pick(["建设", "发展", "升级", "布局"])},${pick(VERBS)}${pick(NOUNS)}与${pick(INDUSTRIES)}深度融合。`,
      );
    }
    const targets = Array.from({ length: 2 + Math.floor(r() * 4) }, () => {
      const [metric, unit] = pick(METRICS);
      const value = unit === "%" ? (1 + r() * 9).toFixed(1) : String(5 + Math.floor(r() * 500));
      return `${industry}${metric}${pick(["达到", "突破", "不少于"])}${value}${unit}`;
    });
    body.push(`到2026年,${targets.join(",")}。`);
    const lead = pick(DEPARTMENTS);
    const partners = [
      ...new Set([pick(DEPARTMENTS), pick(DEPARTMENTS), `${place}${pick(["产投公司", "城投公司"])}`]),
    ].filter((d) => d !== lead);
    lines.push(`${body.join("")}(牵头部门:${lead},协同部门:${partners.join("、")})`);
  }
  lines.push("三、保障措施");
  MEASURES.forEach((m, i) => {
    lines.push(`(${ordinal(i + 1)})${m}。${pick(VERBS)}${pick(NOUNS)}工作机制,确保各项任务落到实处。`);
  });
  return `${lines.join("\n")}\n`;
}

export function synthesizePlans(count: number, tasks = 15): ResponsibilityMatrix[] {
  return Array.from(
    { length: count },
    (_, i) => importPlan(synthesizePlanText(i, tasks), { slug: `synthetic-${i}`, sourceFile: "source.txt" }).matrix,
  );
}
