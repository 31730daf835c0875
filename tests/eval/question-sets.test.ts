// The bot's accuracy on the shared dev set and on our own larger set: the suite fails below 95%, and on any question
// that passed before (a change that broke five questions of 414 once stayed above 95% unnoticed).
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnswerer } from "../../src/answer/answerer.js";
import { composeReply } from "../../src/answer/compose-reply.js";
import { judge, readQuestionSet } from "../../src/eval/question-set.js";
import { importPlanFile } from "../../src/plan/import/import-file.js";
import { loadPlans } from "../../src/plan/knowledge.js";
import { answererOfPlans } from "../answer/imported-plan.js";
import { ask, fixedContext } from "../answer/seed-knowledge.js";

// xinzhan-fresh: 60 questions on the bundled plan, written from its text alone, without reading the code or the other
// sets (54/60 on the first run).
const sets = [
  "tests/eval/questions.jsonl",
  "tests/fixtures/plans/xinzhan-fresh/questions.jsonl",
  // 40 traps: subjects, years and departments the plan lacks, wrong figures and leads put as claims (39/40 first run)
  "tests/fixtures/plans/xinzhan-fresh/traps.jsonl",
  "../shared/eval/dev.jsonl",
].filter((f) => existsSync(f));

/** Questions each set is known to fail, by id: a fix removes its id here; a new failure must be fixed or listed. */
const KNOWN_FAILING: Record<string, readonly string[]> = {
  "tests/eval/questions.jsonl": [],
  "../shared/eval/dev.jsonl": [],
  "tests/fixtures/plans/qa-urban-renewal/questions.jsonl": [],
  "tests/fixtures/plans/qa-rural-water/questions.jsonl": [],
  "tests/fixtures/plans/qa-digital-economy/questions.jsonl": [],
  "tests/fixtures/plans/qa-elderly-care/questions.jsonl": [],
  "tests/fixtures/plans/qa-business-env-2025/questions.jsonl": [],
  "tests/fixtures/plans/qa-green-transport/questions.jsonl": [],
  "tests/fixtures/plans/xinzhan-fresh/questions.jsonl": [],
  "tests/fixtures/plans/qa-dept-names/questions.jsonl": [],
  "tests/fixtures/plans/qa-web-tourism/questions.jsonl": [],
  "tests/fixtures/plans/two-plans/questions.jsonl": ["TP19", "TP20", "TP24"],
  // forbids 30家 for 3010亿元以上企业; the bundled plan's review file records that reading as confirmed by a person,
  // and the reply says so beside it
  "tests/fixtures/plans/xinzhan-fresh/traps.jsonl": ["XT36"],
  // QP19 says 保租房 for 保障性租赁住房, which only a glossary entry gives
  "tests/fixtures/plans/qa-pdf-housing/questions.jsonl": ["QP19"],
  // 农产品在网上卖 for 农产品网络零售额: a paraphrase only a glossary entry gives
  "tests/fixtures/plans/qa-digital-economy/questions-2.jsonl": ["QD2-14"],
  // its words are from the task bodies (公交车辆); a department's task list gives titles (公共交通车辆新能源化)
  "tests/fixtures/plans/qa-green-transport/questions-2.jsonl": ["QG2-15"],
};
const unexpected = (file: string, failures: string[]) =>
  failures.filter((f) => !(KNOWN_FAILING[file] ?? []).includes(f.split(" ")[0] ?? ""));

describe.each(sets)("question set %s", (file) => {
  it("scores at least 95%", () => {
    const questions = readQuestionSet(file);
    const failures = questions.filter((q) => !judge(q, ask(q.q)).pass).map((q) => `${q.id} ${q.q}`);
    const score = (questions.length - failures.length) / questions.length;
    expect(score, `failing:\n${failures.join("\n")}`).toBeGreaterThanOrEqual(0.95);
    expect(unexpected(file, failures)).toEqual([]);
  });
});

