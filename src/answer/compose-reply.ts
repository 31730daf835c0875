// The reply to one message from its answers: one answer as it is; several ("任务七和任务八分别谁牵头") one short
// line each first — so the message opens with everything asked — then the details of those that have more.
import type { Answer } from "./types.js";

/** A first line longer than this is not a summary line; the answers are then given one after another. */
const SHORT_LINE = 80;
/**
 * "**总体目标**", "…牵头的任务(2项):", "《…行动方案》": a heading, a list's lead-in or the plan an answer is from
 * says what follows, not the answer.
 */
const HEADING = /^\*\*[^*]+\*\*$|[:：]$|^《[^》]+》$/;

export function composeReply(answers: readonly Pick<Answer, "text">[]): string {
  if (answers.length < 2) return answers[0]?.text ?? "";
  const parts = answers.map((a) => {
    const [first = "", ...rest] = a.text.split("\n");
    return { first, rest: rest.join("\n").trim() };
  });
  const summarised = parts.every((p) => [...p.first].length <= SHORT_LINE && !HEADING.test(p.first));
  if (!summarised) return answers.map((a) => a.text).join("\n\n---\n\n");
  return [parts.map((p) => `- ${p.first}`).join("\n"), ...parts.filter((p) => p.rest !== "").map((p) => p.rest)].join(
    "\n\n",
  );
}
