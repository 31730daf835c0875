// A target the plan keeps as a level (保持在95%以上) is told from one it reaches by a day, by the words before its figure.
import { describe, expect, it } from "vitest";
import { holdsLevel } from "../../src/plan/holds-level.js";
import type { Target } from "../../src/plan/schema.js";

const target = (sentence: string, valueText: string): Target => ({
  id: "t1-1",
  taskNo: 1,
  metric: "指标",
  value: Number(valueText),
  valueText,
  unit: "%",
  year: null,
  comparison: "不少于",
  sentence,
  warnings: [],
});

describe("holdsLevel", () => {
  it.each([
    ["适龄儿童免疫规划疫苗接种率保持在95%以上。", "95"],
    ["空气质量优良率稳定在 90%以上。", "90"],
    ["群众满意度始终保持在98%以上,投诉办结率达到100%。", "98"],
    ["就业人数每年维持在1万人以上。", "1"],
  ])("keeps a level: %s", (sentence, valueText) => {
    expect(holdsLevel(target(sentence, valueText))).toBe(true);
  });

  it.each([
    ["到2027年，家庭医生签约率由68%提高到90%。", "90"],
    ["保持较快增长，到2027年覆盖率达到90%。", "90"],
    // 9 is not the figure kept at 95
    ["接种率保持在95%以上，到2027年新增9家。", "9"],
    ["群众满意度始终保持在98%以上,投诉办结率达到100%。", "100"],
    ["指标原文缺数,保持在%以上。", ""],
  ])("reaches a level: %s", (sentence, valueText) => {
    expect(holdsLevel(target(sentence, valueText))).toBe(false);
  });
});
