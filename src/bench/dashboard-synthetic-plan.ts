// A synthetic plan of any size, valid per the matrix schema, with progress records: the dashboard benchmark's load.
import type { ResponsibilityMatrix, Target, Task } from "../plan/schema.js";
import type { NewProgress } from "../progress/schema.js";
import { seededRandom } from "./seeded-random.js";

const DEPARTMENTS = [
  "发展改革局",
  "经贸发展局",
  "财政局",
  "科技局",
  "投资促进局",
  "自然资源局",
  "生态环境局",
  "人社局",
];
const METRICS = ["产业规模", "企业数量", "研发投入", "新增就业", "招商引资额", "绿色工厂"];
const UNITS = ["亿元", "家", "亿元", "人", "亿元", "个"];

export function syntheticMatrix(taskCount: number, seed = 1): ResponsibilityMatrix {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const tasks: Task[] = [];
  for (let no = 1; no <= taskCount; no++) {
    const targets: Target[] = [];
    const targetCount = Math.floor(rnd() * 4); // 0..3 targets, as in real plans
    for (let n = 1; n <= targetCount; n++) {
      const m = Math.floor(rnd() * METRICS.length);
      const value = 10 + Math.floor(rnd() * 990);
      const year = 2024 + Math.floor(rnd() * 3);
      const metric = `第${no}项${METRICS[m]}`;
      targets.push({
        id: `t${no}-${n}`,
        taskNo: no,
        metric,
        value,
        valueText: String(value),
        unit: UNITS[m] ?? "个",
        year,
        comparison: "达到",
        sentence: `到${year}年，${metric}达到${value}${UNITS[m]}。`,
        warnings: [],
      });
    }
    const lead = pick(DEPARTMENTS);
    tasks.push({
      no,
      label: `（${no}）`,
      section: "重点任务",
      title: `推进第${no}项重点工作，提升发展质量`,
      text: `围绕第${no}项重点工作，完善工作机制，加大支持力度。${targets.map((t) => t.sentence).join("")}`,
      sentences: [`围绕第${no}项重点工作，完善工作机制，加大支持力度。`, ...targets.map((t) => t.sentence)],
      lead: [lead],
      partners: DEPARTMENTS.filter((d) => d !== lead && rnd() < 0.3),
      attribution: `（牵头部门：${lead}）`,
      targets,
      line: 10 + no * 3,
    });
  }
  return {
    schemaVersion: 1,
    slug: `synthetic-${taskCount}`,
    title: `合成测试计划（${taskCount}项任务）`,
    issuer: "基准测试",
    issuedOn: "2024-01-01",
    period: { startYear: 2024, endYear: 2026 },
    preamble: [],
    source: { file: "synthetic.txt", sha256: "0".repeat(64) },
    goals: { text: "", sentences: [], targets: [] },
    tasks,
    measures: [],
    warnings: tasks
      .filter((t) => t.no % 25 === 0)
      .map((t) => ({
        code: "number_lost" as const,
        line: t.line,
        excerpt: "提升个百分点",
        message: "合成缺陷：数字丢失",
        confirmedByHuman: false,
        taskNo: t.no,
      })),
  };
}

/** `perTarget` quarterly records for every target of the plan, plus one free-text record for target-less tasks. */
export function syntheticRecords(plan: ResponsibilityMatrix, perTarget = 4, seed = 2): NewProgress[] {
  const rnd = seededRandom(seed);
  const quarterEnds = ["03-31", "06-30", "09-30", "12-31"];
  const records: NewProgress[] = [];
  const startYear = plan.period?.startYear ?? 2024;
  const base = { plan: plan.slug, reporterId: "bench", source: "import" as const };
  for (const task of plan.tasks) {
    if (task.targets.length === 0) {
      records.push({ ...base, taskNo: task.no, text: `第${task.no}项工作按计划推进`, asOf: `${startYear}-06-30` });
    }
    for (const target of task.targets) {
      const goal = target.value ?? 100;
      for (let i = 0; i < perTarget; i++) {
        const asOf = `${startYear + Math.floor(i / 4)}-${quarterEnds[i % 4]}`;
        const value = Math.round(goal * ((i + 1) / (perTarget + 2)) * (0.6 + rnd() * 0.6));
        records.push({
          ...base,
          taskNo: task.no,
          targetId: target.id,
          value,
          unit: target.unit,
          text: `${target.metric}完成${value}${target.unit}`,
          asOf,
        });
      }
    }
  }
  return records;
}
