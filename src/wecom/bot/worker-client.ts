// Runs the bot's callbacks in a worker thread (bot/bot-worker.ts) and hands them over from the HTTP route.
// A worker that dies is started again; the callbacks it held get 503, and WeCom delivers them again.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { answerLatency, failures } from "../../http/metrics.js";
import { logger } from "../../log.js";
import type { BotCallback, BotCallbackOutcome } from "./callback.js";
import type { BotWorkerData, FromWorker, ToWorker } from "./worker-protocol.js";

export interface BotWorker {
  handle: BotCallback;
  /** Stops the thread as a crash would (it is started again); for tests and for an operator's last resort. */
  kill(): Promise<void>;
  close(): Promise<void>;
}

const UNAVAILABLE: BotCallbackOutcome = { status: 503, error: "answering is restarting", kind: "bot_worker_down" };
const FAILED: BotCallbackOutcome = { status: 500, error: "internal error", kind: "internal" };

/**
 * The compiled worker next to this file: beside it in dist/wecom/bot/, or beside every chunk of the bundled app in
 * dist/app/ (scripts/bundle-app.ts builds it there under the same name). From TypeScript sources (tests), the .ts
 * file through tsx.
 */
function spawn(data: BotWorkerData): Worker {
  const js = new URL("./bot-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData: data });
  const ts = fileURLToPath(new URL("./bot-worker.ts", import.meta.url));
  const code = `import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(ts)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(code, { eval: true, workerData: data });
}

/**
 * The server's thread only reads the request and hands it over: the worker verifies, decrypts, answers and seals.
 * Measured under load (`npm run bench -- callbacks`), the server's thread, which also parses HTTP and runs Koa, was
 * the busier of the two (event-loop utilization 0.88 against the worker's 0.60) while it verified signatures itself.
 */
export async function startBotWorker(data: BotWorkerData): Promise<BotWorker> {
  const pending = new Map<number, (outcome: BotCallbackOutcome) => void>();
  let nextId = 0;
  let closing = false;
  let worker: Worker;
  let ready: Promise<void>;

  function start(): Promise<void> {
    worker = spawn(data);
    const current = worker;
    return new Promise<void>((resolve, reject) => {
      current.on("message", (msg: FromWorker) => {
        if (msg.type === "ready") resolve();
        else if (msg.type === "answered")
          for (const [channel, seconds] of msg.timings) answerLatency().observe({ channel }, seconds);
        else if (msg.type === "outcome" || msg.type === "failed") {
          pending.get(msg.id)?.(msg.type === "outcome" ? msg.outcome : FAILED);
          pending.delete(msg.id);
        }
      });
      current.on("error", (err) => {
        logger.error({ err }, "bot worker failed");
        reject(err);
      });
      current.on("exit", (code) => {
        reject(new Error(`bot worker exited (${code}) before it was ready`));
        if (closing || current !== worker) return;
        failures().inc({ kind: "bot_worker_down" });
        logger.error({ code, inFlight: pending.size }, "bot worker exited; starting a new one");
        for (const settle of pending.values()) settle(UNAVAILABLE);
        pending.clear();
        ready = start().catch((err: unknown) => logger.error({ err }, "bot worker did not restart"));
      });
    });
  }

  ready = start();
  await ready;

  return {
    async handle(query, body, { requestId }) {
      await ready;
      const id = nextId++;
      return new Promise<BotCallbackOutcome>((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ type: "callback", id, query, body, requestId } satisfies ToWorker);
      });
    },
    async kill() {
      await worker.terminate();
    },
    async close() {
      closing = true;
      const current = worker;
      const closed = new Promise<void>((resolve) => {
        current.on("message", (msg: FromWorker) => msg.type === "closed" && resolve());
        current.once("exit", () => resolve());
      });
      current.postMessage({ type: "close" } satisfies ToWorker);
      // The worker writes its queued seen ids before it says closed; don't wait forever for a stuck one.
      const timer = setTimeout(() => current.terminate(), 5_000);
      await closed;
      clearTimeout(timer);
      await current.terminate();
    },
  };
}
