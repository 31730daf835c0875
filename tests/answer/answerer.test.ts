import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnswerer, splitQuestions, stripMention } from "../../src/answer/answerer.js";
import { composeReply } from "../../src/answer/compose-reply.js";
import { writePlan } from "../../src/plan/import/write-plan.js";
import { loadPlans } from "../../src/plan/knowledge.js";
import { ask, fixedContext, seedAnswerer, seedPlans } from "./seed-knowledge.js";

describe("who leads and who cooperates", () => {
  it("names the lead and quotes the plan's attribution", () => {
    const text = ask("空天信息产业由谁牵头");
    // The department first; the sentence naming the subject, trimmed, and the attribution as the evidence.
    expect(text.startsWith("**经贸发展局**牵头")).toBe(true);
    expect(text).toContain("“…围绕生物医药、元宇宙、人工智能、空天信息等产业领域…”");
    expect(text).toContain("(牵头部门:经贸发展局,协同部门:财政局、投资促进局、科技局、综保办,鑫城公司)");
  });
  it("finds a task by its number", () => {
    const [a] = seedAnswerer.answer("第八项任务的协同部门", fixedContext);
    expect(a?.tasks[0]?.no).toBe(8);
    expect(a?.text.startsWith("协同:**各部门、各社区管委会**")).toBe(true);
  });
  it("answers each task a question names, in order", () => {
    for (const q of ["任务七和任务八分别谁牵头", "任务七、任务八的牵头部门", "(七)(八)谁牵头"]) {
      const answers = seedAnswerer.answer(q, fixedContext);
      expect(answers.map((a) => a.tasks.map((t) => t.no))).toEqual([[7], [8]]);
      // One short line each: the department, the task.
      expect(answers[0]?.text.split("\n")[0]).toBe("**财政局**牵头:(七)集聚要素资源,助推企业蓬勃发展");
      expect(answers[1]?.text.split("\n")[0]).toBe("**经贸发展局**牵头:(八)优化经济结构,打造发展新引擎");
    }
    expect(seedAnswerer.answer("任务三和任务三的目标", fixedContext)).toHaveLength(1);
  });
  it("answers each subject of a 分别 question; subjects of one task give one answer", () => {
    const both = seedAnswerer.answer("百亿企业和上市公司目标分别是多少", fixedContext);
    expect(both.map((a) => a.text.split("\n")[0])).toEqual([
      "**总体目标**",
      "上市公司数量:到2025年达到12家(本任务共3项目标)",
    ]);
    expect(both[0]?.text).toContain("- 百亿企业:到2025年培育8家");
    expect(both[1]?.text).toContain("**(七)集聚要素资源,助推企业蓬勃发展**(牵头:财政局)");
    expect(seedAnswerer.answer("亩均税收和亩均产出分别是多少", fixedContext)).toHaveLength(1);
    // Without 分别 the question stays one.
    expect(seedAnswerer.answer("百亿企业和上市公司的目标", fixedContext)).toHaveLength(1);
  });
  it("narrows a task to the targets each part of '…和…' names", () => {
    const text = ask("麻烦帮忙看下第六项任务，主要是土地和能耗两块的目标");
    expect(text).toContain(
      "相关目标(本任务共4项目标):\n- 优化土地空间:到2025年累计3000亩\n- 单位gdp能耗(年均):到2025年下降3.0%",
    );
  });
  it("narrows a task found by its words to the target whose figure is quoted", () => {
    for (const [q, line] of [
      ["1100万元/亩是哪个指标", "工业亩均产出:到2025年突破1100万元/亩"],
      ["35万是什么目标", "亩均税收:到2025年突破35万元/亩"],
    ] as const) {
      const text = ask(q);
      expect(text.split("\n")[0]).toBe(`${line}(本任务共4项目标)`);
    }
  });
  it("finds the target whose figure a question quotes when no words name it", () => {
    const gap = ask("距离800亿还差多少");
    expect(gap).toContain("- gdp:到2025年实现800亿元");
    expect(gap).toContain("总体目标本身没有进展记录");
    expect(gap).not.toContain("- 千亿产业集群");
    expect(ask("800亿的目标谁负责")).not.toContain("百亿企业:");
    const [platforms] = seedAnswerer.answer("10家是哪个目标", fixedContext);
    expect(platforms?.tasks.map((t) => t.no)).toEqual([4]);
    // A figure no target carries, or one several tasks carry, names nothing.
    expect(ask("建设10个项目")).toContain("计划未涉及这一事项");
  });
  it("ignores the @mention and folds traditional characters", () => {
    expect(ask("@政策助手 高端装备谁牽頭")).toContain("经贸发展局");
  });
  it("asked who does something a task names, quotes the sentence that names it, then the responsibility line", () => {
    const text = ask("物流信息平台谁来推进");
    expect(text.startsWith("**经贸发展局**牵头")).toBe(true);
    // One quote: the clause naming the subject, then the attribution.
    expect(text).toContain("> 原文:“…建设物流信息平台及国际物流承载区…”(牵头部门:经贸发展局");
    // A question that names only the task quotes the attribution that answers it.
    expect(ask("任务四由谁牵头")).toContain("> 原文:(牵头部门:科技局");
    // Asked for the figures too: no figure is set for it, the task's own targets are listed, the naming sentence quoted.
    const both = ask("元宇宙产业谁牵头，目标多少");
    expect(both).toContain("**经贸发展局**牵头:(一)");
    expect(both).toContain("- 新能源新材料产业规模:到2025年达到500亿元");
    expect(both).toContain("> 原文:“…围绕生物医药、元宇宙、人工智能、空天信息等产业领域…”");
  });
  it("a bare subject gets the sentence that names it and the responsibility line", () => {
    const text = ask("大物流体系");
    expect(text).toContain("> 原文:“围绕大物流体系建设");
    expect(text).toContain("牵头:**经贸发展局**;协同:各部门、各社区管委会");
  });
  it("tolerates one wrong character", () => {
    expect(ask("上市公司数里达到多少")).toContain("12家");
  });
  it("answers the plan's period however the question ends (期限, 哪几年, 起止)", () => {
    for (const q of [
      "行动计划的期限是哪几年",
      "这个方案管哪几年",
      "计划的起止年份",
      "规划期是哪几年",
      "这个计划实施到哪一年",
    ]) {
      expect(ask(q), q).toContain("期限:2023—2025年");
    }
  });
  it("counts the tasks when asked in English", () => {
    expect(ask("How many tasks are there?")).toContain("重点任务(共10项)");
  });
  it("understands English questions about leads and targets", () => {
    expect(ask("Which department leads the listed companies task?")).toContain("财政局");
    expect(ask("What is the GDP target for 2025?")).toContain("800亿元");
    expect(ask("When was the plan issued?")).toContain("印发日期:2023-03-28");
    expect(ask("Who is in overall charge?")).toContain("管委会主要领导负总责");
    expect(ask("Is there a target for biomedicine?")).toContain("计划未明确“生物医药”的量化目标");
  });
  it("lists the tasks without (or with) quantified targets", () => {
    expect(ask("哪些任务没有量化目标")).toBe(
      "**未设定量化目标的重点任务(1项,共10项)**\n(十)锚定发展目标,构建产业生态新活力 — 牵头:经贸发展局",
    );
    expect(ask("哪些任务有量化目标")).toContain("**设定了量化目标的重点任务(9项,共10项)**");
    // A subject's target is still that subject's.
    expect(ask("哪项任务有上市公司目标")).toContain("(七)集聚要素资源");
  });
  it("reads a span of years as the plan's period, not a year a target falls due", () => {
    expect(ask("2023—2025年计划")).toContain("**重点任务(共10项)**");
  });
});