// Plans written by someone else, with questions nobody tuned the answerer to: each imported fresh from its text,
// alone. The four qa-* plans after qa-urban-renewal were written without reading the code or our questions (their
// READMEs); the first rounds on them scored 8/25, 22/25, 19/25, 21/25 and (qa-green-transport, with its indicator
// table) 22/25, qa-dept-names (departments said by their short forms) 26/30, qa-web-tourism (a saved web page) 22/25,
// qa-word-health (Word's own numbering) 25/25, qa-pdf-housing (a printed PDF) 12/25.
// Each is asked on a day its plan is in force: "今年" in a plan for 2025 is asked in 2025.
const HELD_OUT: [string, string][] = [
  ["qa-urban-renewal", fixedContext.today],
  ["qa-rural-water", fixedContext.today],
  ["qa-digital-economy", fixedContext.today],
  ["qa-elderly-care", fixedContext.today],
  ["qa-business-env-2025", "2025-06-30"],
  ["qa-green-transport", fixedContext.today],
  ["qa-dept-names", fixedContext.today],
  // a saved web page: site furniture around it, its responsibilities only in an HTML table
  ["qa-web-tourism", fixedContext.today],
  // a Word document whose task labels are Word's automatic numbering, with a page header and page numbers
  ["qa-word-health", fixedContext.today],
  // a PDF printed by Chromium: wrapped cells centred in their rows, the table across a page break
  ["qa-pdf-housing", fixedContext.today],
];

describe.each(HELD_OUT)("question set of the held-out plan %s", (slug, today) => {
  it("scores at least 95%", async () => {
    const dir = mkdtempSync(join(tmpdir(), "planbot-qa-eval-"));
    writeFileSync(join(dir, "glossary.yaml"), "terms: []\n");
    const folder = `tests/fixtures/plans/${slug}`;
    const source = [
      `${folder}/${slug}.txt`,
      `${folder}/${slug}.html`,
      `${folder}/${slug}.docx`,
      `${folder}/${slug}.pdf`,
    ].find((f) => existsSync(f)) as string;
    await importPlanFile(source, join(dir, slug));
    const answerer = createAnswerer(loadPlans(dir));
    // questions.jsonl, and questions-2.jsonl where a second writer asked the same plan in other words
    for (const file of [`${folder}/questions.jsonl`, `${folder}/questions-2.jsonl`].filter((f) => existsSync(f))) {
      const questions = readQuestionSet(file);
      const failures = questions
        .filter((q) => !judge(q, composeReply(answerer.answer(q.q, { ...fixedContext, today }))).pass)
        .map((q) => `${q.id} ${q.q}`);
      const score = (questions.length - failures.length) / questions.length;
      expect(score, `${file} failing:\n${failures.join("\n")}`).toBeGreaterThanOrEqual(0.95);
      expect(unexpected(file, failures)).toEqual([]);
    }
  });
});

// Two plans loaded and no group bound to either: a subject both hold is answered from each, under its title
// (25/30 before that). The three still failing ask about a subject one plan words differently (专精特新企业 beside
// 专精特新及高新技术企业, 上市企业 beside 上市公司 without a glossary, 新型显示产业 beside 新型显示).
describe("question set asked with two plans loaded", () => {
  it("scores at least 90%, failing none but the known", () => {
    const answerer = answererOfPlans({
      "xinzhan-2023-2025": "knowledge/xinzhan-2023-2025/source.txt",
      "qa-digital-economy": "tests/fixtures/plans/qa-digital-economy/qa-digital-economy.txt",
    });
    const file = "tests/fixtures/plans/two-plans/questions.jsonl";
    const questions = readQuestionSet(file);
    const failures = questions
      .filter((q) => !judge(q, composeReply(answerer.answer(q.q, fixedContext))).pass)
      .map((q) => `${q.id} ${q.q}`);
    expect((questions.length - failures.length) / questions.length).toBeGreaterThanOrEqual(0.9);
    expect(unexpected(file, failures)).toEqual([]);
  });
});

describe("judge", () => {
  const q = { id: "x", q: "?", must: ["a"], any: [["b", "c"]], forbid: ["d"] };
  it("needs every must, one of each any group and no forbid", () => {
    expect(judge(q, "a c").pass).toBe(true);
    expect(judge(q, "a").pass).toBe(false);
    expect(judge(q, "c").pass).toBe(false);
    expect(judge(q, "a b d").forbidden).toEqual(["d"]);
  });
});
