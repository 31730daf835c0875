// PostgreSQL queries answered synchronously: node-postgres runs on a worker thread and the calling thread waits on a
// shared flag (Atomics.wait) and takes the answer with receiveMessageOnPort.
// Why: every store module is written against better-sqlite3's synchronous API, which the callers, transactions and
// the in-memory answer caches rely on; a round trip on the database's network blocks the thread as a SQLite fsync does.
// The worker also holds the LISTEN connection: each notification adds one to a shared counter the caller reads for free.
import { createRequire } from "node:module";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { logger } from "../../log.js";

export interface PgOptions {
  url: string;
  /** connections kept by the worker's pool */
  poolSize?: number;
  /** PostgreSQL cancels a statement running longer than this (statement_timeout) */
  statementTimeoutMs?: number;
  /** how long a statement may wait for a connection while the server is unreachable, retrying with backoff */
  connectWithinMs?: number;
  /** the channel LISTENed to; a NOTIFY on it tells every replica that shared state changed */
  channel?: string;
}

export interface QueryResult {
  rows: Record<string, unknown>[];
  rowCount: number;
}

export class PgError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = "PgError";
  }
}

export interface SyncConnection {
  query(text: string, values?: unknown[], options?: { timeoutMs?: number }): QueryResult;
  /** pins one pooled connection for the statements until end() (a transaction) */
  begin(): void;
  end(broken?: boolean): void;
  /** writes rows with one statement in a transaction on the worker, without waiting; failures are logged */
  writeLater(text: string, rows: unknown[][]): void;
  /** calls `fn` with each batch of "channel\tmsgid\texpiresAt" of message ids stored by any replica */
  onSeenIds(fn: (ids: string[]) => void): void;
  /** notifications received since start (and reconnections of the listener, which may have missed some) */
  notifications(): number;
  close(): Promise<void>;
}

// Plain CommonJS run with eval, as store/background-writer.ts: the thread needs nothing of planbot but pg.
const SOURCE = `
const { workerData } = require("node:worker_threads");
const pg = require(workerData.driver);
pg.types.setTypeParser(20, (v) => Number(v)); // BIGINT ids, counts and epoch milliseconds fit a double
const { url, poolSize, statementTimeoutMs, connectWithinMs, channel, port, logPort, shared } = workerData;
const flag = new Int32Array(shared);
const config = { connectionString: url, statement_timeout: statementTimeoutMs, connectionTimeoutMillis: 2000 };
const pool = new pg.Pool({ ...config, max: poolSize, idleTimeoutMillis: 30000 });
pool.on("error", (err) => logPort.postMessage({ level: "warn", msg: "idle PostgreSQL connection lost", error: err.message }));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let pinned;
let closing = false;

async function connect() {
  const deadline = Date.now() + connectWithinMs;
  for (let wait = 100; ; wait = Math.min(wait * 2, 2000)) {
    try {
      return await pool.connect();
    } catch (err) {
      if (Date.now() + wait > deadline) throw err;
      logPort.postMessage({ level: "warn", msg: "PostgreSQL unreachable, retrying", error: err.message, retryInMs: wait });
      await sleep(wait);
    }
  }
}

async function run(req) {
  if (req.op === "begin") { pinned = await connect(); return { rows: [], rowCount: 0 }; }
  if (req.op === "end") { const c = pinned; pinned = undefined; c?.release(req.broken ? true : undefined); return { rows: [], rowCount: 0 }; }
  if (pinned) return await pinned.query(req.text, req.values);
  const client = await connect();
  let broken = false;
  try {
    return await client.query(req.text, req.values);
  } catch (err) {
    broken = isConnectionError(err);
    throw err;
  } finally {
    client.release(broken ? true : undefined);
  }
}

function isConnectionError(err) {
  return !err.code || /^(08|57P)/.test(err.code);
}

// Rows written in one transaction on a connection of their own, while the caller goes on (see BackgroundWriter).
async function writeBatch(req) {
  let client;
  let broken = false;
  try {
    client = await connect();
    await client.query("BEGIN");
    // prepared once per connection (by name), not parsed and planned again for every row
    const name = batchStatementName(req.text);
    for (const values of req.rows) await client.query({ name, text: req.text, values });
    await client.query("COMMIT");
  } catch (err) {
    broken = isConnectionError(err);
    try { await client?.query("ROLLBACK"); } catch {}
    logPort.postMessage({ level: "error", msg: "background write failed", error: err.message, rows: req.rows.length });
  } finally {
    client?.release(broken ? true : undefined);
  }
}

const batchStatements = new Map();
function batchStatementName(text) {
  let name = batchStatements.get(text);
  if (!name) batchStatements.set(text, (name = "planbot_batch_" + batchStatements.size));
  return name;
}

const writing = new Set();
port.on("message", async (req) => {
  if (req.op === "batch") {
    const done = writeBatch(req);
    writing.add(done);
    done.finally(() => writing.delete(done));
    return;
  }
  if (req.op === "close") return close();
  if (req.op === "listen-seen") return listenSeen();
  let answer;
  try { const r = await run(req); answer = { seq: req.seq, result: { rows: r.rows ?? [], rowCount: r.rowCount ?? 0 } }; }
  catch (err) { answer = { seq: req.seq, error: { message: err.message, code: err.code } }; }
  port.postMessage(answer);
  Atomics.store(flag, 0, req.seq);
  Atomics.notify(flag, 0);
});

async function listen() {
  for (let wait = 100; !closing; wait = Math.min(wait * 2, 5000)) {
    const client = new pg.Client(config);
    try {
      await client.connect();
      const ended = new Promise((resolve) => { client.on("error", resolve); client.on("end", resolve); });
      client.on("notification", (n) => {
        if (n.channel === SEEN_CHANNEL) return queueSeen(n.payload);
        Atomics.add(flag, 1, 1);
      });
      await client.query("LISTEN " + channel);
      if (seenWanted) await client.query("LISTEN " + SEEN_CHANNEL);
      Atomics.add(flag, 1, 1); // what was missed while not listening counts as a change
      wait = 100;
      listener = client;
      await ended;
      if (!closing) logPort.postMessage({ level: "warn", msg: "PostgreSQL notifications lost, listening again" });
    } catch (err) {
      if (!closing) logPort.postMessage({ level: "warn", msg: "PostgreSQL LISTEN failed, retrying", error: err.message, retryInMs: wait });
    }
    try { await client.end(); } catch {}
    if (!closing) await sleep(wait);
  }
}
let listener;
// Seen ids arrive for every message any replica answers: listened to only once this thread's caller asks for them.
let seenWanted = false;
async function listenSeen() {
  if (seenWanted) return;
  seenWanted = true;
  try { await listener?.query("LISTEN " + SEEN_CHANNEL); } catch {} // a lost listener LISTENs again when it reconnects
}
listen();

// Message ids other replicas (and this one) stored, passed on to the caller's thread a batch at a time.
const SEEN_CHANNEL = "planbot_seen";
let seenBatch = [];
function queueSeen(payload) {
  if (seenBatch.length === 0) setTimeout(() => { logPort.postMessage({ seen: seenBatch }); seenBatch = []; }, 5);
  seenBatch.push(payload);
}

// after the batches sent before it: they travel on the same port, so they have started
async function close() {
  closing = true;
  await Promise.allSettled([...writing]);
  try { await listener?.end(); } catch {}
  await pool.end();
  process.exit(0);
}
`;