describe("targets", () => {
  it("answers the named target with value, unit and year and quotes its sentence", () => {
    const text = ask("新能源新材料要做到多少亿");
    expect(text.startsWith("新能源新材料产业规模:到2025年达到500亿元")).toBe(true);
    expect(text).toContain("新能源新材料、集成电路、高端装备制造产业规模分别达成500亿元");
    expect(text).not.toContain("200亿元:"); // other metrics are not listed as answers
  });
  it("says plainly that a lost number is unknown and never fills it in", () => {
    const text = ask("利润率水平提升目标是多少");
    expect(text).toContain("缺少数字");
    expect(text).not.toMatch(/提升[0-9一二两三]个百分点/);
  });
  it("shows the human-confirmed reading of the fused number with its note", () => {
    const text = ask("十亿元以上企业目标");
    expect(text).toContain("30家");
    expect(text).toContain("已人工核对");
  });
  it("points from a goal to the task that carries the same figure when asked who leads", () => {
    const text = ask("百亿企业要几家，谁牵头");
    expect(text).toContain("总体目标本身未写明牵头部门");
    expect(text).toContain("对应任务:(三)聚焦优质企业,壮大企业主体规模 — 牵头:**经贸发展局**");
    expect(ask("gdp目标谁牵头")).not.toContain("对应任务");
  });
  it("answers the overall goals", () => {
    const text = ask("总体目标有哪些");
    expect(text).toContain("800亿元");
    expect(text).toContain("600家");
  });
  it("asked whether a quoted figure is right, says yes or no first, never repeating a wrong one as the plan's", () => {
    expect(ask("上市公司目标是12家吗")).toMatch(/^是的,计划写的是:上市公司数量到2025年达到12家。/);
    const wrong = ask("GDP目标是1000亿吗");
    expect(wrong).toMatch(/^不是。计划写的是:gdp到2025年实现800亿元。/);
    expect(wrong).not.toContain("1000亿");
    // 百亿 names the enterprises; 8家 is the claim.
    expect(ask("百亿企业是不是要8家")).toMatch(/^是的/);
    // "各500亿" claims it of each: one of them is 200亿.
    expect(ask("新能源新材料和集成电路是不是各500亿")).toMatch(/^不是。.*集成电路产业规模到2025年达到200亿元/);
    // No figure in a unit of the targets asked about: nothing to judge.
    expect(ask("上市公司目标是多少")).not.toMatch(/^(是的|不是)/);
  });
  it("asked which thing a goal means, quotes the task that carries its figure", () => {
    const text = ask("千亿产业是哪个");
    expect(text).toContain("对应任务:(一)");
    expect(text).toContain("加速培育新型显示产业规模");
    expect(ask("总体目标是什么")).not.toContain("对应任务");
  });
  it("takes 发展目标 with a subject the goals never mention to that subject's task", () => {
    expect(ask("跨境电商发展目标是什么")).toContain("(五)立足城市品质");
    expect(ask("经济发展目标")).toContain("**总体目标**");
  });
  it("lists the targets set for every year on their own", () => {
    const text = ask("每年都要完成的目标有哪些");
    expect(text).toContain("单位gdp能耗(年均)");
    expect(text).not.toContain("3000亩");
  });
});

