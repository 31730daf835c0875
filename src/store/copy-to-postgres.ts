// Copies every row of a SQLite database into an empty PostgreSQL one (both migrated to the same version), in one
// PostgreSQL transaction: a failure leaves PostgreSQL as it was. Ids are kept, so record numbers (#12) stay valid.
import type { SqliteDb } from "./database.js";
import type { PgDb } from "./postgres/pg-db.js";

/**
 * The tables copied, parents before the rows that refer to them. A SQLite table missing here stops the copy, so a
 * new migration's table cannot be left behind unnoticed.
 */
export const COPIED_TABLES = [
  "meta",
  "progress",
  "progress_audit",
  "progress_row_keys",
  "digest_runs",
  "wecom_seen_messages",
  "wecom_outbox",
  "idempotency_keys",
  "bot_feedback",
  "service_leases",
] as const;

/** SQLite's own bookkeeping and the SQLite-only rowid of seen ids (PostgreSQL keys them by channel and msgid). */
const NOT_COPIED_COLUMNS: Record<string, readonly string[]> = { wecom_seen_messages: ["id"] };

const BATCH = 500;

export interface CopyReport {
  table: string;
  rows: number;
}

export function copyToPostgres(from: SqliteDb, to: PgDb): CopyReport[] {
  const sqliteTables = from
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all()
    .map((r) => r.name);
  const unknown = sqliteTables.filter((t) => !(COPIED_TABLES as readonly string[]).includes(t));
  if (unknown.length > 0)
    throw new Error(`db copy: 不知道如何复制这些表:${unknown.join(", ")}(请在 COPIED_TABLES 中列出)`);
  const fromVersion = from.pragma("user_version", { simple: true }) as number;
  const toVersion = to.prepare<[], { v: number }>("SELECT max(version) AS v FROM schema_migrations").get()?.v ?? 0;
  if (fromVersion !== toVersion) {
    throw new Error(
      `db copy: SQLite 文件的版本是 ${fromVersion},PostgreSQL 的是 ${toVersion};请用同一版本的 planbot 打开两者`,
    );
  }
  return to.transaction(() => {
    const reports: CopyReport[] = [];
    for (const table of COPIED_TABLES.filter((t) => sqliteTables.includes(t))) {
      const existing = to.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0;
      if (existing > 0) throw new Error(`db copy: PostgreSQL 的表 ${table} 已有 ${existing} 行;只能复制到空数据库`);
      const skip = NOT_COPIED_COLUMNS[table] ?? [];
      const columns = from
        .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`)
        .all()
        .map((c) => c.name)
        .filter((c) => !skip.includes(c));
      // in rowid order: the order rows came in, which bot_feedback's explicit rowid keeps on PostgreSQL too
      const rows = from
        .prepare(`SELECT ${columns.join(", ")} FROM ${table} ORDER BY rowid`)
        .raw()
        .all() as unknown[][];
      for (let i = 0; i < rows.length; i += BATCH) insertBatch(to, table, columns, rows.slice(i, i + BATCH));
      if (columns.includes("id") && rows.length > 0) {
        // the next id PostgreSQL gives follows the copied ones
        to.prepare(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`).get();
      }
      reports.push({ table, rows: rows.length });
    }
    return reports;
  })();
}

function insertBatch(to: PgDb, table: string, columns: string[], rows: unknown[][]): void {
  const tuples = rows.map((_, r) => `(${columns.map((_, c) => `@p${r * columns.length + c}`).join(", ")})`);
  const params: Record<string, unknown> = {};
  rows.forEach((row, r) => {
    row.forEach((value, c) => {
      params[`p${r * columns.length + c}`] = value;
    });
  });
  to.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${tuples.join(", ")}`).run(params);
}
