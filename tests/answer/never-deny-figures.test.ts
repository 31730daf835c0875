// Issue 21 point 2: no answer says a target is not set while the sentence it quotes states a figure no target holds.
// Checked over every task of every plan found at test time: knowledge/*/ and tests/fixtures/plans/** (plain-text
// plans are imported, matrices read), so plans added later are covered without touching this file.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnswerer } from "../../src/answer/answerer.js";
import { taskHref } from "../../src/dashboard/matrix-page.js";
import { buildDigest } from "../../src/digest/build.js";
import { importPlan } from "../../src/plan/import/import-plan.js";
import { loadPlans } from "../../src/plan/knowledge.js";
import { ResponsibilityMatrix } from "../../src/plan/schema.js";
import { statedFigures, unheldIn } from "../../src/plan/stated-figures.js";
import { memoryProgressReader } from "../../src/progress/memory-reader.js";
import { startHarness } from "../dashboard/harness.js";
import { fixedContext } from "./seed-knowledge.js";

const seed = loadPlans("knowledge");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every plan a test can find: the knowledge folder's matrices, and the fixtures' plan texts and matrices. */
function everyPlan(): { source: string; plan: ResponsibilityMatrix }[] {
  const out = seed.plans.map((plan) => ({ source: `knowledge/${plan.slug}`, plan }));
  filesUnder("tests/fixtures/plans").forEach((file, i) => {
    if (file.endsWith(".txt")) {
      // A fixture the importer cannot read is the importer's tests' business, not this one's.
      try {
        out.push({
          source: file,
          plan: importPlan(readFileSync(file, "utf8"), { slug: `f${i}`, sourceFile: file }).matrix,
        });
      } catch {}
    } else if (file.endsWith(".json")) {
      const parsed = ResponsibilityMatrix.safeParse(JSON.parse(readFileSync(file, "utf8")));
      if (parsed.success) out.push({ source: file, plan: parsed.data });
    }
  });
  return out;
}

/** Questions a reader would ask of one task: by number, by title, and by what each of its figures counts. */
function questionsAbout(plan: ResponsibilityMatrix): string[] {
  const qs = ["哪些任务没有量化目标", "总体目标有哪些", "保障措施的目标是多少"];
  for (const task of plan.tasks) {
    qs.push(`任务${task.no}的目标是多少`, `${task.title}的目标`);
    for (const lead of task.lead) qs.push(`${lead}牵头的任务有哪些目标`);
    for (const sentence of task.sentences) {
      for (const f of statedFigures(sentence)) {
        const counted = f.phrase.slice(f.text.length);
        if (counted.length >= 2) qs.push(`${counted}的目标是多少`);
        const before = /([\p{Script=Han}]{2,6})(?:达到|不少于|突破|超过|约)?$/u.exec(
          sentence.slice(0, sentence.indexOf(f.text)),
        )?.[1];
        if (before) qs.push(`${before}目标是多少`);
      }
    }
  }
  return [...new Set(qs)];
}

const DENIAL = /计划未明确|原文未设定|未设定量化|没有量化|无量化|没有数字|不是针对它/;
const QUOTE = /> 原文:“([^”]*)”/g;

/**
 * A reply in the parts about one task each (a department's tasks list several): a part starts at a line naming a
 * task by its label and title.
 */
function partsByTask(text: string, plan: ResponsibilityMatrix) {
  const parts: { task: ResponsibilityMatrix["tasks"][number] | undefined; lines: string[] }[] = [
    { task: undefined, lines: [] },
  ];
  for (const line of text.split("\n")) {
    const task = plan.tasks.find((t) => line.replace(/\*/g, "").startsWith(`${t.label}${t.title}`));
    if (task) parts.push({ task, lines: [] });
    parts.at(-1)?.lines.push(line);
  }
  return parts;
}

/** The denials in a reply that stand beside a figure no target holds: in a sentence quoted, or in the task's text. */
function denials(text: string, plan: ResponsibilityMatrix): string[] {
  return partsByTask(text, plan).flatMap(({ task, lines }) => {
    const part = lines.join("\n");
    if (!DENIAL.test(part)) return [];
    const quoted = [...part.matchAll(QUOTE)].map((m) => m[1] ?? "");
    // "原文未设定量化目标" speaks of the whole task: none of its sentences may state a figure no target holds.
    const whole = /原文未设定/.test(part) && task ? task.sentences : [];
    return unheldIn(plan, [...quoted, ...whole]).map((u) => u.sentence);
  });
}

const plans = everyPlan();

describe("never deny a figure the text holds", () => {
  it("finds the bundled plan and the fixtures' plans", () => {
    expect(plans.length).toBeGreaterThanOrEqual(3);
  });

  it.each(plans.map((p) => [p.source, p.plan] as const))("%s: no denial quotes a figure no target holds", (_, plan) => {
    const answerer = createAnswerer({ ...seed, plans: [plan] });
    const wrong: string[] = [];
    for (const q of questionsAbout(plan)) {
      for (const { text } of answerer.answer(q, fixedContext)) {
        if (denials(text, plan).length > 0) wrong.push(`${q}\n${text}`);
      }
    }
    expect(wrong, wrong.join("\n\n")).toEqual([]);
  });

  it("says the figures of a task the matrix has no target for, and how to add one", () => {
    // Built here rather than read from the importer, so that a better importer does not make this test vacuous.
    const answerer = createAnswerer({ ...seed, plans: [withoutTargets(3)] });
    const reply = answerer.answer("人才公寓要建多少套", fixedContext)[0]?.text ?? "";
    expect(reply).toContain("10000套人才公寓");
    expect(reply).toContain("planbot matrix export");
    expect(reply).not.toMatch(DENIAL);
  });

  it("the digest and the dashboard say so too", async () => {
    const plan = withoutTargets();
    const digest = buildDigest({
      date: "2027-03-01",
      plans: [plan],
      progress: memoryProgressReader([]),
      newRecords: [],
      sinceDay: "2027-02-28",
      staleDays: 30,
      contactsOf: () => [],
    }).join("\n");
    expect(digest).toContain("原文写有1万名左右");
    expect(digest).not.toMatch(DENIAL);
    const h = await startHarness([plan], [], "2024-06-30");
    try {
      const matrix = await (await fetch(`${h.url}/`)).text();
      expect(matrix).toContain("120场次");
      expect(matrix).not.toMatch(DENIAL);
      const task = await (await fetch(h.url + taskHref(plan.slug, 3))).text();
      expect(task).toContain("筹集1000套专家公寓和10000套人才公寓");
      expect(task).not.toMatch(DENIAL);
    } finally {
      await h.close();
    }
  });
});

/** The talent fixture with the targets of one task (or all) taken out of the matrix: the text still states them. */
function withoutTargets(taskNo?: number): ResponsibilityMatrix {
  const talent = plans.find((p) => p.source.endsWith("talent-figures-plan.txt"))?.plan as ResponsibilityMatrix;
  const bare = (t: { no: number }) => taskNo === undefined || t.no === taskNo;
  return {
    ...talent,
    slug: "talent",
    goals: taskNo === undefined ? { ...talent.goals, targets: [] } : talent.goals,
    tasks: talent.tasks.map((t) => (bare(t) ? { ...t, targets: [] } : t)),
  };
}