describe("what the plan does not cover", () => {
  it("says so and shows no figure", () => {
    const text = ask("数字经济核心产业增加值目标");
    expect(text).toContain("未找到");
    expect(text).not.toMatch(/\d+亿元/);
  });
  it("does not pass off a similar subject's figure for one the plan never names", () => {
    const text = ask("新能源汽车产业目标");
    expect(text).toContain("未找到与“新能源汽车产业”相关的内容");
    expect(text).not.toContain("500亿元");
    // One wrong character is still read as the word it spoils, and the question's own words are not subjects.
    expect(ask("新型显视产业的目标")).not.toContain("未找到");
    expect(ask("元宇宙、人工智能这些未来产业归谁管")).toContain("经贸发展局");
    expect(ask("我们区的gdp目标")).toContain("800亿元");
    // The place as people say it: 新站区, 新站, 高新区.
    for (const q of ["新站区GDP", "新站的gdp目标", "高新区gdp多少"]) expect(ask(q)).toContain("800亿元");
  });
  it("refuses a year the plan sets no target for, then gives the subject's figure in the plan's own year", () => {
    const text = ask("2028年的上市公司目标");
    expect(text).toContain("未涉及2028年");
    expect(text).toContain("上市公司数量:到2025年达到12家");
    expect(text).not.toMatch(/2028年[^的:]*12家/);
    // With no subject, nothing is picked out for it.
    expect(ask("2026年的目标")).not.toContain("计划设定的是");
  });
  it("offers the safeguard measures that share a question's words, by title, when nothing covers it", () => {
    const text = ask("考核机制是什么");
    expect(text).toContain("未找到与“考核机制”相关的内容");
    expect(text).toContain("相近的保障措施:(三)强化督导激励");
    expect(text).not.toContain("> 原文");
  });
  it("names what is not covered in the user's words, not the parser's leftovers", () => {
    expect(ask("招商引资到位资金多少亿")).toContain("未找到与“招商引资到位资金”相关的内容");
    expect(ask("就业人数目标")).toContain("未找到与“就业人数”相关的内容");
    expect(ask("财政收入目标")).toContain("未找到与“财政收入”相关的内容");
  });
  it("reads 今年, 去年, 明年 as calendar years on the context's date, and a year alone asks about that year", () => {
    // Today is 2024-06-30 in the fixed context: 明年 is 2025, the year the plan's targets fall in.
    // Inside the plan's period, a year without targets of its own still has the yearly (年均) ones.
    const thisYear = ask("今年的目标是什么");
    expect(thisYear).toContain("计划未单独设定2024年的目标(目标年份为2025年)");
    expect(thisYear).toContain("- 单位gdp能耗(年均):到2025年下降3.0%");
    expect(thisYear).not.toContain("800亿元");
    expect(ask("明年gdp目标")).toContain("800亿元");
    expect(ask("2023年要完成什么")).toContain("计划未单独设定2023年的目标");
    expect(ask("2028年要完成什么")).toContain("计划未涉及2028年的目标");
    expect(ask("2025年要完成哪些目标")).toContain("**2025年的目标(共25项)**");
    // Progress is not refused for a year without targets.
    expect(ask("今年进展怎么样")).toContain("目标完成情况");
  });
  it("reads a repeated question afresh on another day: a kept reading is the day's", () => {
    const answerer = createAnswerer(seedPlans);
    const on = (today: string) => answerer.answer("明年gdp目标", { ...fixedContext, today })[0]?.text ?? "";
    expect(on("2024-06-30")).toContain("800亿元"); // 明年 = 2025, the year the plan's GDP target falls in
    expect(on("2024-06-30")).toContain("800亿元"); // the same reading, kept
    expect(on("2023-06-30")).toContain("计划未涉及2024年的目标"); // 明年 = 2024 now
  });
  it("reads '今年新增了几家' as a question about progress, not about a target for this year", () => {
    expect(ask("今年上市公司新增了几家")).toContain("进展:");
    expect(ask("今年上市公司新增了几家")).not.toContain("计划未涉及");
  });
  it("answers a yearly (年均) target asked of a year inside the period, and not of one after it", () => {
    expect(ask("2024年单位gdp能耗要下降多少")).toContain("单位gdp能耗(年均):到2025年下降3.0%");
    expect(ask("2024年单位gdp能耗要下降多少")).not.toContain("计划未涉及");
    expect(ask("2027年单位gdp能耗要下降多少")).toContain("计划未涉及2027年的目标");
  });
  it("lists every target due in a year asked about on its own, the overall goals first, defects flagged", () => {
    const text = ask("2025年要完成哪些目标");
    expect(text).toContain("**2025年的目标(共25项)**");
    expect(text.indexOf("总体目标:")).toBeLessThan(text.indexOf("(一)围绕集群建设"));
    expect(text).toContain("- 上市公司数量:到2025年达到12家");
    expect(text).toContain("缺少数字");
    expect(text).toContain("已人工核对");
  });
  it("says when only the plan's opening paragraph names something, quoting it, with no lead or figure", () => {
    for (const q of ["现代产业体系", "有效市场和有为政府", "二十大精神谁负责"]) {
      const text = ask(q);
      expect(text).toContain("计划只在开篇提到");
      expect(text).toContain("> 原文:“为全面贯彻落实党的二十大精神");
      expect(text).not.toContain("牵头:");
    }
    // What a task names as well is that task's.
    expect(ask("新发展格局谁负责")).toContain("(五)立足城市品质");
    expect(ask("乡村振兴谁负责")).toContain("未找到");
  });
  it("names an unknown department without inventing its tasks", () => {
    const text = ask("卫健委牵头哪些任务");
    expect(text).toContain("未找到“卫健委”");
    expect(text).not.toContain("牵头的任务");
  });
});

