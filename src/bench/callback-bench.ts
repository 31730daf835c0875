// Encrypted intelligent-bot callbacks per second over loopback HTTP, beside a bare Koa endpoint in the same run.
// Rounds alternate between the endpoints so that load from elsewhere on the machine hits both alike.
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import Koa from "koa";
import type { MessageHandler } from "../chat/message.js";
import { loadEnv } from "../config/env.js";
import { type RunningServer, startServer } from "../http/server.js";
import { logger } from "../log.js";
import { openRuntime, type Runtime } from "../runtime.js";
import { openPostgres } from "../store/postgres/open-postgres.js";
import { streamIdOf, streamReply } from "../wecom/bot/replies.js";
import { openCiphertext, sealReply, verifyCallback } from "../wecom/crypto.js";
import { botCallback, botKeys, botTextMessage } from "../wecom/simulator/callbacks.js";
import { credentialsEnv, newCredentials, type SimulatedCredentials } from "../wecom/simulator/credentials.js";
import { startTcpBalancer } from "./tcp-balancer.js";

const ROUND_S = Number(process.env.BENCH_CALLBACK_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_CALLBACK_ROUNDS ?? 5);
export const CONNECTIONS = 10;
/** Replay protection answers a repeated msgid from the store: every request needs its own, encrypted up front. */
const BODIES_PER_ROUND = Number(process.env.BENCH_CALLBACK_BODIES ?? 30_000);
export const QUESTIONS = ["牵头部门是哪个", "有哪些目标", "任务一由谁牵头", "进展如何", "帮助", "第二项任务的协同部门"];

interface Measured {
  rps: number;
  p99: number;
  total: number;
  failed: number;
  /** CPU time of this process (client and server) per request: steadier than rps when the machine is shared */
  cpuUs: number;
}

export async function measure(
  url: string,
  opts: { requests: autocannon.Request[]; connections?: number },
): Promise<Measured> {
  // This round's bodies were just made (tens of MB, partly still in the young generation) and the last round's are
  // garbage: settle the heap before the clock starts, so that no endpoint pays for another's setup (run.js passes
  // --expose-gc; without it this is skipped).
  globalThis.gc?.();
  const cpu = process.cpuUsage();
  const result = await autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/json" },
    connections: CONNECTIONS,
    duration: ROUND_S,
    ...opts,
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    total: result.requests.total,
    failed: result.non2xx + result.errors + result.timeouts,
    cpuUs: cpuPerRequest(process.cpuUsage(cpu), result.requests.total),
  };
}

function cpuPerRequest(used: NodeJS.CpuUsage, requests: number): number {
  return (used.user + used.system) / Math.max(1, requests);
}

