// Messages between the HTTP server and the bot's worker thread (both ends are planbot: types, not zod).
import type { Env } from "../../config/env.js";
import type { BotCallbackOutcome } from "./callback.js";

export interface BotWorkerData {
  env: Env;
  budgetMs: number;
  /** the server's log level at start (the worker has its own logger) */
  logLevel: string;
}

export type ToWorker =
  /** a callback whose signature and timestamp the server has verified: its ciphertext, to decrypt and answer */
  { type: "callback"; id: number; ciphertext: string; requestId: string } | { type: "close" };

/** [channel, seconds] */
export type AnswerTiming = [string, number];

export type FromWorker =
  | { type: "ready" }
  | { type: "outcome"; id: number; outcome: BotCallbackOutcome }
  | { type: "failed"; id: number }
  /** answers' durations for the server's metrics (the worker has no /metrics of its own), sent in batches */
  | { type: "answered"; timings: AnswerTiming[] }
  | { type: "closed" };
