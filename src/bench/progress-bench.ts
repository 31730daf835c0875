// Progress speed: single acknowledged writes per second, a 10,000-row batched import, digest build for 1,000 chats.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createAnswerer } from "../answer/answerer.js";
import { buildDigest } from "../digest/build.js";
import { prepareDigest, type SnapshotCache } from "../digest/prepare.js";
import { loadPlans } from "../plan/knowledge.js";
import type { ResponsibilityMatrix } from "../plan/schema.js";
import { addDays } from "../progress/dates.js";
import { importTable } from "../progress/import.js";
import { memoryProgressReader } from "../progress/memory-reader.js";
import { parseCsv } from "../progress/table-io.js";
import { todayInShanghai } from "../runtime.js";
import { openDatabase } from "../store/database.js";
import { createProgressStore } from "../store/progress-store.js";

const SINGLE_WRITES = 1_000;
const IMPORT_ROWS = 10_000;
const CHATS = 1_000;
/** tomorrow: every record written by the bench falls inside the digest's window */
const DATE = addDays(todayInShanghai(), 1);

function csvFor(plan: ResponsibilityMatrix, rows: number): string {
  const lines = ["plan,task,metric,value,text,reporter,date"];
  const targets = plan.tasks.flatMap((t) => t.targets.filter((g) => g.value !== null).map((g) => ({ t, g })));
  for (let i = 0; i < rows; i++) {
    const pick = targets[i % targets.length];
    if (!pick) break;
    const day = `2025-${String(1 + (i % 6)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
    const value = Math.round(((pick.g.value ?? 1) * (i % 100)) / 100);
    lines.push(`${plan.slug},${pick.t.no},${pick.g.id},${value},bench row ${i},bench,${day}`);
  }
  return lines.join("\n");
}

export async function runProgressBench(): Promise<Record<string, number | string>> {
  const loaded = loadPlans(process.env.PLANBOT_KNOWLEDGE ?? "./knowledge");
  const plan = loaded.plans[0];
  if (!plan) throw new Error("progress bench: no plan under the knowledge folder");
  const answerer = createAnswerer(loaded);
  const dir = mkdtempSync(join(tmpdir(), "planbot-bench-"));
  const db = openDatabase(join(dir, "bench.sqlite"));
  try {
    const store = createProgressStore(db);
    const audit = { actor: "bench", via: "bench" };
    const task = plan.tasks[0];
    if (!task) throw new Error("progress bench: plan has no tasks");

    let started = performance.now();
    for (let i = 0; i < SINGLE_WRITES; i++) {
      store.add(
        {
          plan: plan.slug,
          taskNo: task.no,
          text: `single ${i}`,
          reporterId: "bench",
          source: "cli",
          asOf: "2025-06-30",
        },
        audit,
      );
    }
    const singleMs = performance.now() - started;

    const table = parseCsv(csvFor(plan, IMPORT_ROWS));
    started = performance.now();
    const imported = importTable(table, store, { plans: loaded.plans, answerer, today: todayInShanghai() }, audit);
    const importMs = performance.now() - started;
    if (!imported.ok) throw new Error(`progress bench: import rejected: ${imported.problems[0]?.reason}`);

    // the pure build, as a sender would run it per chat over one frozen view
    const records = store.list();
    const input = {
      date: DATE,
      plans: loaded.plans,
      progress: memoryProgressReader(records),
      newRecords: records.slice(-50),
      sinceDay: addDays(DATE, -1),
      staleDays: 30,
      contactsOf: () => [],
    };
    started = performance.now();
    let parts = 0;
    for (let chat = 0; chat < CHATS; chat++) parts += buildDigest(input).length;
    const buildMs = performance.now() - started;

    // end to end per chat, reading the store each time (window lookup, snapshot, build)
    const sources = {
      store,
      plans: loaded.plans,
      directory: loaded.directory,
      reporters: { reporters: [] },
      staleDays: 30,
    };
    started = performance.now();
    const cache: SnapshotCache = new Map();
    for (let chat = 0; chat < CHATS; chat++) prepareDigest(sources, { date: DATE, chat: `chat-${chat}` }, cache);
    const prepareMs = performance.now() - started;
    started = performance.now();
    prepareDigest(sources, { date: DATE, chat: "uncached" });
    const uncachedMs = performance.now() - started;

    return {
      progress_single_writes_per_s: Math.round(SINGLE_WRITES / (singleMs / 1000)),
      progress_import_10k_rows_ms: Math.round(importMs),
      progress_import_rows_per_s: Math.round(IMPORT_ROWS / (importMs / 1000)),
      digest_build_1000_chats_ms: Math.round(buildMs),
      digest_parts_per_chat: Math.round((parts / CHATS) * 10) / 10,
      digest_prepare_1000_chats_with_store_ms: Math.round(prepareMs),
      digest_prepare_one_chat_uncached_ms: Math.round(uncachedMs),
      progress_records_in_store: store.count(),
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
