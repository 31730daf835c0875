// "什么时候完成" and the digest's due and overdue lists, from the deadlines the importer stores per task and target.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnswerer } from "../../src/answer/answerer.js";
import { buildDigest } from "../../src/digest/build.js";
import { writePlan } from "../../src/plan/import/write-plan.js";
import { loadPlans } from "../../src/plan/knowledge.js";
import { memoryProgressReader } from "../../src/progress/memory-reader.js";
import { readRealPlan } from "../plan/real-plans.expected.js";
import { demoRecord } from "../progress/fixtures.js";

const planText = [
  "东湖区数字经济行动方案(2024—2026年)",
  "一、工作目标",
  "到2026年,全区数字经济核心产业增加值占地区生产总值比重提高到12%。",
  "二、重点任务",
  "1.建设智慧社区。2024年7月底前建成智慧社区50个。(牵头单位:区数据局,配合单位:各街道)",
  "2.培育数字企业。到2025年底前,新增数字经济规上企业20家。(牵头单位:区工信局)",
  "3.完善统计制度。建立数字经济统计监测制度,长期坚持。(牵头单位:区统计局)",
].join("\n");

function load() {
  const dir = mkdtempSync(join(tmpdir(), "planbot-deadline-"));
  writeFileSync(join(dir, "plan.txt"), planText);
  writePlan(join(dir, "plan.txt"), join(dir, "donghu"));
  writeFileSync(join(dir, "glossary.yaml"), "terms: []\n");
  return loadPlans(dir);
}

describe("什么时候完成", () => {
  const plans = load();
  const answerer = createAnswerer(plans);
  const ask = (q: string) =>
    answerer
      .answer(q, { today: "2024-07-10", staleDays: 30 })
      .map((a) => a.text)
      .join("\n");

  it("answers with the deadlines the plan states for a task and its targets", () => {
    const text = ask("智慧社区什么时候完成");
    expect(text).toContain("**完成时限**");
    expect(text).toContain("任务:2024年7月底前(2024-07-31)");
    expect(text).toContain("智慧社区 50个:2024年7月底前(2024-07-31)");
  });

  it("answers 截止时间 the same way, and says 长期坚持 as written", () => {
    expect(ask("数字企业的截止时间")).toContain("数字经济规上企业 20家:到2025年底前(2025-12-31)");
    expect(ask("统计监测制度什么时候完成")).toContain("任务:长期坚持");
  });

  it("says plainly when the plan sets no time, never inventing one", () => {
    const matrix = plans.plans[0];
    expect(matrix?.tasks[2]?.targets).toEqual([]);
    expect(ask("统计监测制度什么时候完成")).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});

describe("the digest", () => {
  const [plan] = load().plans;
  const digest = (date: string, done = false) =>
    buildDigest({
      date,
      plans: plan ? [plan] : [],
      progress: memoryProgressReader(
        done ? [demoRecord({ id: 1, plan: plan?.slug ?? "", taskNo: 1, targetId: "t1-1", value: 50, unit: "个" })] : [],
      ),
      newRecords: [],
      sinceDay: date,
      staleDays: 30,
      contactsOf: () => [],
    }).join("\n");

  it("lists what is due within 30 days", () => {
    expect(digest("2024-07-10")).toContain(
      "### 30天内到期(1)\n- 任务1「建设智慧社区」· 2024年7月底前(2024-07-31,还有 21 天) · 牵头:区数据局",
    );
  });

  it("lists what is overdue and not met, and leaves out what was met", () => {
    expect(digest("2024-08-05")).toContain(
      "### 已逾期未完成(1)\n- 任务1「建设智慧社区」· 2024年7月底前(2024-07-31,已过 5 天)",
    );
    expect(digest("2024-08-05", true)).not.toContain("已逾期");
  });
});

describe("a year read from a relative period", () => {
  it("is said to be read so, wherever the target is shown", () => {
    const dir = mkdtempSync(join(tmpdir(), "planbot-period-"));
    writeFileSync(join(dir, "plan.txt"), readRealPlan("guangzhou-talent-2012"));
    writePlan(join(dir, "plan.txt"), join(dir, "guangzhou"));
    writeFileSync(join(dir, "glossary.yaml"), "terms: []\n");
    const text = createAnswerer(loadPlans(dir))
      .answer("博士后培养的目标是多少", { today: "2013-06-30", staleDays: 30 })
      .map((a) => a.text)
      .join("\n");
    expect(text).toContain("培养资助博士后研究人员:到2016年不少于400名(“5年内”按2012年起算,即2016年底前)");
  });
});
