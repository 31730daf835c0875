// The bot's accuracy on the shared dev set and on our own larger set: the suite fails below 95%.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { judge, readQuestionSet } from "../../src/eval/question-set.js";
import { ask } from "../answer/seed-knowledge.js";

const sets = ["tests/eval/questions.jsonl", "../shared/eval/dev.jsonl"].filter((f) => existsSync(f));

describe.each(sets)("question set %s", (file) => {
  it("scores at least 95%", () => {
    const questions = readQuestionSet(file);
    const failures = questions.filter((q) => !judge(q, ask(q.q)).pass).map((q) => `${q.id} ${q.q}`);
    const score = (questions.length - failures.length) / questions.length;
    expect(score, `failing:\n${failures.join("\n")}`).toBeGreaterThanOrEqual(0.95);
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
