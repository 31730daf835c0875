// A thread that writes a table's high-volume rows in batches and moves the WAL into the database file.
// Why: both sync the disk. A checkpoint left automatic ran inside whichever commit filled the WAL, and at full load
// it stalled a bot callback's thread for ~14 ms every few seconds, the worst of the latency tail. Done here, after
// this thread's own batch, the checkpoint also finds no other writer in the way and the WAL starts over.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { logger } from "../log.js";

/** Connections that commit often turn automatic checkpoints off and leave them to a background writer. */
export const NO_AUTO_CHECKPOINT = "wal_autocheckpoint = 0";

export interface BackgroundWriter {
  /** rows for `sql` (positional parameters), written in one transaction soon */
  write(rows: unknown[][]): void;
  /** writes what was sent, checkpoints, and stops the thread */
  close(): Promise<void>;
}

// Plain CommonJS run with eval: the thread needs nothing of planbot but better-sqlite3, from TypeScript or from dist.
const SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 5000");
db.pragma("synchronous = NORMAL");
db.pragma("wal_autocheckpoint = 0");
db.pragma("journal_size_limit = 16777216"); // a WAL that grew under load shrinks back when it starts over
const insert = db.prepare(workerData.sql);
const writeAll = db.transaction((rows) => { for (const row of rows) insert.run(...row); });
const checkpoint = () => { try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {} };
const timer = setInterval(checkpoint, workerData.checkpointEveryMs);
parentPort.on("message", (msg) => {
  if (msg.rows) {
    try { writeAll(msg.rows); } catch (err) { parentPort.postMessage({ error: String(err) }); }
    return;
  }
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage({ closed: true });
  parentPort.close();
});
`;

export function startBackgroundWriter(file: string, sql: string, checkpointEveryMs = 1000): BackgroundWriter {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(SOURCE, { eval: true, workerData: { file, sql, checkpointEveryMs, driver } });
  worker.unref();
  worker.on("message", (msg: { error?: string }) => {
    // The rows stay in their owner's memory; only a restart would forget them.
    if (msg.error) logger.error({ error: msg.error }, "background write failed");
  });
  worker.on("error", (err) => logger.error({ err }, "background writer failed"));
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    write(rows) {
      worker.postMessage({ rows });
    },
    async close() {
      worker.postMessage({ close: true });
      const timer = setTimeout(() => worker.terminate(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
