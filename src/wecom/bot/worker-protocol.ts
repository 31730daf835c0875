// Messages between the HTTP server and the bot's worker thread (both ends are planbot: types, not zod).
import type { Env } from "../../config/env.js";
import type { SignedQuery } from "../crypto.js";
import type { BotCallbackOutcome } from "./callback.js";

export interface BotWorkerData {
  env: Env;
  budgetMs: number;
  /** the server's log level at start (the worker has its own logger) */
  logLevel: string;
}

export type ToWorker =
  /** a callback as the server read it (signed query, body): the worker verifies, decrypts, answers and seals it */
  { type: "callback"; id: number; query: SignedQuery; body: string; requestId: string } | { type: "close" };

/** [channel, seconds] */
export type AnswerTiming = [string, number];

export type FromWorker =
  | { type: "ready" }
  | { type: "outcome"; id: number; outcome: BotCallbackOutcome }
  | { type: "failed"; id: number }
  /** answers' durations for the server's metrics (the worker has no /metrics of its own), sent in batches */
  | { type: "answered"; timings: AnswerTiming[] }
  | { type: "closed" };
