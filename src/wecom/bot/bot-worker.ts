// The bot's worker thread: its own runtime (plans, index, store connection), seen ids and streams, answering the
// callbacks the HTTP server forwards. Why: decrypting, answering and encrypting are CPU work; here they use a
// second core and leave the server's event loop to HTTP, the dashboard, pushes and the schedule.
import { parentPort, workerData } from "node:worker_threads";
import { createChatResponder } from "../../http/chat-responder.js";
import { wecomIntegrations } from "../../http/wecom-integrations.js";
import { type Logger, logger } from "../../log.js";
import { openRuntime } from "../../runtime.js";
import { openSeenMessages } from "../seen-messages.js";
import { createBotCallback } from "./callback.js";
import { createStreamBook } from "./streams.js";
import type { AnswerTiming, BotWorkerData, FromWorker, ToWorker } from "./worker-protocol.js";

const port = parentPort;
if (!port) throw new Error("bot/bot-worker.ts runs only as a worker thread");
const data = workerData as BotWorkerData;
logger.level = data.logLevel;
// The server has already loaded any sample data and migrated the file; loading samples twice would race.
const runtime = openRuntime({ ...data.env, PLANBOT_LOAD_SAMPLE: false });
// The worker answers from its own copy of the plans: it reloads them itself, as the server's thread does.
runtime.watchKnowledge(data.env.PLANBOT_RELOAD_MS);
const keys = wecomIntegrations(runtime.env).bot;
if (!keys) throw new Error("bot worker started without intelligent-bot keys");
const seenIds = openSeenMessages(runtime.env.PLANBOT_DB, runtime.db);
const send = (msg: FromWorker) => port.postMessage(msg);

// The worker's own metrics registry is never scraped: answer durations go to the server's, a batch every
// TIMINGS_EVERY_MS (a message per answer cost more than some answers).
const TIMINGS_EVERY_MS = 200;
let timings: AnswerTiming[] = [];
let timingsTimer: NodeJS.Timeout | undefined;
function sendTimings(): void {
  timingsTimer = undefined;
  if (timings.length > 0) send({ type: "answered", timings });
  timings = [];
}
const respond = createChatResponder(runtime.handleMessage, (channel, seconds) => {
  timings.push([channel, seconds]);
  timingsTimer ??= setTimeout(sendTimings, TIMINGS_EVERY_MS).unref();
});
const answer = createBotCallback({
  keys,
  windowS: runtime.env.PLANBOT_TIMESTAMP_WINDOW_S,
  seen: seenIds.seen,
  streams: createStreamBook(),
  respond,
  budgetMs: data.budgetMs,
});

async function close(): Promise<void> {
  clearTimeout(timingsTimer);
  sendTimings();
  await seenIds.close();
  runtime.close();
  send({ type: "closed" });
  port?.close();
}

port.on("message", (msg: ToWorker) => {
  if (msg.type === "close") {
    void close();
    return;
  }
  // The request's logger is made only if a line is written (a child logger costs more than many answers).
  let log: Logger | undefined;
  const request = {
    requestId: msg.requestId,
    get log() {
      log ??= logger.child({ reqId: msg.requestId });
      return log;
    },
  };
  answer(msg.query, msg.body, request).then(
    (outcome) => send({ type: "outcome", id: msg.id, outcome }),
    (err: unknown) => {
      logger.error({ err, reqId: msg.requestId }, "bot callback failed in the worker");
      send({ type: "failed", id: msg.id });
    },
  );
});
send({ type: "ready" });
