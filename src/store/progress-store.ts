// The progress store interface and its SQLite implementation: append-only records, audit trail, digest runs.
import { ProgressRejected } from "../progress/errors.js";
import {
  type AuditInfo,
  type BoundBy,
  NewProgress,
  type ProgressReader,
  ProgressRecord,
  type ProgressSource,
} from "../progress/schema.js";
import { changeVersionOf } from "./change-version.js";
import type { Db } from "./database.js";

export interface ProgressFilter {
  plan?: string;
  taskNo?: number;
  reporterId?: string;
  /** only records stored at or after this ISO timestamp */
  recordedFrom?: string;
  /** only records stored before this ISO timestamp */
  recordedBefore?: string;
  /**
   * only reports whose figure the binding rule put on a target (bound_by named or sole) or that were stored before
   * the way was kept (bound_by null with a target): what an operator reviews when the rule changes
   */
  boundByRule?: boolean;
  /** newest first when limited */
  limit?: number;
}

export interface AuditEntry {
  progressId: number;
  action: "add" | "correct" | "retract";
  actor: string;
  via: string;
  at: string;
}

/** A write refused for want of rights: who asked what through which channel, and why (no record was stored). */
export interface Refusal {
  actor: string;
  via: string;
  /** what was asked: the command or request, clipped */
  detail: string;
  reason: string;
}

/** One line of the audit trail: a write (with its record) or a refusal (with what was asked and why). */
export interface AuditLine {
  id: number;
  progressId: number | null;
  action: AuditEntry["action"] | "refuse";
  actor: string;
  via: string;
  at: string;
  detail: string | null;
  reason: string | null;
}

export interface ImportedRow {
  /** the row's identity when it names no record id; null for a row that edits a record by id */
  rowKey: string | null;
  records: readonly NewProgress[];
}

export interface DigestRun {
  chat: string;
  date: string;
  since: string;
  until: string;
  parts: number;
  sha256: string;
}

export interface ProgressStore extends ProgressReader {
  /** Validates and appends one record (a correction or retraction when `supersedes` is set); returns it as stored. */
  add(record: NewProgress, audit: AuditInfo): ProgressRecord;
  /** Appends many records in one transaction: all are stored or none. */
  addMany(records: readonly NewProgress[], audit: AuditInfo): ProgressRecord[];
  /**
   * Appends the records of imported table rows in one transaction. A row with a key stored before (by an earlier
   * import of the same row) adds nothing: importing a file twice is a no-op.
   */
  addRows(rows: readonly ImportedRow[], audit: AuditInfo): ProgressRecord[];
  /** Whether an imported row with this key was stored before. */
  hasRowKey(rowKey: string): boolean;
  get(id: number): ProgressRecord | undefined;
  /** The record that corrects or retracts `id`, if any. */
  supersededBy(id: number): ProgressRecord | undefined;
  /** Every record (superseded and retractions included), in storage order unless limited (then newest first). */
  list(filter?: ProgressFilter): ProgressRecord[];
  /** Effective records stored in [from, before), newest first: what a digest calls new. */
  effectiveRecordedBetween(from: string, before: string): ProgressRecord[];
  audit(progressId: number): AuditEntry[];
  /** Stores a refusal in the audit trail. */
  recordRefusal(refusal: Refusal): void;
  /** The audit trail, newest first: every write and refusal, or only refusals. */
  auditTrail(filter?: { refusedOnly?: boolean; limit?: number }): AuditLine[];
  /** Runs `fn` in one transaction on this store's connection (nested calls become savepoints). */
  inTransaction<T>(fn: () => T): T;
  count(): number;
  lastDigestRun(chat: string, beforeDate: string): DigestRun | undefined;
  digestRun(chat: string, date: string): DigestRun | undefined;
  recordDigestRun(run: DigestRun): void;
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
}

