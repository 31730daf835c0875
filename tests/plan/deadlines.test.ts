// The one reader of 完成时限, shared by the text, the task tables and the review sheet: the day each falls on.
import { describe, expect, it } from "vitest";
import { readDeadline, taskDeadline } from "../../src/plan/import/deadlines.js";

describe("a 完成时限 as tables and reviewers write it", () => {
  it.each([
    ["2026年底前", "2026-12-31"],
    ["2026年6月底前", "2026-06-30"],
    ["2025年9月30日前", "2025-09-30"],
    ["2025年9月30日", "2025-09-30"],
    ["2026年6月", "2026-06-30"],
    ["2025年", "2025-12-31"],
    ["2025年内", "2025-12-31"],
    ["2025年年底", "2025-12-31"],
    ["2025年上半年", "2025-06-30"],
    ["2025年第三季度", "2025-09-30"],
    ["2025年 前三季度", "2025-09-30"],
    ["到2027年", undefined],
  ])("%s falls on %s", (cell, date) => {
    const d = readDeadline(cell);
    expect(d?.date).toBe(date);
    expect(d?.text).toBe(cell.replace(/\s+/g, ""));
  });

  it("keeps only the words of a recurring or open-ended one, and nothing for an empty cell", () => {
    expect(readDeadline("每年")).toEqual({ text: "每年" });
    expect(readDeadline("长期坚持")).toEqual({ text: "长期坚持" });
    expect(readDeadline("  ")).toBeUndefined();
  });

  it("counts a relative period from the plan's first year when it has one", () => {
    expect(readDeadline("3年内", 2024)).toEqual({ text: "3年内", date: "2026-12-31" });
  });
});

describe("a task's own deadline in its text", () => {
  it("reads a labelled 完成时限 with the same reader as a table's cell", () => {
    expect(taskDeadline("推进园区建设(完成时限:2025年第三季度)。", 2024)).toEqual({
      text: "2025年第三季度",
      date: "2025-09-30",
    });
    expect(taskDeadline("2025年底前建成数据中心。", 2024)).toEqual({ text: "2025年底前", date: "2025-12-31" });
    expect(taskDeadline("长期坚持。", 2024)).toEqual({ text: "长期坚持" });
  });
});
