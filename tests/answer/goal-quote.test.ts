// A question about one of the plan's goals quotes the clauses that state it (or name what was asked), not the whole
// goal sentence with every other goal in it; asked for all the goals, the sentence stays whole.
import { describe, expect, it } from "vitest";
import { answererOfPlans } from "./imported-plan.js";
import { ask as askSeed, fixedContext } from "./seed-knowledge.js";

const answerer = answererOfPlans({ yunxi: "tests/fixtures/plans/yunxi-green-transition.txt" });
const ask = (q: string) => answerer.answer(q, fixedContext)[0]?.text ?? "";
const quoteOf = (text: string) => text.split("\n").find((l) => l.startsWith("> 原文")) ?? "";

describe("the quote under a goal", () => {
  it("holds the clause of the goal asked about, with its starting level, and none of the other goals", () => {
    const quote = quoteOf(ask("非化石能源消费比重要提高到多少"));
    expect(quote).toBe("> 原文:“…非化石能源消费比重由2024年的18%提高到25%…”");
    expect(quoteOf(ask("绿地率要达到多少"))).toBe("> 原文:“…城市建成区绿地率不低于40%…”");
  });

  it("keeps a clause that words the goal without its figure when the question names it (经济总量实现倍增)", () => {
    expect(quoteOf(askSeed("经济总量方面的总目标怎么表述的"))).toContain("经济总量实现倍增");
  });

  it("quotes the goal sentence whole when all the goals are asked for", () => {
    const quote = quoteOf(ask("总体目标有哪些"));
    for (const part of ["0.38吨标准煤/万元", "25%", "12万辆", "40%"]) expect(quote).toContain(part);
  });
});