describe("a subject the plan mentions without a figure", () => {
  it("repeats the subject in the user's words, not the plan words the glossary added", () => {
    const text = ask("招商引资目标");
    expect(text).toContain("计划未明确“招商引资”的量化目标");
  });
  it("names the subject without the question's own words", () => {
    expect(ask("人工智能有目标吗")).toContain("计划未明确“人工智能”的量化目标");
    expect(ask("有没有人工智能的目标")).toContain("计划未明确“人工智能”的量化目标");
    expect(ask("是否有gdp目标")).toContain("800亿元");
  });
  it("says no figure is set and shows none of the task's other figures", () => {
    const text = ask("人工智能产业规模目标");
    expect(text).toContain("计划未明确“人工智能产业规模”的量化目标");
    expect(text).not.toMatch(/\d+亿元/);
    expect(text).toContain("(牵头:经贸发展局)");
  });
  it("asked who is in charge as well, says no figure is set for it and lists the task's own targets", () => {
    const text = ask("跨境电商归哪个部门，有没有量化目标");
    expect(text).toContain("计划未明确“跨境电商”的量化目标");
    expect(text).toContain("**经贸发展局**牵头:(五)");
    expect(text).toContain("本任务设定的目标:\n- 商贸业总量:到2025年突破400亿元");
  });
  it("still answers a figure the task does set", () => {
    expect(ask("新能源新材料要做到多少亿")).toContain("500亿元");
  });
});

describe("safeguard measures", () => {
  it("asked who is responsible for one, says measures name no department and quotes it", () => {
    const text = ask("营商环境谁负责");
    expect(text).toContain("保障措施未写明牵头或协同部门");
    expect(text).toContain("> 原文:“优化营商环境。");
    expect(ask("优化营商环境的内容")).not.toContain("未写明");
  });
  it("asked for a figure a measure is about, says measures set none and quotes it", () => {
    const text = ask("营商环境排名目标");
    expect(text).toContain("计划未明确“营商环境排名”的量化目标:保障措施只有文字要求,没有数字。");
    expect(text).toContain("> 原文:“优化营商环境。");
    expect(ask("优化营商环境的内容")).not.toContain("量化目标");
    // Asked what a measure requires, the text is the answer; no "no figure" line.
    expect(ask("宣传工作有什么要求")).not.toContain("量化目标");
    expect(ask("宣传有没有量化目标")).toContain("计划未明确“宣传”的量化目标");
  });
  it("asked about a kind of safeguard the measures never name, says so, lists them, and points to the task", () => {
    const text = ask("资金保障有什么规定");
    expect(text).toContain("保障措施中未涉及“资金保障”");
    expect(text).toContain("(一)加强组织领导");
    expect(ask("用地方面有哪些保障")).toContain("另见:重点任务(六)");
    // A kind the measures do name is that measure.
    expect(ask("组织保障是什么")).toContain("(一)**加强组织领导**");
  });
  it("reads 保障 inside a task's subject as that subject, and alone as the measures", () => {
    expect(ask("外贸要素保障平台谁牵头")).toContain("(五)立足城市品质");
    expect(ask("有什么保障")).toContain("**保障措施(共5条)**");
  });
  it("asked who is in overall charge, quotes the measure that says so", () => {
    for (const q of ["谁是总负责", "总负责人是谁", "谁负责跟踪这个计划的落实", "这个计划的落实由谁负责"]) {
      expect(ask(q)).toContain("管委会主要领导负总责");
    }
  });
});

describe("whether a department has a role in a task", () => {
  it("answers yes or no first, with the department's actual role", () => {
    const first = (q: string) => ask(q).split("\n")[0];
    expect(first("经贸发展局负责集成电路吗")).toBe("是的,经贸发展局是本任务的牵头部门。");
    expect(first("科技局是第三项任务的牵头部门吗")).toBe("不是。科技局是本任务的协同部门,牵头部门是经贸发展局。");
    expect(first("税务局参与第三项任务吗")).toBe("是的,税务局是本任务的协同部门。");
    expect(first("税务局参与第一项任务吗")).toBe("不是。税务局不在本任务的牵头或协同部门之列。");
    expect(first("投资促进局在任务一中是牵头还是协同")).toBe("投资促进局是本任务的协同部门,牵头部门是经贸发展局。");
  });
  it("answers it of a goal from the one task that carries it", () => {
    expect(ask("千亿产业是经贸发展局牵头吗").split("\n")[0]).toBe("是的,经贸发展局是对应任务的牵头部门。");
  });
  it("answers it in English too", () => {
    const first = (q: string) => ask(q).split("\n")[0];
    expect(first("Does the finance bureau lead the listed companies task?")).toBe("是的,财政局是本任务的牵头部门。");
    expect(first("Is the science and technology bureau a partner on task 3?")).toBe("是的,科技局是本任务的协同部门。");
  });
  it("never says a plain no where a collective partner (各部门) may take the department in", () => {
    // 各社区管委会 takes in community committees only, so it is not named as taking in 科技局 (plan/collectives.ts)
    expect(ask("第八项任务科技局参与吗").split("\n")[0]).toBe(
      "计划未单独列出科技局;本任务的协同部门写作“各部门”这类集体表述。",
    );
  });
});

describe("departments compared and counted", () => {
  it("compares two departments named together by the tasks they lead and join", () => {
    const text = ask("经贸发展局和科技局谁牵头的任务多");
    expect(text).toBe(
      [
        "**经贸发展局与科技局**",
        "牵头任务更多:经贸发展局(6项)",
        "- 经贸发展局:牵头6项 (一)(三)(五)(六)(八)(十)、协同2项 (四)(七)",
        "- 科技局:牵头2项 (四)(九)、协同3项 (一)(三)(七)",
      ].join("\n"),
    );
    expect(ask("投资促进局和财政局比较一下")).toContain("牵头任务一样多(各1项)");
    expect(ask("鑫城公司和科创公司有什么区别")).toContain(
      "都不牵头任务\n- 鑫城公司:协同4项 (一)(三)(四)(七)\n- 科创公司:协同1项 (四)",
    );
  });
  it("says how many units lead and cooperate on a task when asked how many", () => {
    // The count first, then who.
    expect(ask("任务三的协同部门有几个")).toMatch(
      /^牵头1个、协同7个:牵头\*\*经贸发展局\*\*;协同建设发展局、财政局、科技局、综保办、税务局、市场监督管理局、鑫城公司/,
    );
    expect(ask("第八项任务协同单位有多少个")).toMatch(/^牵头1个、协同2个,“各部门”“各社区管委会”按1个计:/);
    expect(ask("第八项任务的协同单位")).not.toContain("协同2个");
  });
});

