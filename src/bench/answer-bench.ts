// Answer speed on one corpus with one engine, run as its own process so memory figures are its own.
// planbot = the answering core; bare = MiniSearch with a naive bigram tokenizer on the same passages.
import { existsSync, readFileSync } from "node:fs";
import MiniSearch from "minisearch";
import { createAnswerer } from "../answer/answerer.js";
import { type LoadedPlans, loadPlans } from "../plan/knowledge.js";
import type { ResponsibilityMatrix } from "../plan/schema.js";
import { passagesOf } from "../search/passages.js";
import { synthesizePlans } from "./synthetic-plans.js";

export interface AnswerBenchResult {
  corpus: string;
  engine: "planbot" | "bare";
  plans: number;
  passages: number;
  queries: number;
  buildMs: number;
  p50Ms: number;
  p99Ms: number;
  /** p99 over questions of each question's median time across rounds: scheduler noise filtered out */
  p99MedianMs: number;
  rssMb: number;
}

const WARMUP = 200;
const QUESTIONS_PER_CORPUS = 200;
const ROUNDS = 5;
const TIME_BUDGET_MS = 20_000;

function loadCorpus(corpus: string): LoadedPlans {
  if (corpus === "seed") return loadPlans("knowledge");
  return { plans: synthesizePlans(Number(corpus)), directory: { departments: [] }, glossary: { terms: [] } };
}

/** Questions of every kind, drawn from the corpus itself (and the question sets for the seed). */
function questionsFor(corpus: string, plans: ResponsibilityMatrix[]): string[] {
  const out: string[] = [];
  if (corpus === "seed") {
    for (const file of ["tests/eval/questions.jsonl", "../shared/eval/dev.jsonl"]) {
      if (!existsSync(file)) continue;
      for (const line of readFileSync(file, "utf8").split("\n")) if (line.trim()) out.push(JSON.parse(line).q);
    }
    return out;
  }
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  for (let i = 0; i < QUESTIONS_PER_CORPUS; i++) {
    const plan = plans[next() % plans.length] as ResponsibilityMatrix;
    const task = plan.tasks[next() % plan.tasks.length];
    const target = task?.targets[next() % Math.max(1, task.targets.length)];
    if (!task) continue;
    const kind = i % 5;
    if (kind === 0 && target) out.push(`${target.metric}目标是多少`);
    else if (kind === 1) out.push(`${task.title.slice(2, 8)}谁牵头`);
    else if (kind === 2) out.push(`${task.lead[0] ?? "财政局"}牵头哪些任务`);
    else if (kind === 3) out.push(`${task.title.slice(0, 6)}的协同部门有哪些`);
    else out.push(["停车位要新建多少个", "城镇居民人均收入目标", "绿化覆盖率达到多少"][i % 3] as string);
  }
  return out;
}

function naiveBigrams(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < text.length; i++) out.push(text.slice(i, i + 2));
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function rssAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 2 ** 20;
}

export function runAnswerBench(corpus: string, engine: "planbot" | "bare"): AnswerBenchResult {
  const loaded = loadCorpus(corpus);
  const questions = questionsFor(corpus, loaded.plans);
  let ask: (q: string) => unknown;
  let passages = 0;
  const started = performance.now();
  if (engine === "planbot") {
    // every round reads each question afresh: the figure is a question's whole cost, not a repeat's
    const answerer = createAnswerer(loaded, { readingsKept: 0 });
    const ctx = { today: "2024-06-30", staleDays: 30 };
    ask = (q) => answerer.answer(q, ctx);
    passages = loaded.plans.reduce((n, p) => n + passagesOf(p, 0).length, 0);
  } else {
    const docs = loaded.plans.flatMap((p) => {
      const ps = passagesOf(p, passages);
      passages += ps.length;
      return ps;
    });
    const mini = new MiniSearch({ fields: ["title", "text"], storeFields: [], tokenize: naiveBigrams });
    mini.addAll(docs);
    ask = (q) => mini.search(q);
  }
  const buildMs = performance.now() - started;
  const rssMb = rssAfterGc();
  const warmup = Math.min(WARMUP, engine === "bare" && loaded.plans.length >= 1000 ? 20 : WARMUP);
  for (let i = 0; i < warmup; i++) ask(questions[i % questions.length] as string);
  const times: number[] = [];
  const perQuestion = questions.map(() => [] as number[]);
  // A slow engine gets fewer rounds (at least one whole one) so the bench ends in minutes, not hours.
  const deadline = performance.now() + TIME_BUDGET_MS;
  for (let r = 0; r < ROUNDS && (r === 0 || performance.now() < deadline); r++) {
    questions.forEach((q, i) => {
      const t = performance.now();
      ask(q);
      const ms = performance.now() - t;
      times.push(ms);
      perQuestion[i]?.push(ms);
    });
  }
  times.sort((a, b) => a - b);
  const medians = perQuestion
    .map((ts) => ts.sort((a, b) => a - b)[Math.floor(ts.length / 2)] ?? 0)
    .sort((a, b) => a - b);
  return {
    corpus,
    engine,
    plans: loaded.plans.length,
    passages,
    queries: times.length,
    buildMs,
    p50Ms: percentile(times, 0.5),
    p99Ms: percentile(times, 0.99),
    p99MedianMs: percentile(medians, 0.99),
    rssMb,
  };
}

// Run as a child of run.ts: node dist/bench/answer-bench.js <corpus> <engine>
if (process.argv[1]?.endsWith("answer-bench.js")) {
  const [corpus = "seed", engine = "planbot"] = process.argv.slice(2);
  process.stdout.write(`${JSON.stringify(runAnswerBench(corpus, engine as "planbot" | "bare"))}\n`);
}
