// The report set (tests/eval/reports.jsonl) scored in CI: no figure filed under a target its words do not name,
// and at least 95% of the figures that name a target (or no quantity at all) bound to it.
import { describe, expect, it } from "vitest";
import { readReports, reportDeps, scoreReports } from "./report-binding.js";

describe("progress binding on report sentences", () => {
  const lines = readReports();
  const score = scoreReports(lines, reportDeps());

  it("covers the bundled plan and both test plans, half naming a target and half another quantity", () => {
    expect(new Set(lines.map((l) => l.plan))).toEqual(
      new Set(["xinzhan-2023-2025", "linhu-digital", "donghu-business"]),
    );
    expect(lines.length).toBeGreaterThanOrEqual(60);
    const other = lines.filter((l) => l.names === "other").length;
    expect(other / lines.length).toBeGreaterThanOrEqual(0.45);
    expect(lines.filter((l) => l.names === "target").length / lines.length).toBeGreaterThanOrEqual(0.45);
  });

  it("files no figure under a target its words do not name", () => {
    expect(score.wrong, score.details.join("\n")).toBe(0);
  });

  it("binds at least 95% of the figures that name a target", () => {
    expect(score.bound / score.bindable, score.details.join("\n")).toBeGreaterThanOrEqual(0.95);
  });
});

// Written from the plan's text alone by someone who had not seen the binder (tests/fixtures/plans/xinzhan-fresh):
// the same promise of no wrong filing; recall lower than on the set above, whose wordings the binder was built on.
describe("progress binding on fresh report sentences", () => {
  const score = scoreReports(readReports("tests/fixtures/plans/xinzhan-fresh/reports.jsonl"), reportDeps());

  it("files no figure under a target its words do not name", () => {
    expect(score.wrong, score.details.join("\n")).toBe(0);
  });

  it("binds at least 80% of the figures that name a target (10 of 21 before revenue, output and 总产值 named a size)", () => {
    expect(score.bound / score.bindable, score.details.join("\n")).toBeGreaterThanOrEqual(0.8);
  });
});

// The same on a plan the binder was not built on, with targets for several years (tests/fixtures/plans/qa-digital-economy).
describe("progress binding on fresh report sentences for another plan", () => {
  const score = scoreReports(
    readReports("tests/fixtures/plans/qa-digital-economy/reports.jsonl"),
    reportDeps({ "qa-digital-economy": "tests/fixtures/plans/qa-digital-economy/qa-digital-economy.txt" }),
  );

  it("files no figure under a target its words do not name", () => {
    expect(score.wrong, score.details.join("\n")).toBe(0);
  });

  it("binds at least 65% of the figures that name a target (14 of 20; 13 before 13620个 was read in 万个)", () => {
    expect(score.bound / score.bindable, score.details.join("\n")).toBeGreaterThanOrEqual(0.65);
  });
});