describe("tasks compared", () => {
  it("ranks the tasks by partners or targets, most first, ties named together", () => {
    const partners = ask("协同部门最多的是哪个任务");
    expect(partners).toContain("**协同部门最多的重点任务**:(三)聚焦优质企业,壮大企业主体规模(7个)");
    expect(partners).toContain("(“各部门”“各社区管委会”等集体表述各按1个计)");
    const targets = ask("哪个任务的目标最多");
    expect(targets).toContain(
      "**量化目标最多的重点任务**:(一)围绕集群建设,实现产业能级提升、(六)坚持绿色发展,增强发展内生动力(4项)",
    );
    expect(targets).toContain("- (十)锚定发展目标,构建产业生态新活力:0项");
    // A department ranking is still about departments.
    expect(ask("哪个部门牵头任务最多")).toContain("牵头任务最多:经贸发展局(6项)");
  });
  it("lists the tasks with (or without) targets however the question is turned", () => {
    expect(ask("帮我列一下所有有量化指标的任务及其牵头部门")).toContain("**设定了量化目标的重点任务(9项,共10项)**");
    expect(ask("没有量化目标的任务")).toContain("**未设定量化目标的重点任务(1项,共10项)**");
  });
  it("reads a request's wrapping as such", () => {
    expect(ask("领导想了解一下上市公司培育的目标和牵头单位")).toContain("上市公司数量:到2025年达到12家");
    expect(ask("经贸发展局今年的重点工作有哪些")).toContain("**经贸发展局** 牵头的任务(6项)");
  });
});

describe("parts of the plan asked together", () => {
  it("answers each: goals, tasks, measures", () => {
    const heads = (q: string) => seedAnswerer.answer(q, fixedContext).map((a) => a.text.split("\n")[0]);
    expect(heads("总体目标和重点任务分别有哪些")).toEqual(["**总体目标**", "**重点任务(共10项)**(— 后为牵头部门)"]);
    expect(heads("重点任务和保障措施有哪些")).toEqual(["**重点任务(共10项)**(— 后为牵头部门)", "**保障措施(共5条)**"]);
  });
});

describe("the plan's time", () => {
  it("says where today stands in the period: the year, the share of time passed and the days left", () => {
    // fixedContext: 2024-06-30, in the 2023—2025 period
    const text = ask("规划期还有多久");
    // The time left answers first; the plan's title after it.
    expect(text.split("\n")[0]).toBe("今天(2024-06-30)是规划期第2年,时间已过49%,还剩549天(到2025-12-31)");
    for (const q of [
      "还剩多少天",
      "这个计划到期了吗",
      "计划执行到第几年了",
      "时间过半了吗",
      "How many days are left?",
    ]) {
      expect(ask(q), q).toContain("是规划期第2年");
    }
  });
});

describe("the plan itself", () => {
  it("lists the source defects on request, marking the human-confirmed one", () => {
    const text = ask("计划里有错别字吗");
    expect(text).toContain("原文抓取缺陷(7处");
    expect(text).toContain("(已人工核对)");
    expect(text).not.toContain("k8凯发");
    expect(ask("这个计划有什么问题")).toContain("原文抓取缺陷(7处");
    expect(ask("上市公司有什么问题")).not.toContain("原文抓取缺陷");
  });
  it("asked what the plan says, gives it in brief: particulars, goals, tasks with leads, measures", () => {
    for (const q of ["这个计划讲了什么", "行动计划的主要内容", "介绍一下这个计划", "Give me an overview of the plan"]) {
      const text = ask(q);
      expect(text).toContain("发文单位:安徽合肥新站高新技术产业开发区管理委员会");
      expect(text).toContain("- gdp:到2025年实现800亿元");
      expect(text).toContain("(十)锚定发展目标,构建产业生态新活力 — 牵头:经贸发展局");
      expect(text).toContain("**保障措施(共5条)**");
    }
    // The same words asked of a subject the plan covers answer that subject.
    expect(ask("跨境电商讲了什么")).toContain("(五)立足城市品质");
    expect(ask("计划什么时候印发的")).not.toContain("**重点任务");
  });
  it("names issuer and date", () => {
    expect(ask("这份计划是谁发的")).toContain("安徽合肥新站高新技术产业开发区管理委员会");
  });
});

