import { describe, expect, it } from "vitest";
import { parseFigure } from "../../src/plan/numbers.js";
import { bindFigure, figuresInUnit } from "../../src/progress/bind.js";
import { asOfInText, parseProgressCommand } from "../../src/progress/command.js";
import { taskNumberOf } from "../../src/progress/resolve-task.js";
import { demoPlan } from "./fixtures.js";

describe("chat grammar", () => {
  it.each([
    [
      "进展 任务九:本季度新增专精特新企业45家,累计达到520家",
      { kind: "record", ref: "任务九", text: "本季度新增专精特新企业45家,累计达到520家", asOf: null },
    ],
    ["@政策助手 更新进展 上市公司 已达10家", { kind: "record", ref: "上市公司", text: "已达10家", asOf: null }],
    ["进展任务3 已完成选址", { kind: "record", ref: "任务3", text: "已完成选址", asOf: null }],
    ["进展 第3项:已完成选址", { kind: "record", ref: "第3项", text: "已完成选址", asOf: null }],
    [
      "填报进展 任务1:截至2024年3月31日累计达到300家",
      { kind: "record", ref: "任务1", text: "截至2024年3月31日累计达到300家", asOf: "2024-03-31" },
    ],
    // No separator after the reference: a figure marks a report, which keeps its subject in the text.
    ["进展 上市公司达到9家", { kind: "record", ref: "上市公司", text: "上市公司达到9家", asOf: null }],
    [
      "进展 高水平创新平台已有6家",
      { kind: "record", ref: "高水平创新平台", text: "高水平创新平台已有6家", asOf: null },
    ],
    ["进展 上市公司", { kind: "show", ref: "上市公司" }],
    // 第三 of 第三产业 is not task three; the 10 of 10亿元以上企业 is not where the report starts
    [
      "进展 第三产业占gdp比重提升了1.6个百分点",
      { kind: "record", ref: "第三产业占gdp比重", text: "第三产业占gdp比重提升了1.6个百分点", asOf: null },
    ],
    [
      "进展 10亿元以上企业累计达到24家",
      { kind: "record", ref: "10亿元以上企业", text: "10亿元以上企业累计达到24家", asOf: null },
    ],
    ["进展 任务九", { kind: "show", ref: "任务九" }],
    ["进展 任务九 怎么样?", { kind: "show", ref: "任务九" }],
    ["进展 任务九:最新情况", { kind: "show", ref: "任务九" }],
    ["进展 任务九 如何", { kind: "show", ref: "任务九" }],
    ["进展 任务九 已完成?", { kind: "record", ref: "任务九", text: "已完成?", asOf: null }],
    ["进展历史 任务九", { kind: "history", ref: "任务九" }],
    ["进展历史:上市公司", { kind: "history", ref: "上市公司" }],
    ["撤销 #12", { kind: "undo", id: 12 }],
    ["撤销", { kind: "undo", id: null }],
    ["撤销第12条", { kind: "undo", id: 12 }],
    ["更正 #12 累计达到510家", { kind: "correct", id: 12, text: "累计达到510家", asOf: null }],
    ["进展帮助", { kind: "help" }],
    ["进展", { kind: "help" }],
    ["我的记录", { kind: "mine" }],
    ["我的进展", { kind: "mine" }],
    ["@政策助手 我填报的进展", { kind: "mine" }],
    ["查看我登记过的记录", { kind: "mine" }],
  ])("%s", (text, expected) => {
    expect(parseProgressCommand(text)).toEqual(expected);
  });

  it.each(["任务九的进展如何?", "进展情况怎么样", "谁牵头任务九", "撤销是什么意思", "我的", "我的部门牵头哪些任务"])(
    "leaves questions alone: %s",
    (text) => {
      expect(parseProgressCommand(text)).toBeNull();
    },
  );

  it("reads task numbers in digits and Chinese", () => {
    expect(parseFigure("九")).toBe(9);
    expect(parseFigure("十二")).toBe(12);
    expect(parseFigure("二十三")).toBe(23);
    expect(parseFigure("１２")).toBe(12);
    expect(taskNumberOf("任务九")).toBe(9);
    expect(taskNumberOf("第10项")).toBe(10);
    expect(taskNumberOf("#4")).toBe(4);
    expect(taskNumberOf("上市公司")).toBeNull();
  });
});

describe("the day a report refers to", () => {
  it.each([
    ["截至2024年3月31日累计300家", "2024-11-26", "2024-03-31"],
    ["截至10月底,累计300家", "2024-11-26", "2024-10-31"],
    ["截至2月末", "2024-11-26", "2024-02-29"],
    ["截止9月15日", "2024-11-26", "2024-09-15"],
    ["截至2023年6月", "2024-11-26", "2023-06-30"],
    // A month later than today's is last year's; a month-end still ahead is today.
    ["截至10月底", "2025-01-05", "2024-10-31"],
    ["截至11月底", "2024-11-26", "2024-11-26"],
    ["本月新增5家", "2024-11-26", null],
    ["截至13月底", "2024-11-26", null],
  ])("%s on %s → %s", (text, today, expected) => {
    expect(asOfInText(text, today)).toBe(expected);
  });
});

