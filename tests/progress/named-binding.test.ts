// Issue 17 on the shipped plan, through the chat: a figure whose words name another quantity stays text, and the
// reply says what was kept and how to bind it; figures that name a target (or no quantity at all) still bind.
import { resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAnswerer } from "../../src/answer/answerer.js";
import { parseReporters } from "../../src/auth/reporters.js";
import { createProgressCommands } from "../../src/chat/progress-commands.js";
import { loadPlans } from "../../src/plan/knowledge.js";
import { bindFigure } from "../../src/progress/bind.js";
import { createProgressStore, type ProgressStore } from "../../src/store/progress-store.js";
import { type TempDb, tempDb } from "../store/helpers.js";

const loaded = loadPlans(resolve(import.meta.dirname, "../../knowledge"));
const plan = loaded.plans.find((p) => p.slug === "xinzhan-2023-2025");
const task = (no: number) => {
  const found = plan?.tasks.find((x) => x.no === no);
  if (!found) throw new Error(`no task ${no}`);
  return found;
};
const reporters = parseReporters("reporters:\n  - { userid: admin, name: 管理员, role: admin }\n");
let t: TempDb;
let store: ProgressStore;
let send: (text: string) => string;

beforeEach(() => {
  t = tempDb();
  store = createProgressStore(t.db);
  const handle = createProgressCommands({
    plans: loaded.plans,
    directory: loaded.directory,
    answerer: createAnswerer(loaded),
    store,
    reporters: () => reporters,
    today: () => "2025-11-20",
    staleDays: 30,
    glossary: loaded.glossary,
  });
  send = (text) => handle({ text, userid: "admin", channel: "simulator" })?.markdown ?? "";
});
afterEach(() => t.cleanup());

describe("figures that name another quantity (the issue's examples)", () => {
  it.each([
    ["进展 任务一:数字经济核心产业营收达到120亿元", "数字经济核心产业营收", "集成电路产业规模"],
    ["进展 任务五:限上批发零售业销售额达到260亿元", "限上批发零售业销售额", "商贸业总量"],
    ["进展 任务四:孵化器在孵企业达到150家", "孵化器在孵企业", "高水平创新平台"],
  ])("%s stays text, and the reply says what was kept and how to bind it", (message, said, metric) => {
    const reply = send(message);
    expect(store.get(1)).toMatchObject({ targetId: null, value: null, boundBy: null });
    expect(reply).toContain("仅保存为文字");
    expect(reply).toContain(said);
    expect(reply).toContain(metric);
    expect(reply).toMatch(/如「进展 任务\d+:.+(达到|累计达到)…/);
  });

  it("is not saved by the task having one target in that unit", () => {
    expect(task(5).targets.filter((x) => x.unit === "亿元")).toHaveLength(1);
    expect(bindFigure(task(5), "社会消费品零售总额实现285.4亿元", "", "2025-10-31", { plan }).bound).toBe(false);
  });
});

describe("figures that name a target, or no quantity", () => {
  it.each([
    ["进展 任务五:1-10月商贸业实现总量352.6亿元", "t5-1", 352.6, "named"],
    ["进展 任务六:累计优化土地空间2650亩", "t6-1", 2650, "named"],
    ["进展 任务九:累计达到520家", "t9-1", 520, "sole"],
    ["更新进展 上市公司 已达10家", "t7-2", 10, "named"],
  ])("%s binds", (message, targetId, value, boundBy) => {
    send(message);
    expect(store.get(1)).toMatchObject({ targetId, value, boundBy });
  });

  it("tells names apart that differ by a number (百亿 is not 10亿) or a word", () => {
    const on = (no: number, text: string) => {
      const b = bindFigure(task(no), text, "", "2025-10-31", { plan });
      return b.bound ? b.target.id : null;
    };
    expect(on(3, "目前全区百亿元以上企业已达6家")).toBe("t3-1");
    expect(on(3, "10亿元以上企业达到27家")).toBe("t3-2");
    expect(on(3, "截至10月底,亿元以上企业累计达到92家")).toBe("t3-3");
    expect(on(1, "新能源汽车产业规模突破300亿元")).toBeNull();
    expect(on(1, "产业规模达到180亿元")).toBeNull(); // names all three of task 1's 产业规模 equally
  });

  it("takes a name the plan's goals give a target (培育8家百亿企业 is task 3's 百亿元以上企业)", () => {
    send("进展 任务三:百亿企业达到6家");
    expect(store.get(1)).toMatchObject({ targetId: "t3-1", value: 6 });
  });

  it("takes a wording the glossary maps onto the metric (高企 → 高新技术企业)", () => {
    send("进展 任务九:高企和专精特新企业合计达到575家");
    expect(store.get(1)).toMatchObject({ targetId: "t9-1", value: 575 });
  });

  it("reads an elided subject from the figure before it, whichever it names", () => {
    expect(bindFigure(task(7), "今年新增上市公司2家,累计达到10家", "", "2025-10-31", { plan })).toMatchObject({
      bound: true,
      value: 10,
    });
    expect(bindFigure(task(4), "孵化器在孵企业新增20家,累计达到150家", "", "2025-10-31", { plan }).bound).toBe(false);
  });

  it("reads an elided subject from the clause before it, when no figure came first", () => {
    const kept = bindFigure(task(4), "在孵企业方面,累计达到150家", "", "2025-10-31", { plan });
    expect(kept).toEqual({ bound: false, reason: "150家说的是“在孵企业”,不是本任务的指标(高水平创新平台)" });
    expect(bindFigure(task(4), "今年以来,累计达到9家", "", "2025-10-31", { plan })).toMatchObject({ value: 9 });
  });

  it("lets a correction (更正) put a figure bound by the old rule right", () => {
    send("进展 任务九:累计达到520家");
    const reply = send("更正 #1 专精特新企业累计达到520家");
    expect(reply).toContain("仅保存为文字");
    expect(store.get(2)).toMatchObject({ supersedes: 1, targetId: null });
  });
});