interface Row {
  id: number;
  plan: string;
  task_no: number;
  target_id: string | null;
  value: number | null;
  unit: string | null;
  text: string;
  reporter_id: string;
  reporter_name: string | null;
  department: string | null;
  source: ProgressSource;
  kind: "report" | "retraction";
  bound_by: BoundBy | null;
  as_of: string;
  supersedes: number | null;
  recorded_at: string;
}

function fromRow(r: Row): ProgressRecord {
  return {
    id: r.id,
    plan: r.plan,
    taskNo: r.task_no,
    targetId: r.target_id,
    value: r.value,
    unit: r.unit,
    text: r.text,
    reporterId: r.reporter_id,
    reporterName: r.reporter_name,
    department: r.department,
    source: r.source,
    kind: r.kind,
    boundBy: r.bound_by,
    asOf: r.as_of,
    supersedes: r.supersedes,
    recordedAt: r.recorded_at,
  };
}

export interface StoreOptions {
  /** the clock that stamps recordedAt; fixed in tests */
  now?: () => Date;
  /** a commit by another connection (thread or process) shows in cached reads at most this late; default 50 */
  othersVisibleWithinMs?: number;
  /** milliseconds from any fixed point, for that delay; fixed in tests */
  monotonicMs?: () => number;
}

export function createProgressStore(db: Db, options: StoreOptions = {}): ProgressStore {
  const now = options.now ?? (() => new Date());
  const insert = db.prepare(`
    INSERT INTO progress (plan, task_no, target_id, value, unit, text, reporter_id, reporter_name, department,
                          source, kind, bound_by, as_of, supersedes, recorded_at)
    VALUES (@plan, @taskNo, @targetId, @value, @unit, @text, @reporterId, @reporterName, @department,
            @source, @kind, @boundBy, @asOf, @supersedes, @recordedAt)
    RETURNING id`);
  const insertAudit = db.prepare(
    "INSERT INTO progress_audit (progress_id, action, actor, via, at) VALUES (?, ?, ?, ?, ?)",
  );
  const byId = db.prepare<[number], Row>("SELECT * FROM progress WHERE id = ?");
  const bySupersedes = db.prepare<[number], Row>("SELECT * FROM progress WHERE supersedes = ?");
  const effectiveOfTask = db.prepare<[string, number], Row>(`
    SELECT * FROM progress p
    WHERE plan = ? AND task_no = ? AND kind = 'report'
      AND NOT EXISTS (SELECT 1 FROM progress s WHERE s.supersedes = p.id)
    ORDER BY as_of DESC, id DESC`);
  // effective as the window closed: a correction stored later does not change what the window held
  const betweenStmt = db.prepare<[string, string, string], Row>(`
    SELECT * FROM progress p
    WHERE recorded_at >= ? AND recorded_at < ? AND kind = 'report'
      AND NOT EXISTS (SELECT 1 FROM progress s WHERE s.supersedes = p.id AND s.recorded_at < ?)
    ORDER BY as_of DESC, id DESC`);

  // Effective records per task, kept until the file changes. Every answer about a task reads them, and in the bot
  // worker a read of the table costs more than the answer (the seen-ids writer's commits keep emptying this
  // connection's page cache). total_changes() moves at once when this connection writes; data_version when another
  // connection has committed. data_version costs a read transaction; asked on every callback under load it took
  // about 8% of the bot worker's CPU, so it is asked at most every othersVisibleWithinMs: a record written elsewhere
  // (the server's thread, the CLI) shows that much later, which no user can notice. Another connection's commit
  // shows only between turns of the event loop: reads within one synchronous run (a status overview reads every
  // task) see one snapshot, as if in one transaction.
  const changes = changeVersionOf(db);
  const othersWithinMs = changes.othersCostAQuery ? (options.othersVisibleWithinMs ?? 50) : 0;
  const monotonicMs = options.monotonicMs ?? (() => performance.now());
  let othersVersion = 0;
  let othersAskedAt = Number.NEGATIVE_INFINITY;
  let askedThisTurn = false;
  function fileVersion(): string {
    if (!askedThisTurn) {
      askedThisTurn = true;
      queueMicrotask(() => {
        askedThisTurn = false;
      });
      const t = monotonicMs();
      if (t - othersAskedAt >= othersWithinMs) {
        othersVersion = changes.others();
        othersAskedAt = t;
      }
    }
    return `${othersVersion}:${changes.own()}`;
  }
  const effectiveByTask = new Map<string, readonly ProgressRecord[]>();
  let cachedVersion = "";
  function effectiveRecords(plan: string, taskNo: number): readonly ProgressRecord[] {
    const current = fileVersion();
    if (current !== cachedVersion) {
      effectiveByTask.clear();
      cachedVersion = current;
    }
    const key = `${plan}\u0000${taskNo}`;
    let rows = effectiveByTask.get(key);
    if (!rows) {
      // Frozen: callers share these objects.
      rows = effectiveOfTask.all(plan, taskNo).map((r) => Object.freeze(fromRow(r)));
      effectiveByTask.set(key, rows);
    }
    return rows;
  }

  function insertOne(input: NewProgress, audit: AuditInfo, recordedAt: string): ProgressRecord {
    const parsed = NewProgress.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ProgressRejected(`进展记录无效:${issue?.path.join(".")} ${issue?.message}`);
    }
    const rec = parsed.data;
    let action: AuditEntry["action"] = "add";
    if (rec.supersedes !== null) {
      const old = byId.get(rec.supersedes);
      if (!old) throw new ProgressRejected(`没有编号为 #${rec.supersedes} 的进展记录`);
      if (old.plan !== rec.plan || old.task_no !== rec.taskNo) {
        throw new ProgressRejected(`#${rec.supersedes} 属于另一项任务,不能在这里更正`);
      }
      if (old.kind === "retraction") throw new ProgressRejected(`#${rec.supersedes} 是一条撤销记录,不能再更正`);
      const later = bySupersedes.get(rec.supersedes);
      if (later) {
        throw new ProgressRejected(
          `#${rec.supersedes} 已被 #${later.id} ${later.kind === "retraction" ? "撤销" : "更正"}`,
        );
      }
      action = rec.kind === "retraction" ? "retract" : "correct";
    } else if (rec.kind === "retraction") {
      throw new ProgressRejected("撤销记录必须指明撤销哪一条");
    }
    const id = Number((insert.get({ ...rec, recordedAt }) as { id: number }).id);
    insertAudit.run(id, action, audit.actor, audit.via, recordedAt);
    return ProgressRecord.parse({ ...rec, id, recordedAt });
  }

  const addMany = db.transaction((records: readonly NewProgress[], audit: AuditInfo) => {
    const recordedAt = now().toISOString();
    return records.map((r) => insertOne(r, audit, recordedAt));
  });

  const insertRefusal = db.prepare(
    "INSERT INTO progress_audit (progress_id, action, actor, via, at, detail, reason) VALUES (NULL, 'refuse', ?, ?, ?, ?, ?)",
  );
  const auditColumns =
    'SELECT id, progress_id AS "progressId", action, actor, via, at, detail, reason FROM progress_audit';

  const rowKeyStmt = db.prepare<[string], { one: number }>(
    "SELECT 1 AS one FROM progress_row_keys WHERE row_key = ? LIMIT 1",
  );
  const insertRowKey = db.prepare("INSERT INTO progress_row_keys (row_key, progress_id) VALUES (?, ?)");
  const hasRowKey = (key: string) => rowKeyStmt.get(key) !== undefined;
  const addRows = db.transaction((rows: readonly ImportedRow[], audit: AuditInfo) => {
    const recordedAt = now().toISOString();
    const stored: ProgressRecord[] = [];
    for (const row of rows) {
      // checked again inside the transaction: two imports of one file at once store it once
      if (row.rowKey !== null && hasRowKey(row.rowKey)) continue;
      for (const r of row.records) {
        const rec = insertOne(r, audit, recordedAt);
        if (row.rowKey !== null) insertRowKey.run(row.rowKey, rec.id);
        stored.push(rec);
      }
    }
    return stored;
  });

  return {
    add: (record, audit) => addMany([record], audit)[0] as ProgressRecord,
    addMany: (records, audit) => addMany(records, audit),
    addRows: (rows, audit) => addRows(rows, audit),
    hasRowKey,
    get: (id) => {
      const row = byId.get(id);
      return row ? fromRow(row) : undefined;
    },
    supersededBy: (id) => {
      const row = bySupersedes.get(id);
      return row ? fromRow(row) : undefined;
    },
    forTask: (plan, taskNo, limit) => effectiveRecords(plan, taskNo).slice(0, limit),
    list: (filter = {}) => {
      const conditions: [string, string | number | undefined][] = [
        ["plan = ?", filter.plan],
        ["task_no = ?", filter.taskNo],
        ["reporter_id = ?", filter.reporterId],
        ["recorded_at >= ?", filter.recordedFrom],
        ["recorded_at < ?", filter.recordedBefore],
      ];
      const used = conditions.filter(([, v]) => v !== undefined);
      const where = used.map(([sql]) => sql);
      if (filter.boundByRule) {
        where.push("kind = 'report' AND target_id IS NOT NULL AND (bound_by IS NULL OR bound_by IN ('named', 'sole'))");
      }
      const params = used.map(([, v]) => v as string | number);
      const clause = where.length > 0 ? `WHERE ${where.join(" AND ")}` : "";
      if (filter.limit === undefined) {
        return db
          .prepare<unknown[], Row>(`SELECT * FROM progress ${clause} ORDER BY id`)
          .all(...params)
          .map(fromRow);
      }
      return db
        .prepare<unknown[], Row>(`SELECT * FROM progress ${clause} ORDER BY id DESC LIMIT ?`)
        .all(...params, filter.limit)
        .map(fromRow);
    },
    effectiveRecordedBetween: (from, before) => betweenStmt.all(from, before, before).map(fromRow),
    audit: (progressId) =>
      db
        .prepare<[number], AuditEntry>(
          'SELECT progress_id AS "progressId", action, actor, via, at FROM progress_audit WHERE progress_id = ? ORDER BY id',
        )
        .all(progressId),
    recordRefusal: (r) => {
      insertRefusal.run(r.actor, r.via, now().toISOString(), r.detail.slice(0, 500), r.reason);
    },
    auditTrail: (filter = {}) =>
      db
        .prepare<[number], AuditLine>(
          `${auditColumns} ${filter.refusedOnly ? "WHERE action = 'refuse'" : ""} ORDER BY id DESC LIMIT ?`,
        )
        .all(filter.limit ?? 100),
    inTransaction: (fn) => db.transaction(fn)(),
    count: () => (db.prepare("SELECT count(*) AS n FROM progress").get() as { n: number }).n,
    lastDigestRun: (chat, beforeDate) =>
      db
        .prepare<[string, string], DigestRun>(
          "SELECT chat, date, since, until, parts, sha256 FROM digest_runs WHERE chat = ? AND date < ? ORDER BY date DESC LIMIT 1",
        )
        .get(chat, beforeDate),
    digestRun: (chat, date) =>
      db
        .prepare<[string, string], DigestRun>(
          "SELECT chat, date, since, until, parts, sha256 FROM digest_runs WHERE chat = ? AND date = ?",
        )
        .get(chat, date),
    recordDigestRun: (run) => {
      db.prepare(
        `INSERT INTO digest_runs (chat, date, since, until, parts, sha256, created_at)
         VALUES (@chat, @date, @since, @until, @parts, @sha256, @createdAt) ON CONFLICT (chat, date) DO NOTHING`,
      ).run({ ...run, createdAt: now().toISOString() });
    },
    getMeta: (key) =>
      (db.prepare<[string], { value: string }>("SELECT value FROM meta WHERE key = ?").get(key) ?? undefined)?.value,
    setMeta: (key, value) => {
      db.prepare(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ).run(key, value);
    },
  };
}
