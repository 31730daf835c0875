import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPlans } from "../../src/plan/knowledge.js";
import { bindEachTarget } from "../../src/progress/split-report.js";

const [plan] = loadPlans(resolve("knowledge")).plans;
const task = (no: number) => {
  const t = plan?.tasks.find((x) => x.no === no);
  if (!t) throw new Error(`no task ${no}`);
  return t;
};
const pairs = (no: number, text: string) => bindEachTarget(task(no), text)?.map((b) => [b.target.metric, b.value]);

describe("a report that lists several targets of the seed plan's tasks", () => {
  it("binds each named figure to its own target, however the list is punctuated", () => {
    expect(pairs(3, "百亿元以上企业6家、10亿元以上企业25家、亿元以上企业80家")).toEqual([
      ["百亿元以上企业", 6],
      ["10亿元以上企业", 25],
      ["亿元以上企业", 80],
    ]);
    expect(pairs(1, "截至9月底,新能源新材料产业规模达到420亿元;集成电路产业规模150亿元。")).toEqual([
      ["新能源新材料产业规模", 420],
      ["集成电路产业规模", 150],
    ]);
    // Words between two figures are the second one's, with or without punctuation.
    expect(pairs(1, "新能源新材料产业规模420亿元和集成电路150亿元")).toEqual([
      ["新能源新材料产业规模", 420],
      ["集成电路产业规模", 150],
    ]);
    expect(pairs(7, "上市公司10家,百亿市值上市企业1家")).toEqual([
      ["上市公司数量", 10],
      ["百亿市值规模的上市企业", 1],
    ]);
  });

  it("gives nothing unless every figure names its target, once", () => {
    expect(pairs(3, "百亿元以上企业6家")).toBeUndefined(); // one target: the single binding's job
    expect(pairs(3, "百亿元以上企业6家,另有25家")).toBeUndefined();
    expect(pairs(3, "百亿元以上企业6家,百亿元以上企业7家")).toBeUndefined();
  });
});
