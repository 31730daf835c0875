// "哪些任务进度滞后?" and friends: every target of the plan grouped by status, from a real SQLite store.
import { resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAnswerer } from "../../src/answer/answerer.js";
import type { AnswerContext } from "../../src/answer/types.js";
import { loadPlans } from "../../src/plan/knowledge.js";
import { SAMPLE_MARK } from "../../src/progress/format.js";
import type { NewProgress } from "../../src/progress/schema.js";
import { createProgressStore, type ProgressStore } from "../../src/store/progress-store.js";
import { type TempDb, tempDb } from "../store/helpers.js";

const loaded = loadPlans(resolve(import.meta.dirname, "../../knowledge"));
const answerer = createAnswerer(loaded);
const plan = loaded.plans[0]?.slug ?? "";
let t: TempDb;
let store: ProgressStore;
beforeEach(() => {
  t = tempDb();
  store = createProgressStore(t.db);
});
afterEach(() => t.cleanup());

const record = (r: Partial<NewProgress> & Pick<NewProgress, "taskNo" | "targetId" | "value" | "asOf">) =>
  store.add({ plan, text: "进展", reporterId: "u", source: "cli", unit: null, ...r }, { actor: "test", via: "test" });
// Mid-2024: half of the 2023–2025 period has passed.
const ctx = (): AnswerContext => ({ today: "2024-07-01", staleDays: 30, progress: store });
const ask = (q: string) => answerer.answer(q, ctx());

describe("status overview", () => {
  beforeEach(() => {
    record({ taskNo: 7, targetId: "t7-2", value: 3, unit: "家", asOf: "2024-06-30" }); // 3/12: behind pace
    record({ taskNo: 9, targetId: "t9-1", value: 500, unit: "家", asOf: "2024-06-30" }); // 500/600: on pace
  });

  it("lists the targets behind pace, with the task they belong to, and counts the rest", () => {
    const [a] = ask("哪些任务进度滞后?");
    expect(a?.intent).toBe("status");
    expect(a?.text).toContain("**进度滞后(1项)**");
    expect(a?.text).toMatch(/- \(七\)上市公司数量:3家\/12家 .*25% · 还差 9家 · 进度滞后/);
    expect(a?.text).not.toContain("专精特新及高新技术企业:500");
    expect(a?.text).toMatch(/其余:.*进度正常 1 项/);
  });

  it("lists unreported targets for 没有进展 (stale: none for over 30 days), and all worst first for 整体进展", () => {
    const [none] = ask("哪些任务还没有进展");
    expect(none?.text).toContain("**久未更新(19项)**");
    expect(none?.text).toContain("- (一)新型显示千亿产业:目标 1个 · 久未更新");
    expect(none?.text).not.toContain("上市公司数量:3家");
    const [all] = ask("整体进展怎么样");
    const text = all?.text ?? "";
    expect(text.indexOf("进度滞后")).toBeLessThan(text.indexOf("久未更新"));
    expect(text.indexOf("久未更新")).toBeLessThan(text.indexOf("进度正常"));
  });

  it("lists the targets already done, and says how the rest stand when none is", () => {
    const [none] = ask("哪些指标已经完成");
    expect(none?.intent).toBe("status");
    expect(none?.text).toContain("没有处于“已完成”状态的目标。\n其余:进度滞后 1 项,久未更新 19 项,进度正常 1 项");
    record({ taskNo: 4, targetId: "t4-1", value: 10, unit: "家", asOf: "2024-06-30" });
    const [done] = ask("已完成的目标有哪些");
    expect(done?.text).toContain("**已完成(1项)**");
    expect(done?.text).toContain("- (四)高水平创新平台:10家/10家");
    expect(ask("整体完成率是多少")[0]?.intent).toBe("status");
  });

  it("answers how many targets the plan sets with every target and its status", () => {
    const [a] = ask("这个计划有多少个量化指标");
    expect(a?.intent).toBe("status");
    expect(a?.text).toContain("共21项量化目标");
  });

  it("keeps to the tasks a named department leads", () => {
    const [a] = ask("科技局牵头的任务哪些没完成");
    expect(a?.text).toContain("科技局牵头的任务的目标完成情况");
    expect(a?.text).toContain("(九)专精特新及高新技术企业");
    expect(a?.text).not.toContain("(七)");
  });

  it("says plainly when no target has the status asked about, and marks sample figures", () => {
    const [clean] = ask("哪些指标落后了");
    expect(clean?.text).not.toContain(SAMPLE_MARK);
    t.cleanup();
    t = tempDb();
    store = createProgressStore(t.db);
    const [none] = ask("哪些任务进度滞后");
    expect(none?.text).toContain("没有处于“期末未完成”“进度滞后”状态的目标");
    record({
      taskNo: 7,
      targetId: "t7-2",
      value: 3,
      unit: "家",
      asOf: "2024-06-30",
      text: `${SAMPLE_MARK}上市公司3家`,
    });
    expect(ask("哪些任务进度滞后")[0]?.text).toContain(`注:以上含示例数据${SAMPLE_MARK}`);
  });
});

describe("progress in an answer about some of a task's targets", () => {
  it("shows the latest record of those targets, not a newer one about another target of the task", () => {
    record({ taskNo: 6, targetId: "t6-4", value: 2.1, unit: "%", asOf: "2024-06-30", text: "能耗下降2.1%" });
    const [asked] = ask("亩均产出和亩均税收分别是多少");
    expect(asked?.text).not.toContain("能耗下降2.1%");
    expect(asked?.text).toContain("- 工业亩均产出:目标 1100万元/亩");
    const [energy] = ask("单位gdp能耗要下降多少");
    expect(energy?.text).toContain("最新进展(2024-06-30");
    expect(energy?.text).toContain("能耗下降2.1%");
  });
});

describe("progress of an overall goal", () => {
  it("comes from the tasks that set the same figure; a goal no task carries says so", () => {
    record({ taskNo: 9, targetId: "t9-1", value: 500, unit: "家", asOf: "2024-06-30" });
    const [carried] = ask("专精特新完成情况");
    expect(carried?.intent).toBe("goals");
    expect(carried?.text).toContain("进展按任务登记,总体目标本身没有进展记录。");
    expect(carried?.text).toContain("对应任务:(九)");
    expect(carried?.text).toMatch(/专精特新及高新技术企业:500家\/600家/);
    const [alone] = ask("gdp进展如何");
    expect(alone?.text).toContain("没有任务设定与之相同的数字可供参照。");
  });
});

describe("two departments in one question", () => {
  it("分别 gives each department's tasks; 共同 gives the tasks they share", () => {
    const each = ask("科技局和财政局分别牵头什么");
    expect(each.map((a) => a.intent)).toEqual(["dept_tasks", "dept_tasks"]);
    expect(each.map((a) => a.text).join("\n")).toMatch(
      /\*\*科技局\*\* 牵头的任务\(2项\)[\s\S]*|\*\*财政局\*\* 牵头的任务\(1项\)/,
    );
    const shared = ask("科技局和财政局共同参与哪些任务");
    expect(shared).toHaveLength(1);
    expect(shared[0]?.text).toContain("共同参与的任务(3项)");
  });

  it("counts tasks when asked how many there are", () => {
    expect(ask("总共有几项任务")[0]?.text).toContain("重点任务(共10项)");
    expect(ask("一共有多少项重点任务")[0]?.text).toContain("重点任务(共10项)");
  });
});