describe("a department's tasks", () => {
  it("lists led and cooperating tasks separately, by alias", () => {
    const text = ask("经贸局负责哪些任务");
    const [lead, partner] = text.split("作为协同部门的任务");
    expect(lead).toContain("(一)围绕集群建设");
    expect(lead).toContain("(十)锚定发展目标");
    expect(partner).toContain("(四)搭建平台载体");
    expect(partner).not.toContain("(一)围绕集群建设");
  });
  it("reads a department's name without its 局 (four characters or more) as the department", () => {
    expect(ask("经贸发展有哪些任务")).toContain("**经贸发展局** 牵头的任务(6项)");
    expect(ask("社会事业参与哪些任务")).toContain("**社会事业局** 作为协同部门的任务(2项)");
  });
  it("reads a department name one character off, and says how it read it", () => {
    const text = ask("经贸发屏局牵头哪些任务");
    expect(text).toContain("按“经贸发展局”理解“经贸发屏局”");
    expect(text).toContain("(一)围绕集群建设");
  });
  it("does not stretch a short name to another department", () => {
    expect(ask("科枝局牵头哪些任务")).toContain("未找到“科枝局”");
  });
  it("says when a department leads nothing", () => {
    expect(ask("建发局牵头哪些任务")).toContain("未牵头任何任务");
  });
  it("lists every unit with how many tasks it leads and cooperates on, busiest first, collectives apart", () => {
    for (const q of ["哪个部门牵头任务最多", "有哪些部门", "各部门分别牵头几项任务"]) {
      const text = ask(q);
      expect(text).toContain("**计划写明的部门和单位(共11个)**");
      expect(text).toContain("牵头任务最多:经贸发展局(6项)");
      expect(text).toContain("- 科技局:牵头2项、协同3项");
      expect(text).toContain("- 税务局:协同1项");
      expect(text).toContain("集体表述:各社区管委会(协同6项)、各部门(协同4项)");
      expect(text.indexOf("经贸发展局:")).toBeLessThan(text.indexOf("科技局:"));
    }
    // The collective itself is still a unit one can ask about.
    expect(ask("各部门参与哪些任务")).toContain("**各部门** 作为协同部门的任务(4项)");
  });
  it("asked for a subject's departments, answers about the subject, not with every department", () => {
    const [a] = seedAnswerer.answer("跨境电商的协同部门有哪些", fixedContext);
    expect(a?.intent).toBe("partners");
    expect(a?.tasks.map((t) => t.no)).toEqual([5]);
    // Right after a task, the same words continue it; asked for all, they list all.
    const conversation = { last: null };
    seedAnswerer.answer("任务三谁牵头", fixedContext, conversation);
    const [next] = seedAnswerer.answer("协同部门有哪些", fixedContext, conversation);
    expect(next?.tasks.map((t) => t.no)).toEqual([3]);
    const [all] = seedAnswerer.answer("所有部门有哪些", fixedContext, conversation);
    expect(all?.text).toContain("**计划写明的部门和单位(共11个)**");
  });
  it("does not take the plan's own words that end like a department (格局, 布局, 中心) for an unknown one", () => {
    expect(seedAnswerer.answer("新发展格局有哪些单位配合", fixedContext)[0]?.tasks.map((t) => t.no)).toEqual([5]);
    expect(seedAnswerer.answer("产业创新中心有哪些单位配合", fixedContext)[0]?.tasks.map((t) => t.no)).toEqual([4]);
    expect(ask("卫健委负责什么")).toContain("计划中未找到“卫健委”");
  });
  it("asked for the targets, lists each led task's targets with their sentences and defects", () => {
    const text = ask("财政局牵头的任务有哪些目标");
    const [lead, partner] = text.split("作为协同部门的任务");
    expect(lead).toContain("**财政局** 牵头的任务(1项,共3项量化目标):");
    expect(lead).toContain("(七)集聚要素资源,助推企业蓬勃发展\n- 规上企业利润率水平");
    expect(lead).toContain("- 上市公司数量:到2025年达到12家");
    expect(lead).toContain("缺少数字");
    // Several tasks' targets are listed, not quoted: each is one question away ("任务七的目标").
    expect(lead).not.toContain("> 原文");
    expect(partner).not.toContain("500亿元"); // cooperating tasks stay titles
    // Counting the tasks is not asking for targets.
    expect(ask("经贸局一共牵头几项")).not.toContain("> 原文");
  });
  it("asked how its tasks are going, shows the status of the targets of the tasks it leads", () => {
    const text = ask("财政局负责的任务进展如何");
    expect(text).toContain("财政局牵头的任务的目标完成情况");
    expect(text).toContain("(七)上市公司数量");
    expect(text).not.toContain("(一)");
  });
});

describe("messages", () => {
  it("answers two questions in one message, merging follow-ups on the same task", () => {
    expect(seedAnswerer.answer("上市公司目标是多少？谁牵头？", fixedContext)).toHaveLength(1);
    const two = seedAnswerer.answer("新型显示谁牵头？保障措施有哪些？", fixedContext);
    expect(two.map((a) => a.intent)).toEqual(["lead", "measures"]);
  });
  it("splits and strips", () => {
    expect(stripMention("@政策助手 @张三 你好")).toBe("你好");
    expect(splitQuestions("A？B;C")).toEqual(["A", "B", "C"]);
  });
  it("shows that no progress is recorded yet", () => {
    // 2024-06-30 is well into the period: never reported is said to be overdue, counted from the period's start.
    expect(ask("上市公司最新进展")).toContain("进展:暂无进展记录(规划期开始已超过 30 天)");
  });
  it("answers help", () => {
    expect(ask("帮助")).toContain("我可以回答");
  });
});

