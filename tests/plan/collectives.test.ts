// Only a collective that means every department (各部门, 各相关部门, 各单位) takes in any department; 各社区管委会 takes
// in community committees only. Answers ("X supports which tasks") and the right to record use the same test.
import { describe, expect, it } from "vitest";
import { createAnswerer } from "../../src/answer/answerer.js";
import { decideWrite } from "../../src/auth/permission.js";
import { parseReporters } from "../../src/auth/reporters.js";
import { collectiveTakesIn } from "../../src/plan/collectives.js";
import { kindOf } from "../../src/plan/departments.js";
import type { DepartmentDirectory } from "../../src/plan/schema.js";
import { demoPlan } from "../progress/fixtures.js";

describe("collectiveTakesIn", () => {
  it.each([
    ["各部门", "市科技局", true],
    ["各相关部门", "市科技局", true],
    ["各有关单位", "市科技局", true],
    ["各单位", "市科技局", true],
    ["各社区管委会", "市科技局", false],
    ["各社区管委会", "七里塘社区管委会", true],
    ["各区政府", "东城区政府", true],
    ["各区政府", "市科技局", false],
  ])("%s takes in %s: %s", (group, department, expected) => {
    expect(collectiveTakesIn(group, department)).toBe(expected);
  });
});

describe("answers and rights agree", () => {
  const base = demoPlan();
  const plan = demoPlan({
    tasks: base.tasks.map((t) =>
      t.no === 2 ? { ...t, partners: ["各社区管委会"] } : t.no === 4 ? { ...t, partners: ["各部门"] } : t,
    ),
  });
  const names = [...new Set(plan.tasks.flatMap((t) => [...t.lead, ...t.partners]))];
  const directory: DepartmentDirectory = {
    departments: [...names, "七里塘社区管委会"].map((name) => ({ name, aliases: [], kind: kindOf(name) })),
  };
  const loaded = { plans: [plan], directory, glossary: { terms: [] } };
  const answerer = createAnswerer(loaded);
  const reporters = parseReporters(
    "reporters:\n  - { userid: fa, name: 发改, department: 市发改委 }\n  - { userid: qlt, name: 社区, department: 七里塘社区管委会 }\n",
  );

  it("a department is not told it partners on a task of 各社区管委会, and may not record there", () => {
    const text = answerer.answer("市发改委协同哪些任务", { today: "2024-07-01", staleDays: 30 })[0]?.text ?? "";
    expect(text).toContain("各部门");
    expect(text).not.toContain("各社区管委会");
    const task = (no: number) => plan.tasks.find((t) => t.no === no) ?? plan.tasks[0];
    expect(decideWrite(reporters, directory, "fa", task(2) as never).allowed).toBe(false);
    expect(decideWrite(reporters, directory, "fa", task(4) as never).allowed).toBe(true);
    expect(decideWrite(reporters, directory, "qlt", task(2) as never).allowed).toBe(true);
  });
});