export function openSyncConnection(options: PgOptions): SyncConnection {
  const statementTimeoutMs = options.statementTimeoutMs ?? 5_000;
  const connectWithinMs = options.connectWithinMs ?? 3_000;
  const shared = new SharedArrayBuffer(8);
  const flag = new Int32Array(shared);
  const { port1: port, port2 } = new MessageChannel();
  const { port1: logs, port2: logPort } = new MessageChannel();
  const driver = createRequire(import.meta.url).resolve("pg");
  const worker = new Worker(SOURCE, {
    eval: true,
    workerData: {
      driver,
      url: options.url,
      poolSize: options.poolSize ?? 4,
      statementTimeoutMs,
      connectWithinMs,
      channel: options.channel ?? "planbot_changes",
      port: port2,
      logPort,
      shared,
    },
    transferList: [port2, logPort],
  });
  worker.unref();
  logs.unref();
  const seenListeners: ((ids: string[]) => void)[] = [];
  logs.on("message", (m: { level: "warn" | "error"; msg: string } | { seen: string[] }) => {
    if ("seen" in m) for (const fn of seenListeners) fn(m.seen);
    else logger[m.level](m, m.msg);
  });
  worker.on("error", (err) => logger.error({ err }, "PostgreSQL worker failed"));
  let seq = 0;

  function call(req: Record<string, unknown>, timeoutMs: number): QueryResult {
    const mine = ++seq;
    port.postMessage({ ...req, seq: mine });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = Atomics.load(flag, 0);
      const answer = receive(port, mine);
      if (answer) {
        if (answer.error) throw new PgError(answer.error.message, answer.error.code);
        return answer.result as QueryResult;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new PgError(`PostgreSQL did not answer within ${timeoutMs} ms`, "planbot_timeout");
      Atomics.wait(flag, 0, seen, left);
    }
  }

  const waitMs = statementTimeoutMs + connectWithinMs + 1_000;
  return {
    query: (text, values = [], opts = {}) => call({ op: "query", text, values }, opts.timeoutMs ?? waitMs),
    begin: () => void call({ op: "begin" }, waitMs),
    end: (broken = false) => void call({ op: "end", broken }, waitMs),
    writeLater: (text, rows) => port.postMessage({ op: "batch", seq: 0, text, rows }),
    onSeenIds: (fn) => {
      if (seenListeners.push(fn) === 1) port.postMessage({ op: "listen-seen", seq: 0 });
    },
    notifications: () => Atomics.load(flag, 1),
    async close() {
      const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      port.postMessage({ op: "close", seq: 0 });
      const timer = setTimeout(() => worker.terminate(), 5_000);
      await exited;
      clearTimeout(timer);
      port.close();
      logs.close();
    },
  };
}

interface Answer {
  seq: number;
  result?: QueryResult;
  error?: { message: string; code?: string };
}

/** The answer to request `seq`, if it came; answers to requests that timed out earlier are dropped. */
function receive(port: MessagePort, seq: number): Answer | undefined {
  for (;;) {
    const got = receiveMessageOnPort(port);
    if (!got) return undefined;
    const answer = got.message as Answer;
    if (answer.seq === seq) return answer;
  }
}
