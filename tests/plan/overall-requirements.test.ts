// A plan's overall goals written under 总体要求 (rather than a part titled 目标) are the plan's goals.
import { describe, expect, it } from "vitest";
import { importPlan } from "../../src/plan/import/import-plan.js";

const plan = (overall: string) =>
  [
    "某县乡村振兴示范建设工作方案(2024—2026年)",
    "一、总体要求",
    overall,
    "二、重点任务",
    "(一)建设示范村。到2026年建成示范村30个。(县农业农村局牵头,各乡镇配合)",
    "三、保障措施",
    "(一)加强领导。成立工作专班。",
  ].join("\n");

describe("goals stated under 总体要求", () => {
  it("reads the figures of its text as the plan's goals, and its framing prose not at all", () => {
    const { matrix } = importPlan(
      plan("坚持以人民为中心的发展思想，统筹推进。力争用三年时间，全县打造示范村30个，农村自来水普及率提升至98%。"),
      { slug: "county", sourceFile: "source.txt" },
    );
    expect(matrix.goals.targets.map((t) => [t.value, t.unit, t.id])).toEqual([
      [30, "个", "t0-1"],
      [98, "%", "t0-2"],
    ]);
    expect(matrix.goals.sentences).toEqual(["力争用三年时间，全县打造示范村30个，农村自来水普及率提升至98%。"]);
    expect(matrix.tasks.map((t) => t.title)).toEqual(["建设示范村"]);
  });

  it("leaves out its 指导思想 and 基本原则 items, and reads its 主要目标 item whole", () => {
    const { matrix } = importPlan(
      plan(
        [
          "(一)指导思想。以建设20个先行区为抓手，走出一条新路。",
          "(二)基本原则。坚持3个统筹。",
          "(三)主要目标。到2026年，村庄规划实现全覆盖，建成美丽庭院1500户。",
        ].join("\n"),
      ),
      { slug: "county", sourceFile: "source.txt" },
    );
    expect(matrix.goals.targets.map((t) => [t.value, t.unit])).toEqual([[1500, "户"]]);
    expect(matrix.goals.sentences.join("")).toMatch(/^主要目标。?到2026年，村庄规划实现全覆盖/);
  });
});
