// Whether a department leads or joins a subject, asked of every target's subject and every department the seed plan
// names: the yes or no must be the responsibility matrix's, in both forms of the question.
import { describe, expect, it } from "vitest";
import { fixedContext, seedAnswerer, seedPlans } from "../answer/seed-knowledge.js";

const plan = seedPlans.plans[0];

describe("role questions over the whole seed plan", () => {
  if (!plan) throw new Error("seed plan");
  const subjects = plan.tasks.flatMap((task) =>
    task.targets.map((t) => ({ subject: t.metric.replace(/\(.*\)/, ""), task })),
  );
  const departments = [...new Set(plan.tasks.flatMap((t) => [...t.lead, ...t.partners]))].filter(
    (d) => !d.startsWith("各"),
  );
  const first = (q: string) => seedAnswerer.answer(q, fixedContext)[0]?.text.split("\n")[0] ?? "";

  it("says yes to '<subject>是<department>牵头吗' exactly when the department leads the subject's task", () => {
    const wrong: string[] = [];
    for (const { subject, task } of subjects) {
      for (const d of departments) {
        const q = `${subject}是${d}牵头吗`;
        if (first(q).startsWith("是的") !== task.lead.includes(d)) wrong.push(q);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("says the department takes part in '<department>参与<subject>吗' exactly when it leads or joins the task", () => {
    const wrong: string[] = [];
    for (const { subject, task } of subjects) {
      for (const d of departments) {
        const q = `${d}参与${subject}吗`;
        const a = first(q);
        const saidYes = a.startsWith("是的") || a.includes("的牵头部门。");
        if (saidYes !== (task.lead.includes(d) || task.partners.includes(d))) wrong.push(q);
      }
    }
    expect(wrong).toEqual([]);
  });
});