describe("a plan whose measures name no one in overall charge", () => {
  const dir = mkdtempSync(join(tmpdir(), "planbot-plan-"));
  const source = join(dir, "plan.txt");
  writeFileSync(
    source,
    [
      "东湖区优化营商环境行动方案（2025—2027年）",
      "一、工作目标",
      "到2027年，市场主体总量突破20万户。",
      "二、重点任务",
      "（一）提升政务服务效能",
      "1.推进“一网通办”。到2025年底，政务服务事项网上可办率达到98%。（责任单位：区数据局，配合单位：各街道）",
      "2.压缩企业开办时间。到2026年，企业开办时间压缩至1个工作日以内。（责任单位：区市场监管局）",
      "三、保障措施",
      "（一）加强宣传引导。做好政策解读。",
      "（二）强化督查考核。纳入年度考核。",
    ].join("\n"),
  );
  writePlan(source, join(dir, "donghu"));
  writeFileSync(join(dir, "glossary.yaml"), "terms: []\n");
  const answerer = createAnswerer(loadPlans(dir));
  it("lists the tasks under a heading the question names, with their leads", () => {
    const [a] = answerer.answer("提升政务服务效能有哪些任务", fixedContext);
    expect(a?.text).toBe(
      [
        "**提升政务服务效能(2项任务)**",
        "(一)1.推进“一网通办” — 牵头:区数据局;协同:各街道",
        "(一)2.压缩企业开办时间 — 牵头:区市场监管局",
      ].join("\n"),
    );
  });
  it("answers a subject the task's title names with the task's own targets", () => {
    const [a] = answerer.answer("一网通办的目标", fixedContext);
    expect(a?.text).toContain("政务服务事项网上可办率:到2025年达到98%");
    expect(a?.text).not.toContain("计划未明确");
  });
  it("gives help and not-found examples in this plan's words, none of the seed plan's", () => {
    const [help] = answerer.answer("帮助", fixedContext);
    expect(help?.text).toContain("“区数据局牵头哪些任务?”");
    expect(help?.text).toContain("“企业开办时间目标是多少?”");
    expect(help?.text).not.toMatch(/经贸发展局|上市公司|新型显示/);
    const [unknown] = answerer.answer("卫健委牵头哪些任务", fixedContext);
    expect(unknown?.text).toContain("例如“区数据局牵头哪些任务”");
  });
  it("says the plan does not state it and lists the measures", () => {
    const [a] = answerer.answer("谁负责这个方案的落实", fixedContext);
    expect(a?.text).toContain("计划未写明由谁负责整个计划的落实;保障措施如下:");
    expect(a?.text).toContain("(二)强化督查考核");
  });
});

describe("several plans", () => {
  const dir = mkdtempSync(join(tmpdir(), "planbot-plans-"));
  writePlan("knowledge/xinzhan-2023-2025/source.txt", join(dir, "xinzhan-2023-2025"));
  writePlan("tests/fixtures/plans/second-plan.txt", join(dir, "linhu-digital"));
  writeFileSync(join(dir, "glossary.yaml"), "terms: []\n");
  const answerer = createAnswerer(loadPlans(dir));
  const text = (q: string) =>
    answerer
      .answer(q, fixedContext)
      .map((a) => a.text)
      .join("\n");

  it("asks which plan a task number means when the question names none, and keeps the plan of a follow-up", () => {
    for (const q of ["第二项任务的牵头单位", "任务五的指标"]) {
      expect(text(q), q).toContain("请在问题里写明是哪一个");
    }
    expect(text("临湖区任务二谁牵头")).not.toContain("请在问题里写明是哪一个");
    const conversation = { last: null };
    answerer.answer("临湖区任务二谁牵头", fixedContext, conversation);
    const next = answerer.answer("任务三呢", fixedContext, conversation)[0]?.text ?? "";
    expect(next).toContain("《临湖区数字经济发展三年行动方案(2024—2026年)》");
  });
  it("answers from the plan that covers the question and names it", () => {
    const t = text("5G基站要建多少个");
    expect(t).toContain("《临湖区数字经济发展三年行动方案(2024—2026年)》");
    expect(t).toContain("2500个");
    expect(text("上市公司目标")).toContain("《新站高新区推动经济高质量发展三年行动计划(2023—2025年)》");
  });
  it("answers a question that names no plan from the plan of the group it was asked in", () => {
    const home = { ...fixedContext, homePlan: "linhu-digital" };
    expect(answerer.answer("总体目标", home)[0]?.text).toContain("数字经济核心产业增加值");
    expect(answerer.answer("新站区总体目标", home)[0]?.text).toContain("gdp:到2025年实现800亿元");
    // Without a group plan the question asks which plan.
    expect(answerer.answer("总体目标", fixedContext)[0]?.text).toContain("请在问题里写明是哪一个");
  });
  it("narrows a subject's targets in several years to the year asked", () => {
    const t = text("临湖区2024年5G基站要建多少个");
    expect(t).toContain("5G基站:到2024年累计1500个");
    expect(t).not.toContain("5G基站:到2026年累计2500个");
    expect(text("临湖区5G基站要建多少个")).toContain("5G基站:到2026年累计2500个");
  });
  it("reads 数字 of 数字孪生 as a word, not as asking for a figure", () => {
    expect(text("数字孪生车间谁负责")).not.toContain("计划未明确");
    expect(text("数字孪生车间谁负责")).toContain("**区工信局**牵头");
  });
  it("finds departments by their short local name", () => {
    expect(text("数据资源局牵头哪些任务")).toContain("夯实数字基础设施");
  });
  it("asks which of the departments both plans name alike is meant, or answers for the one of the place named", () => {
    const [which, ...more] = answerer.answer("税务局配合哪些任务", fixedContext);
    expect(more).toEqual([]);
    expect(which?.text.split("\n").sort()).toEqual([
      "- **区税务局**(《临湖区数字经济发展三年行动方案(2024—2026年)》):协同1项(问“区税务局负责哪些任务”)",
      "- **税务局**(《新站高新区推动经济高质量发展三年行动计划(2023—2025年)》):协同1项(问“新站高新区税务局负责哪些任务”)",
      "“税务局”可能指2个部门,请写明是哪一个:",
    ]);
    // What the reply offers to ask names one department.
    expect(text("区税务局负责哪些任务")).toContain("**区税务局** 作为协同部门的任务(1项)");
    expect(text("新站高新区税务局负责哪些任务")).toContain("**税务局** 作为协同部门的任务(1项)");
    const xinzhan = answerer.answer("新站区税务局配合哪些任务", fixedContext);
    expect(xinzhan.map((a) => a.text.split("\n")[1])).toEqual(["**税务局** 未牵头任何任务。"]);
    const linhu = answerer.answer("临湖区税务局配合哪些任务", fixedContext);
    expect(linhu.map((a) => a.text.split("\n")[1])).toEqual(["**区税务局** 未牵头任何任务。"]);
  });
  it("asked who is in overall charge, quotes the measure that sets up a leading group", () => {
    const t = text("临湖区这个方案的落实由谁负责");
    expect(t).toContain("成立区数字经济发展工作领导小组，由区政府主要负责同志任组长");
  });
  it("lists a year's targets from the plan named, with the years it does set when it sets none", () => {
    const t = text("临湖区2024年的目标");
    expect(t).toContain("**2024年的目标");
    expect(t).toContain("- 5G基站:到2024年累计1500个");
    expect(t).not.toContain("2500个");
    expect(text("临湖区2030年的目标")).toContain("计划中的目标年份为2024、2025、2026年");
  });
  it("asked about a whole plan without naming one, asks which, naming each and how to say it", () => {
    for (const q of ["总体目标有哪些", "保障措施有哪些", "这个计划讲了什么", "进展如何"]) {
      const t = text(q);
      expect(t).toContain("已载入2个计划,请在问题里写明是哪一个");
      expect(t).toContain("- 《临湖区数字经济发展三年行动方案(2024—2026年)》(问“临湖区…”)");
    }
    // Named, the plan answers; the plan's name is not a kind of safeguard.
    expect(text("临湖区保障措施有哪些")).toContain("**保障措施(共5条)**");
    expect(text("临湖区保障措施有哪些")).not.toContain("未涉及");
  });
});

