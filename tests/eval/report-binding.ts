// Scores progress binding on report sentences written as monthly reports are (tests/eval/reports.jsonl): how many
// figures went to the target their words name, and how many were filed under a target their words do not name.
// Run alone to print the figures: npx tsx tests/eval/report-binding.ts
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { createAnswerer } from "../../src/answer/answerer.js";
import { writePlan } from "../../src/plan/import/write-plan.js";
import { loadPlans } from "../../src/plan/knowledge.js";
import { asOfInText, parseProgressCommand } from "../../src/progress/command.js";
import { sameMetric } from "../../src/progress/figure-subjects.js";
import { type PrepareDeps, prepareRecord } from "../../src/progress/record.js";

const ReportLine = z.object({
  plan: z.string(),
  task: z.number().int().positive(),
  text: z.string().min(1),
  /** target: the words name one of the task's targets; other: they name another quantity; none: no quantity named */
  names: z.enum(["target", "other", "none"]),
  target: z.string().nullable(),
  value: z.number().nullable(),
});
type ReportLine = z.infer<typeof ReportLine>;

export const REPORTS_FILE = "tests/eval/reports.jsonl";
/** The day the set is scored on: every 截至…月底 in it is read as a day of 2025. */
const TODAY = "2025-11-20";

export function readReports(file = REPORTS_FILE): ReportLine[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l, i) => {
      const parsed = ReportLine.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${file} line ${i + 1}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

/** The bundled plan as shipped, the two test plans imported (and any `more`, slug → file), the bundled glossary. */
export function reportDeps(more: Record<string, string> = {}): PrepareDeps {
  const dir = mkdtempSync(join(tmpdir(), "planbot-reports-"));
  for (const f of ["xinzhan-2023-2025", "glossary.yaml", "departments.yaml"]) {
    cpSync(join("knowledge", f), join(dir, f), { recursive: true });
  }
  writePlan("tests/fixtures/plans/second-plan.txt", join(dir, "linhu-digital"));
  writePlan("tests/fixtures/plans/third-plan.txt", join(dir, "donghu-business"));
  for (const [slug, file] of Object.entries(more)) writePlan(file, join(dir, slug));
  const loaded = loadPlans(dir);
  return { plans: loaded.plans, answerer: createAnswerer(loaded), today: TODAY, glossary: loaded.glossary };
}

export type Outcome = "bound" | "kept" | "wrong";

/** What happened to one line sent as a chat message "进展 任务N:…". */
export function outcome(line: ReportLine, deps: PrepareDeps): { outcome: Outcome; got: string } {
  const cmd = parseProgressCommand(`进展 任务${line.task}:${line.text}`);
  if (cmd?.kind !== "record") throw new Error(`not read as a report: ${line.text}`);
  const prepared = prepareRecord(
    {
      plan: line.plan,
      task: line.task,
      text: cmd.text,
      hint: cmd.ref,
      asOf: cmd.asOf ?? asOfInText(cmd.text, TODAY) ?? TODAY,
      reporterId: "eval",
      source: "chat",
    },
    deps,
  );
  if (!prepared.ok) throw new Error(`${line.plan} 任务${line.task} ${line.text}: ${prepared.reason}`);
  const bound = prepared.toStore.flatMap((s) => (s.binding.bound ? [s.binding] : []));
  const got = bound.map((b) => `${b.target.id}=${b.value}`).join(" ") || "text only";
  if (bound.length === 0) return { outcome: "kept", got };
  // A measure with targets for several years (1.2万个 by 2025, 1.8万个 by 2027) is named by any of them: which
  // year's target a figure is filed under is the milestone rule's choice, not the words'.
  const expected = deps.plans
    .find((p) => p.slug === line.plan)
    ?.tasks.find((t) => t.no === line.task)
    ?.targets.find((t) => t.id === line.target);
  const first = bound[0];
  const sameMeasure = !!first && !!expected && (first.target.id === expected.id || sameMetric(first.target, expected));
  const right = bound.length === 1 && sameMeasure && first?.value === line.value;
  return { outcome: right ? "bound" : "wrong", got };
}

export interface ReportScore {
  lines: number;
  bindable: number;
  bound: number;
  wrong: number;
  details: string[];
}

export function scoreReports(lines: readonly ReportLine[], deps: PrepareDeps): ReportScore {
  const score: ReportScore = { lines: lines.length, bindable: 0, bound: 0, wrong: 0, details: [] };
  for (const line of lines) {
    const bindable = line.names !== "other";
    const { outcome: o, got } = outcome(line, deps);
    if (bindable) score.bindable++;
    if (o === "bound") score.bound++;
    if (o === "wrong") score.wrong++;
    if (o === "wrong" || (bindable && o !== "bound")) {
      score.details.push(`${o === "wrong" ? "WRONG" : "missed"} ${line.plan} 任务${line.task} ${line.text} → ${got}`);
    }
  }
  return score;
}

if (process.argv[1]?.endsWith("report-binding.ts")) {
  const s = scoreReports(readReports(), reportDeps());
  process.stdout.write(
    `${s.lines} lines: wrong bindings ${s.wrong}; bindable bound ${s.bound}/${s.bindable} (${((100 * s.bound) / s.bindable).toFixed(1)}%)\n${s.details.join("\n")}\n`,
  );
}
