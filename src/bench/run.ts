// npm run bench: every speed figure, each beside a baseline measured in the same run.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AnswerBenchResult } from "./answer-bench.js";
import { runCallbackBench } from "./callback-bench.js";
import { runDashboardBench } from "./dashboard-bench.js";
import { runLongConnBench } from "./longconn-bench.js";
import { runPlanImportBench } from "./plan-import-bench.js";
import { runProgressBench } from "./progress-bench.js";
import { measureReplyLengths } from "./reply-length.js";
import { runStartupBench } from "./startup-bench.js";

const only = process.argv.slice(2);
const wanted = (section: string) => only.length === 0 || only.includes(section);
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

function answerSection(): void {
  const child = fileURLToPath(new URL("./answer-bench.js", import.meta.url));
  const corpora = process.env.BENCH_CORPORA?.split(",") ?? ["seed", "100", "1000"];
  console.log("\n## Answers (ms; RSS after build in MB; bare = MiniSearch + naive bigrams on the same passages)");
  console.log("corpus  engine   plans  passages  build_ms    p50_ms    p99_ms  p99q_ms    rss_mb");
  console.log("(p99q = p99 over questions of each question's median of 5 rounds: filters scheduler noise)");
  for (const corpus of corpora) {
    const results: Record<string, AnswerBenchResult> = {};
    for (const engine of ["bare", "planbot"] as const) {
      const out = execFileSync(process.execPath, ["--expose-gc", child, corpus, engine], {
        encoding: "utf8",
        maxBuffer: 1 << 24,
      });
      const r = JSON.parse(out.trim().split("\n").at(-1) as string) as AnswerBenchResult;
      results[engine] = r;
      console.log(
        [corpus.padEnd(6), engine.padEnd(7), String(r.plans).padStart(5), String(r.passages).padStart(9)]
          .concat([r.buildMs, r.p50Ms, r.p99Ms, r.p99MedianMs, r.rssMb].map((n) => fmt(n).padStart(8)))
          .join("  "),
      );
    }
    const p = results.planbot as AnswerBenchResult;
    const b = results.bare as AnswerBenchResult;
    console.log(
      `        ratio planbot/bare: build ${(p.buildMs / b.buildMs).toFixed(2)}×, p99 ${(p.p99Ms / b.p99Ms).toFixed(3)}×, p99q ${(p.p99MedianMs / b.p99MedianMs).toFixed(3)}×, rss ${(p.rssMb / b.rssMb).toFixed(2)}×`,
    );
  }
}

async function section(name: string, run: () => Promise<Record<string, number | string>>): Promise<void> {
  console.log(`\n## ${name}`);
  try {
    for (const [k, v] of Object.entries(await run())) console.log(`${k}: ${typeof v === "number" ? fmt(v) : v}`);
  } catch (err) {
    console.log(`skipped: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Characters per reply on the question sets, beside issue 15's goals (a count, not a timing: same on any machine). */
async function replyLengths(): Promise<Record<string, number | string>> {
  const r = measureReplyLengths();
  return {
    questions: String(r.questions),
    "median chars (all)": String(r.median),
    "p95 chars (all)": `${r.p95} (goal ≤ 300)`,
    "single-part questions": String(r.singlePart),
    "median chars (single-part)": `${r.singleMedian} (goal ≤ 120)`,
    "p95 chars (single-part)": String(r.singleP95),
    "replies over 300 chars": `${(r.over300 * 100).toFixed(1)}%`,
    longest: r.longest.map((l) => `${l.q} (${l.chars})`).join(" · "),
  };
}

console.log("# planbot benchmarks (figures from this machine, this run)");
if (wanted("replies")) await section("Reply length (characters per reply, question sets)", replyLengths);
if (wanted("startup"))
  await section(`Start-up (process wall time, ${"bundled plan"}, beside node -e 0)`, runStartupBench);
if (wanted("answers")) answerSection();
if (wanted("import")) await runPlanImportBench();
if (wanted("progress")) await section("Progress store and digest", runProgressBench);
if (wanted("callbacks")) await section("WeCom callbacks over HTTP (loopback)", runCallbackBench);
if (wanted("longconn"))
  await section("Intelligent bot over the long connection (simulator, loopback)", runLongConnBench);
if (wanted("dashboard")) {
  if (existsSync("/usr/bin/chromium")) await section("Dashboard", runDashboardBench);
  else console.log("\n## Dashboard\nskipped: /usr/bin/chromium is not installed (scripts/ci-install-browser.sh)");
}
