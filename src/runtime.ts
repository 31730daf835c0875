// The composition root: opens knowledge, index and store once and wires them for any transport.
import { type Answerer, createAnswerer } from "./answer/answerer.js";
import type { AnswerContext } from "./answer/types.js";
import { createMessageHandler } from "./chat/handle-message.js";
import type { MessageHandler } from "./chat/message.js";
import type { Env } from "./config/env.js";
import { type LoadedPlans, loadPlans } from "./plan/knowledge.js";
import { type Db, openDatabase } from "./store/database.js";
import { createProgressStore, type ProgressStore } from "./store/progress-store.js";

export interface Runtime {
  env: Env;
  plans: LoadedPlans;
  answerer: Answerer;
  db: Db;
  store: ProgressStore;
  handleMessage: MessageHandler;
  answerContext(): AnswerContext;
  close(): void;
}

/** Today's date in China (the plans' time zone), YYYY-MM-DD. */
export function todayInShanghai(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(now);
}

export function openRuntime(env: Env): Runtime {
  const plans = loadPlans(env.PLANBOT_KNOWLEDGE);
  const answerer = createAnswerer(plans);
  const db = openDatabase(env.PLANBOT_DB);
  const store = createProgressStore(db);
  const answerContext = (): AnswerContext => ({
    today: todayInShanghai(),
    staleDays: env.PLANBOT_STALE_DAYS,
    progress: store,
  });
  const handleMessage = createMessageHandler({ answerer, context: answerContext });
  return { env, plans, answerer, db, store, handleMessage, answerContext, close: () => db.close() };
}
