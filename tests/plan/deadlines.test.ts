// The one reader of 完成时限, shared by the text, the task tables and the review sheet: the day each falls on.
import { describe, expect, it } from "vitest";
import { dueMarks, readDeadline, taskDeadline } from "../../src/plan/import/deadlines.js";
import { extractTargets } from "../../src/plan/import/targets.js";

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

describe("relative periods written as 用…时间 and 力争…内", () => {
  it.each([
    ["利用三年左右时间，建成口袋公园24处。", "利用三年左右时间", 2025],
    ["用3年时间打造特色街区5条。", "用3年时间", 2025],
    ["力争两年内培育龙头企业6家。", "两年内", 2024],
  ])("%s is a period counted from the plan's start, and says so", (sentence, text, year) => {
    const [mark] = dueMarks(sentence, 2023);
    expect(mark).toMatchObject({ kind: "period", text, year, date: `${year}-12-31` });
    expect(mark?.yearReading).toBe(`“${text}”按2023年起算,即${year}年底前`);
    const [target] = extractTargets(sentence, { inGoals: false, startYear: 2023 }).targets;
    expect(target).toMatchObject({ year, deadline: { text, date: `${year}-12-31` } });
  });

  it("without a start year it keeps the words and says where it counts from; the task is due then", () => {
    expect(dueMarks("用两年时间改造农贸市场8座。", null)[0]?.yearReading).toBe(
      "“用两年时间”自方案实施起算,方案未给出起始年份,无法折算为具体日期",
    );
    expect(taskDeadline("用两年时间改造农贸市场8座。", null)).toEqual({ text: "用两年时间" });
    expect(taskDeadline("用两年时间改造农贸市场8座。", 2024)).toEqual({ text: "用两年时间", date: "2025-12-31" });
  });
});

describe("a year that is not a due date", () => {
  it("a date that says what its subject is (1990年前出厂的), or one before the plan's time, is no deadline", () => {
    expect(dueMarks("淘汰1990年前出厂的高耗能锅炉，到2027年底前完成。", null).map((m) => m.text)).toEqual([
      "到2027年底前",
    ]);
    expect(dueMarks("对2019年底前竣工的厂房开展排查。", 2023)).toEqual([]);
    expect(taskDeadline("淘汰1990年前出厂的高耗能锅炉。", null)).toBeUndefined();
  });

  it("a bare 2026年 before a verb of doing is a year mark: its figures fall due that year", () => {
    const { targets } = extractTargets("2026年建成智慧药房30家，到2028年覆盖全部乡镇卫生院。", {
      inGoals: false,
      startYear: 2025,
    });
    expect(targets.map((t) => [t.value, t.unit, t.year, t.deadline?.text])).toEqual([[30, "家", 2026, "2026年"]]);
  });
});

describe("到2026年 in a task's text", () => {
  it("gives the task its deadline on the year's last day; of years alone the latest wins", () => {
    expect(taskDeadline("到2027年，建成乡镇污水处理站40座。", 2025)).toEqual({ text: "2027年", date: "2027-12-31" });
    expect(taskDeadline("2026年完成首批15座，到2027年全部建成。", 2025)).toEqual({
      text: "2027年",
      date: "2027-12-31",
    });
  });
});
