import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { createAnswerer } from "../../src/answer/answerer.js";
import { isDepartmentName, mergeDepartments, proposeAliases } from "../../src/plan/departments.js";
import { addDepartments, writePlan } from "../../src/plan/import/write-plan.js";
import { loadPlans } from "../../src/plan/knowledge.js";
import { fixedContext } from "../answer/seed-knowledge.js";

describe("the department directory", () => {
  it("proposes the forms staff type for official names, both ways", () => {
    expect(proposeAliases("区发改委")).toEqual(["发改委", "发展改革委", "发展和改革委员会", "发展和改革委"]);
    expect(proposeAliases("市人力资源和社会保障局")).toContain("人社局");
  });

  it("is edited as a document: comments, order and layout stay, new entries follow in the file's style", () => {
    const dir = mkdtempSync(join(tmpdir(), "planbot-dir-"));
    const file = join(dir, "departments.yaml");
    const before = [
      "# 部门目录:人工维护,请勿删除本注释。",
      "departments:",
      "  # 本区主要部门",
      "  - name: 区财政局",
      "    aliases: [财政局, 财政] # 常用简称",
      "",
    ].join("\n");
    writeFileSync(file, before);
    const { added } = addDepartments(file, ["区财政局", "区发改委", "排在首位的为牵头单位", "各区、县级市"]);
    expect(added).toEqual(["区发改委", "各区、县级市"]);
    const after = readFileSync(file, "utf8");
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toBe(
      [
        "  - name: 区发改委",
        "    aliases: [发改委, 发展改革委, 发展和改革委员会, 发展和改革委]",
        "  - name: 各区、县级市",
        "    aliases: []",
        "    kind: group",
        "",
      ].join("\n"),
    );
  });

  it("never takes a rule or a sentence fragment for a department", () => {
    for (const fragment of [
      "排在首位的为牵头单位",
      "下同",
      "列第一位的为牵头单位",
      "各部门按职责分工负责",
      "推进工作。区财政局",
    ])
      expect(isDepartmentName(fragment), fragment).toBe(false);
    expect(isDepartmentName("市人力资源和社会保障局")).toBe(true);
  });

  it("proposes the short forms staff type", () => {
    expect(proposeAliases("区数据资源局")).toEqual(["数据资源局", "数资局", "数据局"]);
    expect(proposeAliases("投资促进局")).toEqual(["投促局", "投资局"]);
  });

  it("reports a new department whose own name is another's alias, and leaves the alias where it was", () => {
    const first = mergeDepartments({ departments: [] }, ["区数据资源局"]);
    expect(first.directory.departments[0]?.aliases).toContain("数据局");
    const second = mergeDepartments(first.directory, ["区数据局"]);
    expect(second.shared).toEqual([{ alias: "数据局", aliasOf: "区数据资源局", nameOf: "区数据局" }]);
    expect(second.directory.departments.find((d) => d.name === "区数据资源局")?.aliases).toContain("数据局");
  });

  it("asks which department a word that names departments of two plans means, not answering for one chosen blindly", () => {
    const dir = mkdtempSync(join(tmpdir(), "planbot-depts-"));
    const plan = (title: string, lead: string) =>
      [
        `${title}（2025—2027年）`,
        "一、工作目标",
        "到2027年，完成各项任务。",
        "二、重点任务",
        `（一）推进数据开放。到2026年，开放数据集500个。（牵头单位：${lead}）`,
      ].join("\n");
    writeFileSync(join(dir, "a.txt"), plan("东湖区数据工作方案", "区数据资源局"));
    writeFileSync(join(dir, "b.txt"), plan("西湖区数据工作方案", "区数据局"));
    writePlan(join(dir, "a.txt"), join(dir, "a"));
    writePlan(join(dir, "b.txt"), join(dir, "b"));
    writeFileSync(join(dir, "glossary.yaml"), "terms: []\n");
    const answerer = createAnswerer(loadPlans(dir));
    const [which, ...more] = answerer.answer("数据局牵头哪些任务", fixedContext);
    expect(more).toEqual([]);
    expect(which?.text).toContain("“数据局”可能指2个部门,请写明是哪一个:");
    expect(which?.text).toContain(
      "- **区数据局**(《西湖区数据工作方案（2025—2027年）》):牵头1项(问“区数据局负责哪些任务”)",
    );
    expect(which?.text).toContain("- **区数据资源局**(《东湖区数据工作方案（2025—2027年）》):牵头1项");
    // The full name is one department.
    expect(answerer.answer("区数据局牵头哪些任务", fixedContext)).toHaveLength(1);
    // Without the clashing alias, the word is the department so called.
    const file = join(dir, "departments.yaml");
    const directory = YAML.parse(readFileSync(file, "utf8"));
    for (const d of directory.departments) d.aliases = d.aliases.filter((a: string) => a !== "数据局");
    writeFileSync(file, YAML.stringify(directory));
    const [one, ...rest] = createAnswerer(loadPlans(dir)).answer("数据局牵头哪些任务", fixedContext);
    expect(one?.text).toContain("**区数据局** 牵头的任务(1项)");
    expect(rest).toEqual([]);
  });
});
