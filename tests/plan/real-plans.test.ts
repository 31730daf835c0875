// Real published plans (tests/fixtures/plans/real): tasks, attributions, targets and warnings against what a reader finds.
// Every expected figure below was written by reading the fixture's text, not by running the importer.
import { describe, expect, it } from "vitest";
import { importPlan } from "../../src/plan/import/import-plan.js";
import { ResponsibilityMatrix } from "../../src/plan/schema.js";
import { realPlans as plans, readRealPlan as readFixture } from "./real-plans.expected.js";

const fig = (t: { value: number | null; unit: string; year: number | null }) => `${t.value} ${t.unit} ${t.year ?? "-"}`;
const sorted = (l: string[]) => [...l].sort();

describe.each(plans)("real plan $file", (plan) => {
  const { matrix } = importPlan(readFixture(plan.file), { slug: "real", sourceFile: "source.txt" });

  it("imports into a matrix that validates, under the plan's own title", () => {
    expect(() => ResponsibilityMatrix.parse(matrix)).not.toThrow();
    expect(matrix.title).toBe(plan.title);
  });

  it("makes a task of every numbered item, with its lead and partners", () => {
    expect(matrix.tasks.map((t) => t.title)).toEqual(plan.tasks.map((t) => t.title));
    expect(matrix.tasks.map((t) => [t.lead, t.partners])).toEqual(plan.tasks.map((t) => [t.lead, t.partners]));
  });

  it("finds every target a reader finds, with its unit and year", () => {
    expect(sorted(matrix.goals.targets.map(fig))).toEqual(sorted(plan.goals));
    expect(matrix.tasks.map((t) => sorted(t.targets.map(fig)))).toEqual(plan.tasks.map((t) => sorted(t.targets)));
  });

  it("raises no warning a reader would not raise", () => {
    expect(sorted(matrix.warnings.map((w) => w.code))).toEqual(sorted(plan.trueWarnings));
  });
});

describe("what the real plans' sentences say beyond figures", () => {
  const gz = importPlan(readFixture("guangzhou-talent-2012"), { slug: "gz", sourceFile: "source.txt" }).matrix;

  it("resolves a relative period against the plan's start year, and says so", () => {
    const postdocs = gz.tasks.find((t) => t.title === "博士后培养项目")?.targets[0];
    expect(postdocs).toMatchObject({ value: 400, unit: "名", year: 2016, comparison: "不少于" });
    expect(postdocs?.deadline?.text).toBe("5年内");
    expect(postdocs?.yearReading).toContain("2012");
  });

  it("names each subject of a sentence with several figures", () => {
    const flats = gz.tasks.find((t) => t.title === "人才公寓")?.targets ?? [];
    expect(flats.map((t) => t.metric)).toEqual(["专家公寓", "人才公寓"]);
  });

  it("reads 左右 and 每年 as a target's terms", () => {
    expect(gz.goals.targets[0]?.comparison).toBe("达到");
    const stars = gz.tasks.find((t) => t.title === "珠江科技新星项目")?.targets[0];
    expect(stars).toMatchObject({ value: 100, comparison: "不少于", year: null });
    expect(stars?.deadline?.text).toBe("每年");
  });

  it("stores a deadline written into an item", () => {
    const org = gz.tasks.find((t) => t.title === "加强组织领导");
    expect(org?.deadline).toEqual({ text: "2012年10月底前", date: "2012-10-31" });
  });

  it("records the notice that issued the plan as its source", () => {
    const dy = importPlan(readFixture("dongyang-disability-employment-2023"), { slug: "dy", sourceFile: "s.txt" });
    expect(dy.matrix.notice).toBe(
      "东阳市人民政府办公室 关于印发《东阳市促进残疾人就业行动实施方案(2023—2025年)》的通知",
    );
    expect(dy.matrix.issuedOn).toBe("2023-03-13");
  });
});
