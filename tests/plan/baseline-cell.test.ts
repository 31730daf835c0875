// The 基线 cell of the review sheet: the forms a person types, read with the importer's own figure reading.
import { describe, expect, it } from "vitest";
import { baselineIn, readBaseline, writeBaseline } from "../../src/plan/baseline-cell.js";

describe("a baseline cell", () => {
  it("reads a figure with an optional unit and an optional year, before or after it", () => {
    expect(readBaseline("68")).toEqual({ value: 68, valueText: "68", unit: null, year: null });
    expect(readBaseline("68%")).toEqual({ value: 68, valueText: "68", unit: "%", year: null });
    expect(readBaseline("2024年68%")).toEqual({ value: 68, valueText: "68", unit: "%", year: 2024 });
    expect(readBaseline("2024年底的68%")).toEqual({ value: 68, valueText: "68", unit: "%", year: 2024 });
    expect(readBaseline("68%(2024年)")).toEqual({ value: 68, valueText: "68", unit: "%", year: 2024 });
    expect(readBaseline("1.2万家")).toEqual({ value: 1.2, valueText: "1.2", unit: "万家", year: null });
    // as Excel or a Chinese input method may leave it: full-width digits, brackets and percent sign
    expect(readBaseline(" ６８％（２０２４年） ")).toEqual({ value: 68, valueText: "68", unit: "%", year: 2024 });
    expect(readBaseline("1,100家")).toEqual({ value: 1100, valueText: "1,100", unit: "家", year: null });
    expect(readBaseline("两个百分点")).toEqual({ value: 2, valueText: "两", unit: "个百分点", year: null });
    expect(readBaseline("3年")).toEqual({ value: 3, valueText: "3", unit: "年", year: null });
  });

  it("refuses what is not one figure", () => {
    for (const bad of ["大约", "2024年", "68%(24年)", "68%2024年", "1.2.3%", "约68%", "68%(2024年)(2025年)"])
      expect(readBaseline(bad), bad).toBeNull();
  });

  it("takes the target's unit for a bare number, refuses another unit, and writes one form back", () => {
    const typed = readBaseline("2024年68") ?? expect.fail("not read");
    expect(baselineIn(typed, "%")).toEqual({ value: 68, valueText: "68", unit: "%", year: 2024 });
    expect(baselineIn(readBaseline("68个") ?? expect.fail("not read"), "%")).toBeNull();
    expect(writeBaseline({ value: 68, valueText: "68", unit: "%", year: 2024 })).toBe("68%(2024年)");
    expect(writeBaseline({ value: 1.2, valueText: "1.2", unit: "万家", year: null })).toBe("1.2万家");
  });
});
