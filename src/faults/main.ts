// `npm run faults -- --ops 1000 [--chats 1000] [--seed 1] [--webhook mixed|slow|failing|drops] [--kill-every 25]
// [--phases writes,chat,digest] [--keep]`: runs the fault-injection suite and prints its counts.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { RecordCounts } from "./count-records.js";
import { type FaultSuiteOptions, type FaultSuiteReport, runFaultSuite } from "./run.js";

const { values } = parseArgs({
  options: {
    ops: { type: "string" },
    seed: { type: "string" },
    chats: { type: "string" },
    concurrency: { type: "string" },
    webhook: { type: "string" },
    "kill-every": { type: "string" },
    phases: { type: "string" },
    keep: { type: "boolean" },
  },
});
const root = resolve(import.meta.dirname, "../..");

const perThousand = (n: number, of: number) => (of === 0 ? "0" : ((1000 * n) / of).toFixed(1));

function recordLine(name: string, c: RecordCounts): string {
  return (
    `${name}: ${c.operations} operations, lost ${c.lost}, duplicated ${c.duplicated} (${perThousand(c.duplicated, c.operations)}/1000), ` +
    `misplaced ${c.misplaced}, unacknowledged ${c.unacknowledged} (stored anyway ${c.unacknowledgedStored}); retried ${c.retried}, requests cut by a kill ${c.unanswered}`
  );
}

function print(r: FaultSuiteReport): void {
  const d = r.digest;
  const lines = [
    `fault-injection suite, seed ${r.seed}, webhook ${r.webhook}; SIGKILLs: writes ${r.kills.writes}, chat ${r.kills.chat}, digest ${r.kills.digest}`,
    recordLine("progress over HTTP", r.writes),
    recordLine("chat commands     ", r.chat),
    `digest parts      : ${d.parts} parts to ${d.chats} chats in ${d.requests} requests; lost ${d.lost} ` +
      `(${perThousand(d.lost, d.parts)}/1000), duplicated ${d.duplicated}, misplaced ${d.misplaced}; ` +
      `settled unknown ${d.unknown}, failed ${d.failed}; shown without the answer reaching planbot ${d.shownUnanswered}`,
  ];
  const a = r.app;
  lines.push(
    `app answers       : ${a.answers} answers in ${a.requests} requests, ${a.kills} SIGKILLs; lost ${a.lost}, ` +
      `duplicated ${a.duplicated} (${perThousand(a.duplicated, a.answers)}/1000), failed ${a.failed}; ` +
      `repeats WeCom dropped by its duplicate check ${a.droppedAsDuplicate}`,
  );
  if (r.dir) lines.push(`data kept in ${r.dir}`);
  process.stdout.write(`${lines.join("\n")}\n${JSON.stringify(r)}\n`);
}

const report = await runFaultSuite({
  ops: values.ops,
  seed: values.seed,
  chats: values.chats,
  concurrency: values.concurrency,
  webhook: values.webhook as FaultSuiteOptions["webhook"],
  opsPerKill: values["kill-every"],
  phases: values.phases?.split(",") as FaultSuiteOptions["phases"],
  keep: values.keep ?? false,
  distDir: resolve(root, "dist"),
  knowledge: resolve(root, "knowledge"),
});
print(report);
const broken =
  report.writes.lost +
  report.writes.misplaced +
  report.chat.lost +
  report.chat.misplaced +
  report.digest.misplaced +
  report.app.lost +
  report.app.duplicated;
process.exitCode = broken > 0 || report.digest.duplicated > 0 ? 1 : 0;