describe("scraping notes", () => {
  const spam =
    seedPlans.plans[0]?.warnings.filter((w) => w.code === "title_spam" || w.code === "date_lost_chars") ?? [];
  it("reach an answer only when the source's defects are asked about", () => {
    expect(spam.length).toBeGreaterThan(0);
    for (const q of ["规划期还剩几天", "这份方案主要讲什么", "印发时间是哪天", "计划的全称"]) {
      const text = ask(q);
      for (const w of spam) {
        expect(text, q).not.toContain(w.message);
        expect(text, q).not.toContain(w.excerpt);
      }
    }
    for (const q of ["方案里有没有错字", "原文存在哪些问题"]) {
      expect(ask(q), q).toContain("原文抓取缺陷");
    }
  });
});

describe("phrasings read by mechanism (issue 15): none of these strings is listed anywhere", () => {
  const first = (q: string) => ask(q).split("\n")[0] ?? "";
  it("a task named by a verb and a noun of its title", () => {
    expect(ask("调结构谁来抓")).toContain("(八)优化经济结构");
    expect(ask("育主体有哪些指标")).toContain("(三)聚焦优质企业,壮大企业主体规模");
    // Only a word of exactly one title, and only when nothing in the plan holds the words.
    expect(ask("强产业谁牵头")).not.toContain("(一)围绕集群建设,实现产业能级提升\n");
  });
  it("ordinal words for tasks: 第N条, 第N点, 第N个", () => {
    expect(first("第九条由谁负责")).toContain("(九)精准高效服务");
    expect(ask("第4点的目标")).toContain("高水平创新平台:到2025年拥有10家");
    expect(first("第三个谁牵头")).toContain("(三)聚焦优质企业");
  });
  it("a pointer to a subject followed by 指标 or 目标 means that subject's targets", () => {
    const text = ask("城市品质那部分的指标");
    expect(text).toContain("商贸业总量:到2025年突破400亿元");
    expect(text).not.toContain("计划未明确");
    expect(ask("要素资源这一方面有什么目标")).toContain("上市公司数量:到2025年达到12家");
  });
  it("an order to list", () => {
    for (const q of ["帮我把重点工作列一下", "列张表", "给我列出来"])
      expect(ask(q), q).toContain("**重点任务(共10项)**");
  });
  it("a department followed by a generic noun for work", () => {
    expect(ask("投资促进局涉及哪些事情")).toContain("**投资促进局** 牵头的任务(1项)");
    expect(ask("科技局管的事有哪些")).toContain("**科技局** 牵头的任务(2项)");
    expect(ask("财政局的工作内容")).not.toContain("建立工作机制");
  });
  it("filler around the subject", () => {
    expect(ask("想问下在这个方案里专精特新这块的目标")).toMatch(/专精特新及高新技术企业:到2025年(不少于|培育)600家/);
    expect(first("咨询一下在计划中招大引强那部分由谁牵头")).toContain("**投资促进局**牵头");
  });
  it("the year's targets offer no unrelated task", () => {
    for (const today of ["2023-05-04", "2024-06-30", "2026-02-01"]) {
      const text = seedAnswerer
        .answer("今年要完成的目标有哪些", { ...fixedContext, today })
        .map((a) => a.text)
        .join("\n");
      expect(text, today).not.toContain("相近的任务");
      expect(text, today).not.toContain("另见");
    }
  });
});

describe("a reply to several questions", () => {
  const reply = (q: string) => composeReply(seedAnswerer.answer(q, fixedContext));
  it("opens with one short line each, then the details", () => {
    const text = reply("任务九和任务四分别由谁牵头");
    expect(text.split("\n").slice(0, 2)).toEqual([
      "- **科技局**牵头:(九)精准高效服务,助力企业培优育强",
      "- **科技局**牵头:(四)搭建平台载体,构筑创新资源集聚地",
    ]);
    expect(text).toContain("> 原文:(牵头部门:科技局");
  });
  it("gives answers that open with a heading or a list one after another", () => {
    expect(reply("科技局和财政局分别牵头什么")).toContain("\n\n---\n\n");
    expect(reply("上市公司目标是多少")).toBe(ask("上市公司目标是多少"));
  });
});

describe("how long the plan has left, asked with 还有几天", () => {
  it("answers with the days left, as 还剩几天 does", () => {
    for (const q of ["规划期还有几天", "这个计划还有几个月"]) {
      expect(ask(q), q).toMatch(/^今天\(2024-06-30\)是规划期第2年,时间已过\d+%,还剩\d+天/);
    }
  });
});
