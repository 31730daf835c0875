// Knowledge is validated fully once and read from a snapshot after; any edit to a source validates it again.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadPlans } from "../../src/plan/knowledge.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "planbot-knowledge-test-"));
  cpSync("knowledge", dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const matrixFile = () => join(dir, "xinzhan-2023-2025", "matrix.json");

describe("knowledge snapshot", () => {
  it("gives the same knowledge on a second load as the full validation did", () => {
    const first = loadPlans(dir);
    const second = loadPlans(dir);
    expect(second).toEqual(first);
    expect(second.plans[0]?.tasks.length).toBe(10);
  });

  it("validates fully again when a matrix is edited, and refuses an invalid one", () => {
    loadPlans(dir);
    const matrix = JSON.parse(readFileSync(matrixFile(), "utf8"));
    matrix.tasks[0].title = "";
    writeFileSync(matrixFile(), JSON.stringify(matrix));
    expect(() => loadPlans(dir)).toThrow(/invalid matrix/);
  });

  it("reads an edit of the glossary or the departments at once", () => {
    loadPlans(dir);
    writeFileSync(join(dir, "glossary.yaml"), "terms:\n  - { say: [稳结构], means: 优化经济结构 }\n");
    expect(loadPlans(dir).glossary.terms).toEqual([{ say: ["稳结构"], means: "优化经济结构" }]);
    writeFileSync(join(dir, "departments.yaml"), "departments: [not a department]\n");
    expect(() => loadPlans(dir)).toThrow();
  });
});
