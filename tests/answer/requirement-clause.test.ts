// A sentence that sets a target in one clause and only a requirement in the next ("新建充电桩800个，实现重点景区
// 充电设施全覆盖"): asked for the second, the reply says the plan sets no figure for it and quotes that clause, rather
// than offering the first clause's target as if it answered. Plan written fresh for this test.
import { describe, expect, it } from "vitest";
import { answererOfLines } from "./imported-plan.js";
import { fixedContext } from "./seed-knowledge.js";

const answerer = answererOfLines("qinglan", [
  "青岚县文旅融合发展三年行动方案（2025—2027年）",
  "一、主要目标",
  "到2027年，全县接待游客达到1200万人次。",
  "二、重点任务",
  "（一）完善旅游交通设施。新建旅游公路120公里，新建充电桩800个，实现重点景区充电设施全覆盖。到2027年，建成游客集散中心3个。（责任单位：县交通运输局牵头，县文旅局、县发改委配合）",
  "（二）丰富文旅消费业态。培育夜间消费集聚区5个，推动老街区业态提档升级。（责任单位：县商务局牵头，县文旅局配合）",
  "三、保障措施",
  "（一）加强组织领导。建立联席会议制度。",
]);
const ask = (q: string) => answerer.answer(q, { ...fixedContext, today: "2025-06-30" })[0]?.text ?? "";

describe("a requirement in a clause of its own, beside a target", () => {
  it("says the plan sets no figure for it and quotes that clause, not the target beside it", () => {
    for (const q of ["景区充电设施覆盖的目标是多少", "重点景区充电设施有什么指标"]) {
      const text = ask(q);
      const [first = ""] = text.split("\n");
      expect(first, q).toContain("计划未明确");
      expect(first, q).toContain("没有给出数量目标");
      expect(text, q).toContain("重点景区充电设施全覆盖");
      expect(first, q).not.toMatch(/800|120|3个/);
    }
  });

  it("still answers the targets stated beside it, each with its own clause", () => {
    expect(ask("充电桩要建多少个")).toMatch(/充电桩[^\n]*800个/);
    expect(ask("旅游公路要修多少公里")).toMatch(/旅游公路[^\n]*120公里/);
    expect(ask("老街区业态提档升级有什么目标")).toContain("计划未明确");
  });
});
