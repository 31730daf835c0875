// A plan's table of main indicators (专栏 主要指标: 指标名称 / 单位 / 基期值 / 目标值 / 属性) gives goals, with the
// level each starts from; asked about an indicator, the reply quotes its row. Plan written fresh for this test.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/plan/import/import-document.js";
import { readText } from "../../src/plan/readers/text.js";
import { answererOfPlans } from "../answer/imported-plan.js";
import { fixedContext } from "../answer/seed-knowledge.js";

const PLAN = [
  "柳川市绿色能源发展三年行动计划（2024—2026年）",
  "一、发展目标",
  "到2026年，全市可再生能源装机容量达到300万千瓦。",
  "专栏1　主要指标",
  "序号  指标名称  单位  2023年基期值  2026年目标值  指标属性",
  "1  可再生能源装机容量  万千瓦  180  300  预期性",
  "2  非化石能源消费比重  %  16  ≥22  约束性",
  "3  单位地区生产总值能耗下降（%）  —  —  ≤13.5  约束性",
  "4  公共充电桩覆盖  —  —  全覆盖  预期性",
  "二、重点任务",
  "（一）发展光伏。到2026年新增光伏装机80万千瓦。（牵头单位：市发展改革委；配合单位：市自然资源局）",
  "（二）推广充电设施。建设公共充电桩5000个。（牵头单位：市住房城乡建设局；配合单位：国网柳川供电公司）",
].join("\n");

describe("a table of main indicators", () => {
  const { matrix } = importDocument(
    { format: "text", elements: readText(PLAN, false) },
    { slug: "liuchuan", sourceFile: "source.txt" },
  );
  const goals = matrix.goals.targets.map(
    (t) =>
      `${t.metric}|${t.comparison}${t.valueText}${t.unit}|${t.year}|${t.from ? `${t.from.valueText}@${t.from.year}` : "-"}`,
  );

  it("reads each row with a figure as a goal due in the target column's year, with its starting level", () => {
    expect(goals).toEqual([
      // stated in the text too: one target, given the table's starting level
      "可再生能源装机容量|达到300万千瓦|2026|180@2023",
      "非化石能源消费比重|不少于22%|2026|16@2023",
      "单位地区生产总值能耗下降|不超过13.5%|2026|-",
    ]);
  });

  it("keeps every row, a row in words (全覆盖) too, as a goals sentence to quote", () => {
    expect(matrix.goals.sentences).toContain("专栏1 主要指标 公共充电桩覆盖 2023年基期值— 2026年目标值全覆盖 预期性");
  });

  it("answers an indicator's target, its starting level and its kind from the row", () => {
    const dir = mkdtempSync(join(tmpdir(), "planbot-indicators-"));
    const file = join(dir, "plan.txt");
    writeFileSync(file, PLAN);
    const answerer = answererOfPlans({ liuchuan: file });
    const ask = (q: string) => answerer.answer(q, fixedContext)[0]?.text ?? "";
    expect(ask("非化石能源消费比重2026年目标多少")).toContain("不少于22%");
    const base = ask("可再生能源装机容量2023年基期值是多少");
    expect(base).toContain("2023年为180万千瓦");
    expect(base).not.toContain("计划未涉及");
    expect(ask("非化石能源消费比重是约束性指标吗")).toContain("约束性");
    const all = ask("主要指标有哪些");
    for (const figure of ["300万千瓦", "22%", "13.5%"]) expect(all).toContain(figure);
  });
});
