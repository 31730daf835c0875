// A department asked about by a short or partial name, on a plan nobody tuned the answerer to (the QA fixture
// qa-urban-renewal): alone, beside a directory that knows another plan's 财政局, and loaded with the bundled plan.
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnswerer } from "../../src/answer/answerer.js";
import { writePlan } from "../../src/plan/import/write-plan.js";
import { loadPlans } from "../../src/plan/knowledge.js";
import { answererOfPlans } from "./imported-plan.js";
import { fixedContext } from "./seed-knowledge.js";

const QA_PLAN = "tests/fixtures/plans/qa-urban-renewal/qa-urban-renewal.txt";
const QA_TITLE = "《青禾区城市更新和宜居社区建设行动方案》";
const XINZHAN_TITLE = "《新站高新区推动经济高质量发展三年行动计划(2023—2025年)》";

/** A knowledge folder holding the QA plan, after `with` put in what else it holds. */
function knowledgeWith(setUp: (dir: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), "planbot-dept-names-"));
  writeFileSync(join(dir, "glossary.yaml"), "terms: []\n");
  setUp(dir);
  writePlan(QA_PLAN, join(dir, "qa-urban-renewal"));
  const answerer = createAnswerer(loadPlans(dir));
  return (q: string, ctx = fixedContext) => answerer.answer(q, ctx).map((a) => a.text);
}

const LEADS_FUNDING = "**区财政局** 牵头的任务(1项):\n(三)8.强化资金保障";
const JOINS_RENOVATION = "**区财政局** 作为协同部门的任务(1项):\n(一)1.推进老旧小区综合改造";

