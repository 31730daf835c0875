// A small, made-up plan (valid per the matrix schema) that progress, chat and digest tests build on.
import { type ResponsibilityMatrix, ResponsibilityMatrix as Schema, type Target } from "../../src/plan/schema.js";
import type { ProgressRecord } from "../../src/progress/schema.js";

function target(id: string, metric: string, value: number | null, unit: string, comparison: Target["comparison"]) {
  const taskNo = Number(id.split("-")[0]?.slice(1));
  return {
    id,
    taskNo,
    metric,
    value,
    valueText: value === null ? "" : String(value),
    unit,
    year: 2025,
    comparison,
    sentence: `${metric}${comparison}${value ?? ""}${unit}。`,
    warnings: value === null ? ["number_lost" as const] : [],
  };
}

function task(no: number, title: string, lead: string[], partners: string[], targets: ReturnType<typeof target>[]) {
  return {
    no,
    label: `(${no})`,
    section: "重点任务",
    title,
    text: `${title}。`,
    sentences: [`${title}。`],
    lead,
    partners,
    attribution: `(牵头部门:${lead.join("、")})`,
    targets,
    line: no * 10,
  };
}

export function demoPlan(overrides: Partial<ResponsibilityMatrix> = {}): ResponsibilityMatrix {
  return Schema.parse({
    schemaVersion: 1,
    slug: "demo-2023-2025",
    title: "示范行动方案(2023—2025年)",
    issuer: null,
    issuedOn: "2023-03-28",
    period: { startYear: 2023, endYear: 2025 },
    source: { file: "plan.txt", sha256: "0".repeat(64) },
    goals: { text: "", sentences: [], targets: [] },
    tasks: [
      task(
        1,
        "培育专精特新企业",
        ["市经信局"],
        ["市科技局"],
        [target("t1-1", "专精特新企业", 600, "家", "达到"), target("t1-2", "上市公司", 12, "家", "达到")],
      ),
      task(2, "加大研发投入", ["市科技局"], [], [target("t2-1", "研发经费投入强度", 0.5, "个百分点", "提升")]),
      task(3, "优化营商环境", ["市发改委"], ["各区政府"], []),
      task(4, "建设产业园区", ["市经信局"], [], [target("t4-1", "产业园区", null, "个", "新增")]),
    ],
    measures: [],
    warnings: [],
    ...overrides,
  });
}

/** A stored record of the demo plan's first target; tests override what they are about. */
export function demoRecord(fields: Partial<ProgressRecord> & { id: number; plan: string }): ProgressRecord {
  return {
    taskNo: 1,
    targetId: "t1-1",
    value: 300,
    unit: "家",
    text: "专精特新企业累计达到300家",
    reporterId: "zhang",
    reporterName: "张三",
    department: "市经信局",
    source: "chat",
    kind: "report",
    asOf: "2024-06-30",
    supersedes: null,
    boundBy: null,
    recordedAt: "2024-06-30T03:00:00.000Z",
    ...fields,
  };
}
