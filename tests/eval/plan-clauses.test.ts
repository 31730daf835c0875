// Every phrase of the seed plan's tasks, asked about in the ways staff ask, reaches a task with the same lead and
// cooperating units. A guard against a question form that stops reaching tasks altogether (as "X的协同部门有哪些"
// once did, answered with every department). Five may miss: phrases several tasks share (集成电路, 技术创新, 产业布局)
// and fragments that name nothing (产业发展目标, 企业发展由).

import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPlans } from "../../src/plan/knowledge.js";
import { fixedContext, seedAnswerer } from "../answer/seed-knowledge.js";

const [plan] = loadPlans(resolve(import.meta.dirname, "../../knowledge")).plans;
const LEADING_VERBS =
  /^(积极|加快|加大|大力|持续|推动|支持|鼓励|强化|深化|围绕|聚焦|着力|坚持|全力|进一步|重点|充分|不断|引导|促进|实施|打造|构建|培育|建设|发展|提升|完善|优化)+/;

/** Short phrases of each task's text (4–10 characters, no figures), up to 12 a task. */
function phrases(): { taskNo: number; phrase: string }[] {
  return (plan?.tasks ?? []).flatMap((t) => {
    const all = t.sentences
      .flatMap((s) => s.split(/[,，。;；、“”:]/))
      .map((c) => c.replace(LEADING_VERBS, ""))
      .filter((c) => c.length >= 4 && c.length <= 10 && !/\d|牵头|协同/.test(c));
    return [...new Set(all)].slice(0, 12).map((phrase) => ({ taskNo: t.no, phrase }));
  });
}

const units = (no: number) => {
  const t = plan?.tasks.find((x) => x.no === no);
  return `${t?.lead.join("、")}|${t?.partners.join("、")}`;
};

describe("the seed plan's own phrases", () => {
  it.each(["谁牵头", "的协同部门有哪些", "有哪些单位配合", "的目标是多少", "进展如何"])("asked with “%s”", (form) => {
    const list = phrases();
    const missed = list.filter(({ taskNo, phrase }) => {
      const got = seedAnswerer.answer(`${phrase}${form}`, fixedContext)[0]?.tasks[0];
      return !got || units(got.no) !== units(taskNo);
    });
    expect(list.length).toBeGreaterThan(100);
    expect(missed.length, missed.map((m) => `(${m.taskNo}) ${m.phrase}`).join("; ")).toBeLessThanOrEqual(5);
  });
});