describe.each([
  ["alone", () => {}],
  // The reported case: the directory also knows the bundled plan's 财政局, which this plan does not name.
  [
    "beside a directory that knows another plan's departments",
    (dir: string) => {
      cpSync("knowledge/departments.yaml", join(dir, "departments.yaml"));
    },
  ],
])("the QA plan %s", (_, setUp) => {
  const ask = knowledgeWith(setUp);

  it.each(["财政局负责什么", "财政局牵头哪些任务", "区财政局配合哪些工作"])(
    "answers %s with 区财政局's led and joined tasks, once, never saying it found nothing",
    (q) => {
      const replies = ask(q);
      expect(replies).toHaveLength(1);
      expect(replies[0]).toContain(LEADS_FUNDING);
      expect(replies[0]).toContain(JOINS_RENOVATION);
      expect(replies[0]).not.toContain("未找到");
    },
  );

  it("reads a partial name (住建) or another level's word for the agency (发改委, 卫健委) as the plan's department", () => {
    const [housing] = ask("住建那边管啥");
    expect(housing).toContain("**区住建局** 牵头的任务(3项):");
    expect(housing).toContain("(三)7.推行物业服务全覆盖");
    expect(housing).toContain("**区住建局** 作为协同部门的任务(3项):");
    expect(ask("住建牵头哪些任务")[0]).toContain("**区住建局** 牵头的任务(3项):");
    expect(ask("发改委负责什么")[0]).toContain("**区发展改革局** 作为协同部门的任务(1项):\n(三)8.强化资金保障");
    expect(ask("卫健委参与哪些任务")[0]).toContain("**区卫健局** 作为协同部门的任务(1项)");
  });

  it("says plainly that the plan names no such department, and lists nothing as if it did", () => {
    const replies = ask("税务局负责什么");
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain("计划中未找到“税务局”:它不是任何任务的牵头或协同部门。");
    expect(replies[0]).not.toMatch(/牵头的任务\(|作为协同部门的任务/);
  });
});

describe("the QA plan beside a directory that knows another plan's departments", () => {
  const ask = knowledgeWith((dir) => cpSync("knowledge/departments.yaml", join(dir, "departments.yaml")));
  it("offers the plan's department said like one the directory knows from elsewhere (市监局 is 市场监督管理局's)", () => {
    const [reply] = ask("市监局负责什么");
    expect(reply).toContain("计划中未找到“市监局”");
    expect(reply).toContain("计划中名称相近的部门:区市场监管局(可问“区市场监管局牵头哪些任务”)");
    expect(reply).not.toMatch(/牵头的任务\(|作为协同部门的任务/);
  });
});

describe("the QA plan loaded with the bundled plan", () => {
  const ask = knowledgeWith((dir) => cpSync("knowledge", dir, { recursive: true }));

  it.each(["财政局负责什么", "财政局牵头哪些任务"])("asks which 财政局 %s means, naming each with its plan", (q) => {
    const replies = ask(q);
    expect(replies).toHaveLength(1);
    const lines = replies[0]?.split("\n") ?? [];
    expect(lines[0]).toBe("“财政局”可能指2个部门,请写明是哪一个:");
    expect(lines.slice(1).sort()).toEqual([
      `- **区财政局**(${QA_TITLE}):牵头1项、协同1项(问“区财政局负责哪些任务”)`,
      `- **财政局**(${XINZHAN_TITLE}):牵头1项、协同2项(问“新站高新区财政局负责哪些任务”)`,
    ]);
    expect(replies[0]).not.toMatch(/未找到|强化资金保障|集聚要素资源/);
  });

  it("answers what the question offers to ask, and a name that fits one department, from its plan", () => {
    const qa = ask("区财政局配合哪些工作");
    expect(qa).toEqual([`${QA_TITLE}\n${LEADS_FUNDING}\n${JOINS_RENOVATION}`]);
    const [xinzhan, ...more] = ask("新站高新区财政局负责哪些任务");
    expect(more).toEqual([]);
    expect(xinzhan).toContain(`${XINZHAN_TITLE}\n**财政局** 牵头的任务(1项):\n(七)集聚要素资源`);
    expect(ask("住建那边管啥")[0]).toContain(`${QA_TITLE}\n**区住建局** 牵头的任务(3项):`);
    expect(ask("发改委负责什么")[0]).toContain("**区发展改革局** 作为协同部门的任务(1项)");
  });

  it("in a group given one plan, reads the name as that plan's department", () => {
    const home = { ...fixedContext, homePlan: "qa-urban-renewal" };
    const [reply, ...more] = ask("财政局负责什么", home);
    expect(more).toEqual([]);
    expect(reply).toContain(LEADS_FUNDING);
  });

  it("asked whether it leads or joins a task, reads the name as the department the task names", () => {
    const qa = ask("老旧小区综合改造财政局配合吗");
    expect(qa).toHaveLength(1);
    expect(qa[0]).toContain("是的,区财政局是");
    const xinzhan = ask("集聚要素资源财政局牵头吗");
    expect(xinzhan).toHaveLength(1);
    expect(xinzhan[0]).toContain("是的,财政局是本任务的牵头部门。");
  });

  it("never takes a word the plans use for a department's short name (发展 of 发展局 in 产业发展方面)", () => {
    const [reply] = ask("产业发展方面有哪些任务");
    expect(reply).not.toContain("区发展改革局");
  });

  it("answers the tasks two departments share from the plan that names both, not the first plan loaded", () => {
    const [reply] = ask("市监局和税务局共同参与哪项任务");
    expect(reply).toContain(`${XINZHAN_TITLE}\n**市场监督管理局、税务局** 共同参与的任务(1项):`);
  });

  it("says plainly when neither plan names the department", () => {
    const [reply] = ask("民政厅负责什么");
    expect(reply).toContain("计划中未找到“民政厅”:它不是任何任务的牵头或协同部门。");
    expect(reply).toContain("计划中名称相近的部门:区民政局");
    expect(reply).not.toMatch(/牵头的任务\(|作为协同部门的任务/);
  });
});

describe("one plan naming two departments said alike", () => {
  const dir = mkdtempSync(join(tmpdir(), "planbot-dept-alike-"));
  writeFileSync(
    join(dir, "plan.txt"),
    [
      "东湖区住房保障工作方案(2025—2027年)",
      "一、工作目标",
      "到2027年,新增保障性租赁住房2000套。",
      "二、重点任务",
      "1.筹集保障性租赁住房。到2027年新增保障性租赁住房2000套。(牵头单位:区住建局;配合单位:区财政局)",
      "2.争取上级支持。积极争取上级保障性住房专项资金。(牵头单位:市住建局;配合单位:区住建局)",
    ].join("\n"),
  );
  writeFileSync(join(dir, "glossary.yaml"), "terms: []\n");
  writePlan(join(dir, "plan.txt"), join(dir, "donghu"));
  const answerer = createAnswerer(loadPlans(dir));
  const ask = (q: string) => answerer.answer(q, fixedContext).map((a) => a.text);

  it("asks which of them a short name means, and answers each by its full name", () => {
    const [reply, ...more] = ask("住建局负责什么");
    expect(more).toEqual([]);
    expect(reply?.split("\n")).toEqual([
      "“住建局”可能指2个部门,请写明是哪一个:",
      "- **区住建局**:牵头1项、协同1项(问“区住建局负责哪些任务”)",
      "- **市住建局**:牵头1项(问“市住建局负责哪些任务”)",
    ]);
    expect(ask("市住建局负责什么")[0]).toContain("**市住建局** 牵头的任务(1项):\n2.争取上级支持");
  });
});

// A unit inside an agency (市公安局交警支队) is said by its own name: the fresh city plan of stop 14.
describe("a unit inside an agency, asked by its own name", () => {
  const answerer = answererOfPlans({ yunxi: "tests/fixtures/plans/yunxi-green-transition.txt" });
  it("finds 市公安局交警支队 from 交警支队", () => {
    for (const q of ["交警支队参与了哪些任务", "交警支队负责什么"]) {
      const [text = ""] = answerer.answer(q, fixedContext).map((a) => a.text);
      expect(text, q).toContain("**市公安局交警支队** 作为协同部门的任务(1项)");
      expect(text, q).toContain("3.实施交通运输绿色转型行动");
    }
  });
});
