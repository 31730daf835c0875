// The bot's accuracy on the shared dev set and on our own larger set: the suite fails below 95%, and on any question
// that passed before (a change that broke five questions of 414 once stayed above 95% unnoticed).
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnswerer } from "../../src/answer/answerer.js";
import { composeReply } from "../../src/answer/compose-reply.js";
import { judge, readQuestionSet } from "../../src/eval/question-set.js";
import { writePlan } from "../../src/plan/import/write-plan.js";
import { loadPlans } from "../../src/plan/knowledge.js";
import { ask, fixedContext } from "../answer/seed-knowledge.js";

// xinzhan-fresh: 60 questions on the bundled plan, written from its text alone, without reading the code or the other
// sets (54/60 on the first run).
const sets = [
  "tests/eval/questions.jsonl",
  "tests/fixtures/plans/xinzhan-fresh/questions.jsonl",
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
// table) 22/25.
// Each is asked on a day its plan is in force: "今年" in a plan for 2025 is asked in 2025.
const HELD_OUT: [string, string][] = [
  ["qa-urban-renewal", fixedContext.today],
  ["qa-rural-water", fixedContext.today],
  ["qa-digital-economy", fixedContext.today],
  ["qa-elderly-care", fixedContext.today],
  ["qa-business-env-2025", "2025-06-30"],
  ["qa-green-transport", fixedContext.today],
];

describe.each(HELD_OUT)("question set of the held-out plan %s", (slug, today) => {
  it("scores at least 95%", () => {
    const dir = mkdtempSync(join(tmpdir(), "planbot-qa-eval-"));
    writeFileSync(join(dir, "glossary.yaml"), "terms: []\n");
    writePlan(`tests/fixtures/plans/${slug}/${slug}.txt`, join(dir, slug));
    const answerer = createAnswerer(loadPlans(dir));
    const file = `tests/fixtures/plans/${slug}/questions.jsonl`;
    const questions = readQuestionSet(file);
    const failures = questions
      .filter((q) => !judge(q, composeReply(answerer.answer(q.q, { ...fixedContext, today }))).pass)
      .map((q) => `${q.id} ${q.q}`);
    const score = (questions.length - failures.length) / questions.length;
    expect(score, `failing:\n${failures.join("\n")}`).toBeGreaterThanOrEqual(0.95);
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
