import { describe, expect, it } from "vitest";
import { buildPlanIndex } from "../../src/search/plan-index.js";
import { seedPlans } from "../answer/seed-knowledge.js";

describe("the plan index", () => {
  const index = buildPlanIndex(seedPlans.plans);
  it("measures the longest run of bigrams no plan holds: a missing word, not a wrong character", () => {
    expect(index.longestUnknownRun("新能源汽车产业")).toBe(3); // 源汽 汽车 车产
    expect(index.longestUnknownRun("新型显视产业")).toBe(2); // 显视 视产
    expect(index.longestUnknownRun("集成电路产业规模")).toBe(0);
    // The question's own words (这些, 三个) never count as a subject's.
    expect(index.longestUnknownRun("人工智能这些未来产业")).toBe(0);
    expect(index.longestUnknownRun("gdp")).toBe(0);
  });
});