/** The baseline: Koa reading the same JSON bodies and answering a small JSON, no crypto, no store. */
async function startBareKoa(): Promise<{ url: string; server: Server }> {
  const app = new Koa();
  app.use(async (ctx) => {
    let raw = "";
    for await (const chunk of ctx.req) raw += chunk;
    ctx.body = { ok: true, bytes: JSON.parse(raw).encrypt.length };
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

/**
 * The protocol's own floor: Koa doing only what WeCom requires of any callback (verify the signature, decrypt,
 * encrypt and sign a constant reply), with planbot's crypto functions: no dedupe, no store, no answer.
 */
async function startCryptoOnlyKoa(creds: SimulatedCredentials): Promise<{ url: string; server: Server }> {
  const keys = botKeys(creds.bot);
  const app = new Koa();
  app.use(async (ctx) => {
    let raw = "";
    for await (const chunk of ctx.req) raw += chunk;
    const ciphertext: string = JSON.parse(raw).encrypt;
    const query = {
      signature: String(ctx.query.msg_signature),
      timestamp: String(ctx.query.timestamp),
      nonce: String(ctx.query.nonce),
    };
    verifyCallback(keys, query, ciphertext, 300);
    const msg = JSON.parse(openCiphertext(keys, ciphertext));
    ctx.body = sealReply(keys, streamReply(streamIdOf(msg.msgid), "收到。", true));
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

export interface Service {
  runtime: Runtime;
  server: RunningServer;
  creds: SimulatedCredentials;
}

export async function startService(
  dir: string,
  name: string,
  opts: {
    botWorker: boolean;
    handler?: MessageHandler;
    env?: Record<string, string>;
    databaseUrl?: string;
    creds?: SimulatedCredentials;
  },
): Promise<Service> {
  const creds = opts.creds ?? newCredentials();
  const env = loadEnv({
    PLANBOT_KNOWLEDGE: process.env.PLANBOT_KNOWLEDGE ?? "./knowledge",
    PLANBOT_DB: join(dir, `${name}.sqlite`),
    ...(opts.databaseUrl ? { PLANBOT_DATABASE_URL: opts.databaseUrl } : {}),
    ...credentialsEnv(creds),
    ...opts.env,
  });
  const runtime = openRuntime(env);
  if (opts.handler) runtime.handleMessage = opts.handler;
  const server = await startServer(runtime, { host: "127.0.0.1", port: 0 }, { botWorker: opts.botWorker });
  return { runtime, server, creds };
}

/** Distinct signed callbacks with fresh timestamps, replayed in order by autocannon (prepared up front). */
export function callbackRequests(creds: SimulatedCredentials): autocannon.Request[] {
  const keys = botKeys(creds.bot);
  const prepared = Array.from({ length: BODIES_PER_ROUND }, (_, i) => {
    const q = QUESTIONS[i % QUESTIONS.length] ?? "";
    const cb = botCallback(keys, botTextMessage({ text: q, userid: `u${i % 50}`, chatid: "bench" }));
    return { path: `${cb.path}?${new URLSearchParams(cb.query)}`, body: cb.body };
  });
  let next = 0;
  // The bare Koa baseline gets the same generator, so the client's share of the CPU is the same in both.
  return [{ method: "POST", setupRequest: (req) => ({ ...req, ...prepared[next++ % prepared.length] }) }];
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
export const round1 = (x: number) => Math.round(x * 10) / 10;

export async function runCallbackBench(): Promise<Record<string, number | string>> {
  const level = logger.level;
  logger.level = "warn"; // two info lines a request would measure the log sink, not planbot
  const dir = mkdtempSync(join(tmpdir(), "planbot-bench-"));
  const bare = await startBareKoa();
  // End to end with the real answering core: answered in the bot's worker thread (the default on a machine with
  // several cores) and on the server's own event loop; and with a constant answer, to isolate the transport.
  const real = await startService(dir, "real", { botWorker: true });
  const inProcess = await startService(dir, "in-process", { botWorker: false });
  const fixed = await startService(dir, "fixed", {
    botWorker: false,
    handler: async () => ({ markdown: "收到。", kind: "bench" }),
  });
  const cryptoOnly = await startCryptoOnlyKoa(real.creds);
  const pg = await startPostgresServices(dir);
  const endpoints: Record<string, { url: string; creds: SimulatedCredentials }> = {
    bare: { url: bare.url, creds: real.creds },
    crypto: { url: cryptoOnly.url, creds: real.creds },
    real: { url: real.server.url, creds: real.creds },
    inProcess: { url: inProcess.server.url, creds: inProcess.creds },
    fixed: { url: fixed.server.url, creds: fixed.creds },
    ...(pg
      ? {
          pgOne: { url: pg.one.server.url, creds: pg.one.creds },
          pgTwo: { url: pg.balancer.url, creds: pg.one.creds },
        }
      : {}),
  };
  type Endpoint = string;
  const names = Object.keys(endpoints);
  const rows = Object.fromEntries(names.map((k) => [k, [] as Measured[]])) as Record<Endpoint, Measured[]>;
  const series = (k: Endpoint): Measured[] => rows[k] ?? [];
  const round = (k: Endpoint) => {
    const e = endpoints[k] as { url: string; creds: SimulatedCredentials };
    return measure(e.url, { requests: callbackRequests(e.creds) });
  };
  try {
    // Warm-up, discarded: the first round of each endpoint also pays for compiling its code.
    for (const k of names) await round(k);
    for (let r = 0; r < ROUNDS; r++) for (const k of names) series(k).push(await round(k));
    // One request at a time: what a user waits for, without the queue that 10 saturating connections build.
    const single = await measure(real.server.url, { requests: callbackRequests(real.creds), connections: 1 });
    const ratio = (k: Endpoint, to: Endpoint = "bare") =>
      Math.round(median(series(k).map((m, i) => m.rps / Math.max(1, series(to)[i]?.rps ?? 1))) * 100) / 100;
    const postgres: Record<string, number | string> = pg
      ? {
          postgres_one_replica_rps: Math.round(median(series("pgOne").map((m) => m.rps))),
          postgres_one_replica_p99_ms: round1(median(series("pgOne").map((m) => m.p99))),
          postgres_one_replica_vs_sqlite: ratio("pgOne", "real"),
          postgres_two_replicas_rps: Math.round(median(series("pgTwo").map((m) => m.rps))),
          postgres_two_replicas_p99_ms: round1(median(series("pgTwo").map((m) => m.p99))),
          postgres_two_replicas_vs_sqlite: ratio("pgTwo", "real"),
          postgres_goal: "one replica ≥0.7× SQLite",
          postgres_failed_requests: [...series("pgOne"), ...series("pgTwo")].reduce((n, m) => n + m.failed, 0),
        }
      : { postgres: "skipped: set PLANBOT_BENCH_DATABASE_URL=postgres://… to measure it" };
    return {
      callback_rps: Math.round(median(series("real").map((m) => m.rps))),
      callback_p99_ms: round1(median(series("real").map((m) => m.p99))),
      callback_vs_bare_koa: ratio("real"),
      callback_one_connection_p99_ms: round1(single.p99),
      callback_in_process_rps: Math.round(median(series("inProcess").map((m) => m.rps))),
      callback_in_process_p99_ms: round1(median(series("inProcess").map((m) => m.p99))),
      callback_in_process_vs_bare_koa: ratio("inProcess"),
      callback_transport_rps: Math.round(median(series("fixed").map((m) => m.rps))),
      callback_transport_p99_ms: round1(median(series("fixed").map((m) => m.p99))),
      callback_transport_vs_bare_koa: ratio("fixed"),
      bare_koa_rps: Math.round(median(series("bare").map((m) => m.rps))),
      bare_koa_p99_ms: round1(median(series("bare").map((m) => m.p99))),
      crypto_only_koa_rps: Math.round(median(series("crypto").map((m) => m.rps))),
      crypto_only_koa_vs_bare_koa: ratio("crypto"),
      sqlite_vs_crypto_only: ratio("real", "crypto"),
      sqlite_goal: "≥0.9× the crypto-only floor",
      ...postgres,
      cpu_us_per_request: names.map((k) => `${k} ${Math.round(median(series(k).map((m) => m.cpuUs)))}`).join(", "),
      callback_failed_requests: [...series("real"), ...series("inProcess"), ...series("fixed"), single].reduce(
        (n, m) => n + m.failed,
        0,
      ),
      callback_goal: "≥0.4× bare Koa, p99 ≤10 ms",
      callback_setup: `${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${ROUND_S} s, medians; loopback, client in the same process; callback_* answers in the bot's worker thread, callback_in_process_* on the server's event loop`,
    };
  } finally {
    await real.server.close();
    await inProcess.server.close();
    await fixed.server.close();
    await new Promise((r) => bare.server.close(r));
    await new Promise((r) => cryptoOnly.server.close(r));
    real.runtime.close();
    inProcess.runtime.close();
    fixed.runtime.close();
    await pg?.close();
    rmSync(dir, { recursive: true, force: true });
    logger.level = level;
  }
}

/**
 * planbot on PostgreSQL (PLANBOT_BENCH_DATABASE_URL, a schema of its own dropped afterwards): one replica, and two
 * replicas sharing the database behind one port; both answer in their bot worker threads, as `real` does on SQLite.
 */
async function startPostgresServices(dir: string) {
  const base = process.env.PLANBOT_BENCH_DATABASE_URL;
  if (!base) return undefined;
  const schema = `bench_${process.pid}_${Date.now()}`;
  const admin = openPostgres({ url: base });
  admin.exec(`CREATE SCHEMA ${schema}`);
  const url = new URL(base);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const creds = newCredentials();
  const databaseUrl = url.toString();
  const one = await startService(dir, "pg-one", { botWorker: true, databaseUrl, creds });
  const two = await startService(dir, "pg-two", { botWorker: true, databaseUrl, creds });
  const balancer = await startTcpBalancer([one.server.url, two.server.url]);
  return {
    one,
    balancer,
    async close() {
      await new Promise((r) => balancer.server.close(r));
      await one.server.close();
      await two.server.close();
      one.runtime.close();
      two.runtime.close();
      admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.closeAsync();
    },
  };
}