describe("binding a figure to a target", () => {
  const plan = demoPlan();
  const [task1, task2, task3] = plan.tasks;
  if (!task1 || !task2 || !task3) throw new Error("fixture");

  it("takes the cumulative figure for a 达到 target and ignores the increment", () => {
    const b = bindFigure(task1, "本季度新增专精特新企业45家,累计达到520家");
    expect(b).toMatchObject({ bound: true, value: 520, unit: "家" });
    expect(b.bound && b.target.id).toBe("t1-1");
  });

  it("uses the reference as a hint to tell two metrics in the same unit apart", () => {
    expect(bindFigure(task1, "已达10家", "上市公司")).toMatchObject({ bound: true, value: 10 });
    const b = bindFigure(task1, "已达10家");
    expect(b.bound).toBe(false);
    expect(!b.bound && b.reason).toContain("多个指标");
  });

  it("keeps two figures of the same kind for one target as text", () => {
    const b = bindFigure(task1, "专精特新企业达到300家,累计达到320家");
    expect(b.bound).toBe(false);
    expect(!b.bound && b.reason).toContain("无法确定");
  });

  it("leaves aside a figure whose words name a narrower quantity (其中省级…)", () => {
    expect(bindFigure(task1, "专精特新企业达到300家,其中省级达到120家")).toMatchObject({ bound: true, value: 300 });
  });

  it("does not read a 新增 figure as a cumulative one", () => {
    expect(bindFigure(task1, "专精特新企业新增45家").bound).toBe(false);
  });

  it("binds a change to a 提升 target only in its unit", () => {
    expect(bindFigure(task2, "研发经费投入强度提升0.3个百分点")).toMatchObject({ bound: true, value: 0.3 });
    expect(bindFigure(task2, "研发经费投入强度达到2.8%").bound).toBe(false);
  });

  it("reads a count reported whole for a target counted in 万 (13620个 as 1.362万个), but never money so", () => {
    expect(figuresInUnit("5G基站累计建成13620个", "万个").map((f) => f.value)).toEqual([1.362]);
    expect(figuresInUnit("开展培训16200人次", "万人次").map((f) => f.value)).toEqual([1.62]);
    expect(figuresInUnit("建成1.35万个", "万个").map((f) => f.value)).toEqual([1.35]);
    expect(figuresInUnit("补贴5000元", "万元")).toEqual([]);
  });

  it("reads Chinese numerals, and 亿 for 亿元, but not a name's 百 or another unit's 亿", () => {
    expect(figuresInUnit("建筑业产值达到二百五十亿元", "亿元").map((f) => f.value)).toEqual([250]);
    expect(figuresInUnit("累计五百二十家,提升两个百分点", "家").map((f) => f.value)).toEqual([520]);
    expect(figuresInUnit("提升两个百分点", "个百分点").map((f) => f.value)).toEqual([2]);
    expect(figuresInUnit("集成电路产业规模150亿", "亿元").map((f) => f.value)).toEqual([150]);
    expect(figuresInUnit("亩均产出1200万/亩", "万元/亩").map((f) => f.value)).toEqual([1200]);
    expect(figuresInUnit("百亿元以上企业6家,十亿元以上企业25家", "亿元")).toEqual([]);
    expect(figuresInUnit("出口380亿美元,投资3亿平方米", "亿元")).toEqual([]);
    expect(figuresInUnit("高水平创新平台达到十家", "家").map((f) => f.value)).toEqual([10]);
    expect(figuresInUnit("亩均税收达到30万元,另有40万元以上的", "万元/亩").map((f) => f.value)).toEqual([30]);
    expect(figuresInUnit("亩均税收达到30万/亩", "万元/亩").map((f) => f.value)).toEqual([30]);
  });

  it("takes the nearest kind word before a figure (增加值 is a noun)", () => {
    const [f] = figuresInUnit("园区单位工业增加值能耗下降了8%", "%");
    expect(f?.kind).toBe("change");
    expect(figuresInUnit("本季度新增45家,累计达到520家", "家").map((x) => x.kind)).toEqual(["increment", "level"]);
  });

  it("binds a metric with targets for several years to the one the report's day works toward", () => {
    const base = task1.targets[0];
    if (!base) throw new Error("fixture");
    const milestones = {
      ...task1,
      targets: [
        { ...base, id: "m-1", metric: "5G基站", unit: "个", value: 1500, year: 2024, comparison: "累计" as const },
        { ...base, id: "m-2", metric: "5G基站", unit: "个", value: 2500, year: 2026, comparison: "累计" as const },
      ],
    };
    const on = (asOf?: string) => {
      const b = bindFigure(milestones, "5G基站累计达到1200个", "", asOf);
      return b.bound ? b.target.id : null;
    };
    expect(on("2024-06-30")).toBe("m-1");
    expect(on("2025-03-31")).toBe("m-2");
    expect(on("2027-01-31")).toBe("m-2");
    expect(on(undefined)).toBeNull();
  });

  it("has nothing to bind for a task without targets", () => {
    expect(bindFigure(task3, "新开办企业120家")).toEqual({ bound: false, reason: null });
  });
});
