// planbot progress add|list|import|export: record and review progress from the command line (trusted: whoever holds the DB file).
import { userInfo } from "node:os";
import type { Command } from "commander";
import { z } from "zod";
import { departmentCovered } from "../../auth/permission.js";
import { loadEnv } from "../../config/env.js";
import { targetChoices } from "../../progress/bind.js";
import { asOfInText } from "../../progress/command.js";
import { EXPORT_HEADERS, exportRows } from "../../progress/export-rows.js";
import { formatNumber } from "../../progress/format.js";
import { checkImport, describeProblems, storeChecked } from "../../progress/import.js";
import { describeImport } from "../../progress/import-preview.js";
import { prepareRecord } from "../../progress/record.js";
import { reviewBinding } from "../../progress/review-binding.js";
import { writeTemplate } from "../../progress/sheets/template.js";
import { readTableFile, writeTable } from "../../progress/table-io.js";
import { openRuntime, type Runtime, todayInShanghai } from "../../runtime.js";
import { registerProgressAudit } from "./progress-audit.js";

/**
 * Opens the runtime with --db taking precedence over PLANBOT_DB, always on the real store: the CLI records and reads
 * what is kept, so PLANBOT_LOAD_SAMPLE (a demonstration in memory) does not apply to it.
 */
export function openCliRuntime(db: string | undefined): Runtime {
  const env = { ...loadEnv(), PLANBOT_LOAD_SAMPLE: false };
  return openRuntime(db ? { ...env, PLANBOT_DB: db } : env);
}

const cliAudit = () => ({ actor: `cli:${userInfo().username}`, via: "cli" });
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "--date must be YYYY-MM-DD")
  .optional();

const AddOptions = z.object({
  task: z.string().min(1),
  text: z.string().default(""),
  metric: z.string().optional(),
  value: z.coerce.number().finite().optional(),
  unit: z.string().optional(),
  by: z.string().optional(),
  dept: z.string().optional(),
  date: Day,
  plan: z.string().optional(),
  supersedes: z.coerce.number().int().positive().optional(),
  db: z.string().optional(),
});

function add(raw: unknown): void {
  const opts = AddOptions.parse(raw);
  const runtime = openCliRuntime(opts.db);
  try {
    const today = todayInShanghai();
    const byName = opts.by ?? userInfo().username;
    const reporter = runtime.reporters.reporters.find((r) => r.userid === byName || r.name === byName);
    const prepared = prepareRecord(
      {
        plan: opts.plan,
        task: opts.task,
        text: opts.text,
        metric: opts.metric,
        value: opts.value,
        unit: opts.unit,
        // "截至10月底…" in the text sets the day when --date does not
        asOf: opts.date ?? asOfInText(opts.text, today) ?? today,
        reporterId: reporter?.userid ?? `cli:${byName}`,
        reporterName: reporter?.name ?? byName,
        department: opts.dept ?? null,
        source: "cli",
        supersedes: opts.supersedes ?? null,
      },
      { plans: runtime.plans.plans, answerer: runtime.answerer, today, glossary: runtime.plans.glossary },
    );
    if (!prepared.ok) throw new Error(`not recorded: ${prepared.reason}`);
    const { task } = prepared;
    // a known reporter's department is the one that leads or cooperates on this task
    const department =
      opts.dept ??
      reporter?.departments.find((d) =>
        departmentCovered(d, [...task.lead, ...task.partners], runtime.plans.directory),
      ) ??
      reporter?.departments[0] ??
      null;
    // One record, or one per target when the text reports several: stored together.
    const recs = runtime.store.addMany(
      prepared.toStore.map((s) => ({ ...s.record, department })),
      cliAudit(),
    );
    for (const [i, rec] of recs.entries()) {
      const b = prepared.toStore[i]?.binding;
      // A figure kept as text says how to bind it: the metric named explicitly is taken as given.
      const figure = b?.bound
        ? `${b.target.metric} = ${formatNumber(b.value)}${b.unit}`
        : `text only${b?.reason ? ` (${b.reason}); to bind a figure, add it again with --metric <target> --value <n> (${targetChoices(task)})` : ""}`;
      process.stdout.write(`recorded #${rec.id}: ${rec.plan} 任务${rec.taskNo} · ${figure} · ${rec.asOf}\n`);
    }
  } finally {
    runtime.close();
  }
}

