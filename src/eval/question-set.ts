// Question sets (JSONL: q, must, any, forbid) and how a reply is scored against one question.
import { readFileSync } from "node:fs";
import { z } from "zod";

export const EvalQuestion = z.object({
  id: z.string(),
  q: z.string(),
  kind: z.string().optional(),
  must: z.array(z.string()).default([]),
  any: z.array(z.array(z.string())).default([]),
  forbid: z.array(z.string()).default([]),
  task: z.number().nullable().optional(),
  note: z.string().optional(),
});
export type EvalQuestion = z.infer<typeof EvalQuestion>;

export function readQuestionSet(file: string): EvalQuestion[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line, i) => ({ line: line.trim(), i }))
    .filter((l) => l.line !== "")
    .map(({ line, i }) => {
      const parsed = EvalQuestion.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

export interface Verdict {
  pass: boolean;
  missing: string[];
  forbidden: string[];
}

/** A reply passes when it holds every `must`, one of each `any` group, and no `forbid`. */
export function judge(q: EvalQuestion, reply: string): Verdict {
  const missing = q.must.filter((m) => !reply.includes(m));
  for (const group of q.any) if (!group.some((g) => reply.includes(g))) missing.push(`one of [${group.join("|")}]`);
  const forbidden = q.forbid.filter((f) => reply.includes(f));
  return { pass: missing.length === 0 && forbidden.length === 0, missing, forbidden };
}
