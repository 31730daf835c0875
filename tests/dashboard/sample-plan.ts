// A small hand-made plan (valid per the matrix schema) and progress records with a known status for every target.
import type { ResponsibilityMatrix, Target } from "../../src/plan/schema.js";
import type { NewProgress } from "../../src/progress/schema.js";

export const SAMPLE_TODAY = "2024-06-30";

function target(taskNo: number, n: number, metric: string, value: number | null, unit: string, year: number): Target {
  return {
    id: `t${taskNo}-${n}`,
    taskNo,
    metric,
    value,
    valueText: value === null ? "" : String(value),
    unit,
    year,
    comparison: "达到",
    sentence: `到${year}年，${metric}达到${value ?? ""}${unit}。`,
    warnings: value === null ? ["number_lost"] : [],
  };
}

export const samplePlan: ResponsibilityMatrix = {
  schemaVersion: 1,
  slug: "linhu-digital",
  title: "临湖区数字经济发展三年行动方案（2024—2026年）",
  issuer: "示例市临湖区人民政府办公室",
  issuedOn: "2024-05-06",
  period: { startYear: 2024, endYear: 2026 },
  preamble: [],
  source: { file: "plan.txt", sha256: "a".repeat(64) },
  goals: {
    text: "到2026年，数字经济核心产业增加值达到120亿元。",
    sentences: ["到2026年，数字经济核心产业增加值达到120亿元。"],
    targets: [{ ...target(0, 1, "数字经济核心产业增加值", 120, "亿元", 2026) }],
  },
  tasks: [
    {
      no: 1,
      label: "（一）",
      section: "重点任务",
      title: "夯实数字基础设施",
      text: "加快5G基站建设，到2024年建成5G基站1500个，到2026年达到2500个。",
      sentences: ["加快5G基站建设，到2024年建成5G基站1500个，到2026年达到2500个。"],
      lead: ["区数据资源局"],
      partners: ["区发改委", "区财政局"],
      attribution: "（牵头部门：区数据资源局，协同部门：区发改委、区财政局）",
      targets: [target(1, 1, "5G基站（2024年）", 1500, "个", 2024), target(1, 2, "5G基站（2026年）", 2500, "个", 2026)],
      line: 10,
    },
    {
      no: 2,
      label: "（二）",
      section: "重点任务",
      title: "推动制造业数字化转型",
      text: "规上工业企业数字化改造覆盖率达到80%，培育智能工厂20家。",
      sentences: ["规上工业企业数字化改造覆盖率达到80%，培育智能工厂20家。"],
      lead: ["区工信局"],
      partners: ["区科技局"],
      attribution: "（牵头部门：区工信局，协同部门：区科技局）",
      targets: [target(2, 1, "数字化改造覆盖率", 80, "%", 2025), target(2, 2, "智能工厂", 20, "家", 2026)],
      line: 14,
    },
    {
      no: 3,
      label: "（三）",
      section: "重点任务",
      title: "培育数据要素市场",
      text: "数据交易额年均提升个百分点。",
      sentences: ["数据交易额年均提升个百分点。"],
      lead: [],
      partners: ["区发改委"],
      attribution: "（协同部门：区发改委）",
      targets: [target(3, 1, "数据交易额增幅", null, "个百分点", 2026)],
      line: 18,
    },
    {
      no: 4,
      label: "（四）",
      section: "重点任务",
      title: "营造数字经济发展环境",
      text: "完善政策体系，营造良好氛围。",
      sentences: ["完善政策体系，营造良好氛围。"],
      lead: ["区发改委"],
      partners: [],
      attribution: "（牵头部门：区发改委）",
      targets: [],
      line: 22,
    },
  ],
  measures: [],
  warnings: [
    {
      code: "number_lost",
      line: 18,
      excerpt: "提升个百分点",
      message: "“提升个百分点”缺少数字（抓取时丢失），指标值无法确定",
      confirmedByHuman: false,
      taskNo: 3,
    },
    {
      code: "attribution_missing",
      line: 18,
      excerpt: "（协同部门：区发改委）",
      message: "此任务未写明牵头部门",
      confirmedByHuman: false,
      taskNo: 3,
    },
    {
      code: "title_spam",
      line: 1,
      excerpt: "k8凯发",
      message: "标题末尾的“k8凯发”是网页抓取带入的无关文字，已去除",
      confirmedByHuman: false,
    },
  ],
};

const base = { plan: samplePlan.slug, reporterId: "zhangsan", reporterName: "张三", source: "chat" } as const;

/** Statuses on SAMPLE_TODAY: t1-1 on pace, t1-2 behind, t2-1 stale, t2-2 done, t3-1 stale (never reported), task 4 recorded. */
export const sampleRecords: NewProgress[] = [
  { ...base, taskNo: 1, targetId: "t1-1", value: 400, unit: "个", text: "一季度建成5G基站400个", asOf: "2024-03-31" },
  {
    ...base,
    taskNo: 1,
    targetId: "t1-1",
    value: 900,
    unit: "个",
    text: "上半年累计建成5G基站900个",
    asOf: "2024-06-15",
  },
  { ...base, taskNo: 1, targetId: "t1-2", value: 100, unit: "个", text: "2026年目标已开工100个", asOf: "2024-06-20" },
  {
    ...base,
    taskNo: 2,
    targetId: "t2-1",
    value: 30,
    unit: "%",
    text: "数字化改造覆盖率30%",
    asOf: "2024-01-10",
    department: "区工信局",
  },
  { ...base, taskNo: 2, targetId: "t2-2", value: 25, unit: "家", text: "认定智能工厂25家", asOf: "2024-06-01" },
  { ...base, taskNo: 4, text: "出台数字经济政策十条<script>alert(1)</script>", asOf: "2024-06-10" },
];