const ListOptions = z.object({
  task: z.string().optional(),
  boundByRule: z.boolean().default(false),
  plan: z.string().optional(),
  limit: z.coerce.number().int().positive().default(50),
  db: z.string().optional(),
});

function list(raw: unknown): void {
  const opts = ListOptions.parse(raw);
  const runtime = openCliRuntime(opts.db);
  try {
    let filter: { plan?: string; taskNo?: number } = opts.plan ? { plan: opts.plan } : {};
    if (opts.task) {
      const found = prepareRecord(
        { plan: opts.plan, task: opts.task, text: "-", asOf: "2000-01-01", reporterId: "-", source: "cli" },
        { plans: runtime.plans.plans, answerer: runtime.answerer, today: "2000-01-01" },
      );
      if (!found.ok) throw new Error(found.reason);
      filter = { plan: found.plan.slug, taskNo: found.task.no };
    }
    const records = runtime.store.list({ ...filter, boundByRule: opts.boundByRule, limit: opts.limit }).reverse();
    for (const r of records) {
      if (opts.boundByRule) {
        // how it was bound, and what today's rule makes of its text: the records to correct with 更正
        const review = reviewBinding(r, runtime.plans.plans, runtime.plans.glossary);
        const figure = `${r.targetId}=${formatNumber(r.value ?? 0)}${r.unit ?? ""}`;
        const later = runtime.store.supersededBy(r.id);
        const cols = [
          `#${r.id}`,
          r.asOf,
          r.plan,
          `任务${r.taskNo}`,
          figure,
          `bound: ${review.way}`,
          `now: ${review.now}`,
        ];
        if (later) cols.push(`superseded by #${later.id}`);
        process.stdout.write(`${[...cols, r.text].join("\t")}\n`);
        continue;
      }
      const later = runtime.store.supersededBy(r.id);
      const flag = r.kind === "retraction" ? `retracts #${r.supersedes}` : later ? `superseded by #${later.id}` : "";
      const figure = r.targetId && r.value !== null ? `${r.targetId}=${formatNumber(r.value)}${r.unit ?? ""}` : "";
      const cols = [
        `#${r.id}`,
        r.asOf,
        r.plan,
        `任务${r.taskNo}`,
        figure,
        r.reporterName ?? r.reporterId,
        r.text,
        flag,
      ];
      process.stdout.write(`${cols.filter((c) => c !== "").join("\t")}\n`);
    }
    if (records.length === 0) process.stdout.write("no progress records\n");
  } finally {
    runtime.close();
  }
}

async function importFile(file: string, raw: unknown): Promise<void> {
  const opts = z.object({ db: z.string().optional(), dryRun: z.boolean().default(false) }).parse(raw);
  const read = await readTableFile(file);
  const runtime = openCliRuntime(opts.db);
  try {
    const audit = cliAudit();
    const deps = {
      plans: runtime.plans.plans,
      answerer: runtime.answerer,
      today: todayInShanghai(),
      glossary: runtime.plans.glossary,
      reporters: runtime.reporters.reporters,
      importer: audit.actor,
      known: runtime.store,
    };
    if (read.encoding) process.stdout.write(`${file}: 按 ${read.encoding} 编码读取\n`);
    if (read.skippedSheets.length > 0) {
      process.stdout.write(`没有表头、未读取的工作表:${read.skippedSheets.join("、")}\n`);
    }
    const check = checkImport(read.tables, "import", deps);
    if (!check.ok) {
      throw new Error(
        `${file}: nothing imported, ${check.problems.length} problem(s):\n${describeProblems(check.problems)}`,
      );
    }
    process.stdout.write(`${describeImport(check, runtime.plans.plans, opts.dryRun)}\n`);
    if (opts.dryRun) {
      process.stdout.write("预览(--dry-run):未写入任何记录\n");
      return;
    }
    const stored = storeChecked(check, runtime.store, audit);
    process.stdout.write(`imported ${stored.length} records from ${file}\n`);
  } finally {
    runtime.close();
  }
}

