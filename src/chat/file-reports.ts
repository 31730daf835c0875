// Progress reports sent as a spreadsheet: the table is checked as `planbot progress import` checks it, the sender's
// rights are checked for every task, and the proposed records wait for the sender's confirmation (a card's button);
// nothing is recorded before it. The proposal lives in memory for a while: a restart drops it, the file can be sent again.
import { randomBytes } from "node:crypto";
import type { Answerer } from "../answer/answerer.js";
import { decideWrite } from "../auth/permission.js";
import type { ReportersFile } from "../auth/reporters.js";
import type { DepartmentDirectory, ResponsibilityMatrix } from "../plan/schema.js";
import { formatNumber } from "../progress/format.js";
import { checkImport, describeProblems } from "../progress/import.js";
import type { NewProgress } from "../progress/schema.js";
import type { Table } from "../progress/table-io.js";
import type { Glossary } from "../search/glossary.js";
import type { ProgressStore } from "../store/progress-store.js";
import { trimOldest } from "../wecom/trim-oldest.js";
import type { HandleOptions, IncomingMessage, Reply } from "./message.js";

export interface FileReportDeps {
  plans: readonly ResponsibilityMatrix[];
  directory: DepartmentDirectory;
  answerer: Pick<Answerer, "findTasks">;
  store: ProgressStore;
  reporters(): ReportersFile;
  today(): string;
  glossary?: Glossary;
  now?: () => number;
}

/** How long a proposal waits for its confirmation. */
const PROPOSAL_TTL_MS = 30 * 60_000;
const MAX_PROPOSALS = 1_000;
/** Lines of the proposal shown in the reply; the rest are counted. */
const SHOWN = 20;

const REPORTER_HEADER = "填报人";
const REPORTER_COLUMNS = new Set(["reporter", "填报人"]);

interface Proposal {
  userid: string;
  records: NewProgress[];
  expiresAt: number;
}

export interface FileReports {
  /** A table the sender sent: the proposed records with confirm / cancel choices, or every problem found. */
  propose(tables: readonly Table[], msg: IncomingMessage, fileName: string): Reply;
  /** Whether a choice key is one of these proposals' (import:…). */
  owns(key: string): boolean;
  /** The sender's click: confirm records them all (one transaction with the click's done mark), cancel drops them. */
  choose(msg: IncomingMessage, key: string, options?: HandleOptions): Reply;
}

const KEY = /^import:(confirm|cancel):([a-f0-9]{16})$/;

export function createFileReports(deps: FileReportDeps): FileReports {
  const proposals = new Map<string, Proposal>();
  const now = deps.now ?? Date.now;
  const reply = (markdown: string, kind: string): Reply => ({ markdown, kind });

  function propose(tables: readonly Table[], msg: IncomingMessage, fileName: string): Reply {
    // The sender records: every row is theirs, whatever a 填报人 column (or a 填报人 line above the header) says.
    const asSender = tables.map((table) => ({
      ...table,
      headers: [...table.headers.filter((h) => !REPORTER_COLUMNS.has(h.toLowerCase())), REPORTER_HEADER],
      rows: table.rows.map((r) => {
        const cells = Object.fromEntries(
          Object.entries(r.cells).filter(([h]) => !REPORTER_COLUMNS.has(h.toLowerCase())),
        );
        return { row: r.row, cells: { ...cells, [REPORTER_HEADER]: msg.userid } };
      }),
    }));
    const checked = checkImport(asSender, "import", {
      plans: deps.plans,
      answerer: deps.answerer,
      today: deps.today(),
      ...(deps.glossary ? { glossary: deps.glossary } : {}),
    });
    if (!checked.ok) {
      return reply(
        `文件「${fileName}」未登记,请改正后重新发送:\n${describeProblems(checked.problems)}`,
        "file_invalid",
      );
    }
    const refusals: string[] = [];
    const records = checked.records.map((rec) => {
      const task = deps.plans.find((p) => p.slug === rec.plan)?.tasks.find((t) => t.no === rec.taskNo);
      const decision = task ? decideWrite(deps.reporters(), deps.directory, msg.userid, task) : undefined;
      if (!decision?.allowed) refusals.push(`任务${rec.taskNo}:${decision?.reason ?? "任务不存在"}`);
      return decision?.allowed ? { ...rec, department: rec.department ?? decision.department } : rec;
    });
    if (refusals.length > 0) {
      return reply(`文件「${fileName}」未登记:\n${[...new Set(refusals)].join("\n")}`, "file_refused");
    }
    const id = randomBytes(8).toString("hex");
    proposals.set(id, { userid: msg.userid, records, expiresAt: now() + PROPOSAL_TTL_MS });
    trimOldest(proposals, MAX_PROPOSALS);
    const lines = records.slice(0, SHOWN).map((r, i) => `${i + 1}. ${describe(r)}`);
    if (records.length > SHOWN) lines.push(`……另有 ${records.length - SHOWN} 条`);
    return {
      markdown: [
        `**文件「${fileName}」拟登记 ${records.length} 条进展**(尚未登记,请确认)`,
        ...lines,
        "确认后全部登记,填报人为您本人;取消则不登记。",
      ].join("\n"),
      kind: "file_proposed",
      choices: {
        title: `确认登记 ${records.length} 条进展?`,
        description: `来自文件「${fileName}」`,
        options: [
          { key: `import:confirm:${id}`, text: "确认登记" },
          { key: `import:cancel:${id}`, text: "取消" },
        ],
      },
    };
  }

  function describe(r: NewProgress): string {
    const plan = deps.plans.find((p) => p.slug === r.plan);
    const target = plan?.tasks.find((t) => t.no === r.taskNo)?.targets.find((t) => t.id === r.targetId);
    const figure =
      target && r.value !== null && r.value !== undefined
        ? `${target.metric} ${formatNumber(r.value)}${target.unit}`
        : "仅文字";
    return `任务${r.taskNo} · ${figure} · ${r.asOf}${r.text ? ` · ${r.text.slice(0, 40)}` : ""}`;
  }

  function choose(msg: IncomingMessage, key: string, options: HandleOptions = {}): Reply {
    const [, action, id = ""] = KEY.exec(key) ?? [];
    const proposal = proposals.get(id);
    if (!action || !proposal || proposal.expiresAt <= now()) {
      return reply("这份文件的登记确认已过期,请重新发送文件。", "file_expired");
    }
    if (proposal.userid !== msg.userid) return reply("只有发送文件的人可以确认登记。", "file_not_sender");
    proposals.delete(id);
    if (action === "cancel") return reply("已取消,文件中的进展均未登记。", "file_cancelled");
    const audit = { actor: `wecom:${msg.userid}`, via: `chat:${msg.channel}:file` };
    const record = () => {
      const stored = deps.store.addMany(proposal.records, audit);
      const done = reply(
        `✅ 已登记 ${stored.length} 条进展:${stored.map((r) => `#${r.id}`).join("、")}`,
        "file_recorded",
      );
      options.commit?.(done);
      return done;
    };
    return deps.store.inTransaction(record);
  }

  return { propose, owns: (key) => key.startsWith("import:"), choose };
}
