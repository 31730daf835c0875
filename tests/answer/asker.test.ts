import { describe, expect, it } from "vitest";
import { nameAskersDepartment } from "../../src/answer/asker.js";
import { fixedContext, seedAnswerer } from "./seed-knowledge.js";

describe("the asker's own department", () => {
  it.each([
    ["我们部门牵头哪些任务", "投促局牵头哪些任务"],
    ["本局的任务", "投促局的任务"],
    ["我负责哪些任务", "投促局负责哪些任务"],
    ["咱们单位协同哪些任务", "投促局协同哪些任务"],
  ])("names it in place of the self-reference: %s", (question, expected) => {
    expect(nameAskersDepartment(question, ["投促局"])).toEqual({ kind: "named", text: expected });
  });
  it("leaves questions without a self-reference alone (我区 is the district)", () => {
    expect(nameAskersDepartment("我区gdp目标", ["投促局"])).toEqual({ kind: "as_is" });
    expect(nameAskersDepartment("我想知道上市公司目标", ["投促局"])).toEqual({ kind: "as_is" });
  });
  it("asks for each of several departments", () => {
    expect(nameAskersDepartment("我们部门牵头哪些任务", ["科技局", "财政局"])).toEqual({
      kind: "named",
      text: "科技局和财政局分别牵头哪些任务",
    });
  });
  it("says it does not know the asker's department instead of guessing", () => {
    expect(nameAskersDepartment("我们部门牵头哪些任务", [])).toEqual({ kind: "unknown", said: "我们部门" });
    expect(nameAskersDepartment("本部门的任务", undefined)).toEqual({ kind: "unknown", said: "本部门" });
  });

  it("answers with the department's tasks, or says who it does not know", () => {
    const [known] = seedAnswerer.answer("我们部门牵头哪些任务", { ...fixedContext, askerDepartments: ["投促局"] });
    expect(known?.text).toContain("**投资促进局** 牵头的任务(1项):\n(二)统筹谋划招引,推动项目提质增效");
    const both = seedAnswerer.answer("我们部门牵头哪些任务", {
      ...fixedContext,
      askerDepartments: ["科技局", "财政局"],
    });
    expect(both.map((a) => a.text.split("\n")[0])).toEqual([
      "**科技局** 牵头的任务(2项):",
      "**财政局** 牵头的任务(1项):",
    ]);
    const [unknown] = seedAnswerer.answer("我们部门牵头哪些任务", fixedContext);
    expect(unknown?.text).toContain("不知道“我们部门”是哪个部门");
    expect(unknown?.text).not.toContain("牵头的任务(");
  });
});