async function templateFile(file: string, raw: unknown): Promise<void> {
  const opts = z
    .object({ department: z.string().optional(), plan: z.string().optional(), db: z.string().optional() })
    .parse(raw);
  if (!file.toLowerCase().endsWith(".xlsx")) throw new Error(`${file}: 模板只能写成 .xlsx`);
  const runtime = openCliRuntime(opts.db);
  try {
    const plans = runtime.plans.plans.filter((p) => !opts.plan || p.slug === opts.plan);
    if (plans.length === 0) throw new Error(`没有计划 ${opts.plan}`);
    const rows = await writeTemplate(file, {
      plans,
      directory: runtime.plans.directory,
      ...(opts.department ? { department: opts.department } : {}),
    });
    if (rows === 0) throw new Error(`${file}: 没有找到“${opts.department}”牵头或协同的任务,未写出模板`);
    process.stdout.write(`wrote ${rows} rows to ${file}${opts.department ? ` for ${opts.department}` : ""}\n`);
  } finally {
    runtime.close();
  }
}

async function exportFile(file: string, raw: unknown): Promise<void> {
  const opts = z.object({ plan: z.string().optional(), db: z.string().optional() }).parse(raw);
  const runtime = openCliRuntime(opts.db);
  try {
    const records = runtime.store.list(opts.plan ? { plan: opts.plan } : {});
    await writeTable(file, EXPORT_HEADERS, exportRows(records, runtime.plans.plans));
    process.stdout.write(`exported ${records.length} records to ${file}\n`);
  } finally {
    runtime.close();
  }
}

export function registerProgress(program: Command): void {
  const progress = program.command("progress").description("Record, list, import and export progress records");
  progress
    .command("add")
    .description("Record progress for a task (append-only; binds a figure to a target only when unambiguous)")
    .requiredOption("--task <ref>", "task number or keywords, e.g. 9, 任务九, 上市公司")
    .option("--text <text>", "what was done")
    .option("--metric <metric>", "target id (t9-1) or metric name the value belongs to")
    .option("--value <n>", "numeric value in the target's unit")
    .option("--unit <unit>", "unit of the value (must match the target's)")
    .option("--by <name>", "reporter: a userid or name from the reporters file, or any name")
    .option("--dept <department>", "reporting department")
    .option("--date <YYYY-MM-DD>", "the day the progress refers to (default today)")
    .option("--plan <slug>", "plan, when several are loaded")
    .option("--supersedes <id>", "corrects record <id> (a new record; the old one is kept, marked superseded)")
    .option("--db <file>", "SQLite file (default PLANBOT_DB)")
    .action((opts: unknown) => add(opts));
  progress
    .command("list")
    .description("List progress records, newest last (corrections and retractions marked)")
    .option("--task <ref>", "only this task")
    .option("--plan <slug>", "only this plan")
    .option("--limit <n>", "at most this many (newest)", "50")
    .option(
      "--bound-by-rule",
      "only records whose target was inferred from the text (or stored before that was kept), with what the current rule binds",
    )
    .option("--db <file>", "SQLite file (default PLANBOT_DB)")
    .action((opts: unknown) => list(opts));
  progress
    .command("import <file>")
    .description(
      "Import a .csv or .xlsx table (every sheet) all or nothing: one bad row rejects the file and names every bad row; rows imported before, and untouched export rows, change nothing",
    )
    .option("--dry-run", "show what each row would store, and store nothing")
    .option("--db <file>", "SQLite file (default PLANBOT_DB)")
    .action((file: string, opts: unknown) => importFile(file, opts));
  progress
    .command("template <file>")
    .description(
      "Write an .xlsx progress sheet with a department's tasks and targets pre-filled, ready to fill and import",
    )
    .option("--department <name>", "only the tasks this department leads or partners on")
    .option("--plan <slug>", "only this plan")
    .option("--db <file>", "SQLite file (default PLANBOT_DB)")
    .action((file: string, opts: unknown) => templateFile(file, opts));
  progress
    .command("export <file>")
    .description("Export every record (corrections and retractions included) to .csv or .xlsx")
    .option("--plan <slug>", "only this plan")
    .option("--db <file>", "SQLite file (default PLANBOT_DB)")
    .action((file: string, opts: unknown) => exportFile(file, opts));
  registerProgressAudit(progress);
}
