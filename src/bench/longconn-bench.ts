// Messages per second and p99 from a user's message to planbot's final stream frame over the long connection (the
// real SDK against the local simulator), beside the callback channel (encrypted HTTP callbacks) in the same run.
// Both answer on the server's event loop with the real answering core, 10 messages in flight; rounds alternate.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { logger } from "../log.js";
import { type LongConnSimulator, startLongConnSimulator } from "../wecom/simulator/longconn-server.js";
import {
  CONNECTIONS,
  callbackRequests,
  measure,
  median,
  QUESTIONS,
  round1,
  type Service,
  startService,
} from "./callback-bench.js";

const ROUND_S = Number(process.env.BENCH_LONGCONN_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_LONGCONN_ROUNDS ?? 5);

interface Round {
  rps: number;
  p99: number;
  total: number;
  failed: number;
}

const p99Of = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)] ?? 0;

/** Keeps `inFlight` text messages outstanding for `seconds`; each one's time runs to its finish: true frame. */
function longConnRound(sim: LongConnSimulator, pending: Map<string, number>, inFlight: number, seconds: number) {
  return new Promise<Round>((resolve) => {
    const latencies: number[] = [];
    let failed = 0;
    let sent = 0;
    const started = performance.now();
    const stopAt = started + seconds * 1000;
    let finishing = false;
    const sendOne = () => {
      const q = QUESTIONS[sent % QUESTIONS.length] ?? "";
      sent += 1;
      pending.set(sim.sendText(q, { userid: `u${sent % 50}`, chatid: "bench" }), performance.now());
    };
    const onDone = (ok: boolean, ms: number) => {
      if (ok) latencies.push(ms);
      else failed += 1;
      if (performance.now() < stopAt) sendOne();
      else if (pending.size === 0 && !finishing) {
        finishing = true;
        const elapsed = (performance.now() - started) / 1000;
        resolve({ rps: latencies.length / elapsed, p99: p99Of(latencies), total: latencies.length, failed });
      }
    };
    roundDone = onDone;
    for (let i = 0; i < inFlight; i += 1) sendOne();
  });
}

/** The running round's completion callback (the simulator's onFrame calls it). */
let roundDone: (ok: boolean, ms: number) => void = () => {};

export async function runLongConnBench(): Promise<Record<string, number | string>> {
  const level = logger.level;
  logger.level = "warn";
  const dir = mkdtempSync(join(tmpdir(), "planbot-bench-lc-"));
  const bot = { botId: "aib-bench", secret: "bench-secret" };
  const pending = new Map<string, number>();
  const sim = await startLongConnSimulator({
    bots: [bot],
    keepFrames: false,
    onFrame: (f) => {
      if (f.body?.stream?.finish !== true) return;
      const at = pending.get(f.reqId);
      if (at === undefined) return;
      pending.delete(f.reqId);
      roundDone(f.errcode === 0, performance.now() - at);
    },
  });
  let longConn: Service | undefined;
  let callback: Service | undefined;
  try {
    longConn = await startService(dir, "longconn", {
      botWorker: false,
      env: { WECOM_BOT_ID: bot.botId, WECOM_BOT_SECRET: bot.secret, WECOM_BOT_WS_URL: sim.url },
    });
    callback = await startService(dir, "callback", { botWorker: false });
    await sim.waitForAuthentications(1);
    const cb = callback;
    const lc: Round[] = [];
    const http: Round[] = [];
    const lcRound = () => longConnRound(sim, pending, CONNECTIONS, ROUND_S);
    const httpRound = () =>
      measure(cb.server.url, { requests: callbackRequests(cb.creds) }).then((m) => ({
        rps: m.rps,
        p99: m.p99,
        total: m.total,
        failed: m.failed,
      }));
    // Warm-up, discarded.
    await lcRound();
    await httpRound();
    for (let r = 0; r < ROUNDS; r += 1) {
      lc.push(await lcRound());
      http.push(await httpRound());
    }
    const one = await longConnRound(sim, pending, 1, ROUND_S);
    return {
      longconn_msgs_per_s: Math.round(median(lc.map((m) => m.rps))),
      longconn_p99_ms: round1(median(lc.map((m) => m.p99))),
      longconn_one_in_flight_p99_ms: round1(one.p99),
      callback_in_process_rps: Math.round(median(http.map((m) => m.rps))),
      callback_in_process_p99_ms: round1(median(http.map((m) => m.p99))),
      longconn_vs_callback: Math.round(median(lc.map((m, i) => m.rps / Math.max(1, http[i]?.rps ?? 1))) * 100) / 100,
      longconn_failed: [...lc, one].reduce((n, m) => n + m.failed, 0),
      longconn_setup: `${CONNECTIONS} messages in flight (callback: ${CONNECTIONS} HTTP connections), ${ROUNDS} alternating rounds of ${ROUND_S} s, medians; both answered on the server's event loop by the real core; simulator and client in the same process; time = message sent → final stream frame received`,
    };
  } finally {
    await longConn?.server.close();
    await callback?.server.close();
    longConn?.runtime.close();
    callback?.runtime.close();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
    logger.level = level;
  }
}
