import { describe, expect, it } from "vitest";
import { normalizeText } from "../../src/search/normalize.js";
import { tokenize } from "../../src/search/tokenize.js";

describe("normalizeText", () => {
  it("folds traditional characters, full width and case", () => {
    expect(normalizeText("高端裝備誰牽頭 ＧＤＰ")).toBe("高端装备谁牵头 gdp");
  });
  it("writes 十亿/百亿 as digits so either spelling matches", () => {
    expect(normalizeText("十亿元以上企业、百亿元")).toBe("10亿元以上企业、100亿元");
    expect(normalizeText("一百亿")).toBe("一百亿");
  });
});

describe("tokenize", () => {
  it("makes overlapping bigrams of Chinese runs", () => {
    expect(tokenize("上市公司")).toEqual(["上市", "市公", "公司"]);
  });
  it("keeps a lone character and latin words", () => {
    expect(tokenize("到 5g")).toEqual(["到", "5g"]);
  });
  it("keeps a number with the character it counts, and splits a year glued to a word", () => {
    expect(tokenize("10亿元")).toEqual(["10", "10亿", "亿元"]);
    expect(tokenize("2025gdp")).toEqual(["2025", "gdp"]);
    expect(tokenize("gdp800亿")).toEqual(["gdp", "800", "800亿", "亿"]);
  });
});
