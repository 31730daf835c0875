// The composition root: opens knowledge, index and store once and wires them for any transport.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type Answerer, createAnswerer } from "./answer/answerer.js";
import type { AnswerContext } from "./answer/types.js";
import { findReporter } from "./auth/permission.js";
import { loadReporters, type ReportersFile } from "./auth/reporters.js";
import { createDigestCommand } from "./chat/digest-command.js";
import { createMessageHandler } from "./chat/handle-message.js";
import type { MessageHandler } from "./chat/message.js";
import { createProgressCommands } from "./chat/progress-commands.js";
import type { Env } from "./config/env.js";
import { logger } from "./log.js";
import { type LoadedPlans, loadPlans } from "./plan/knowledge.js";
import { watchKnowledge } from "./plan/knowledge-watch.js";
import { loadSampleProgress } from "./progress/sample.js";
import { type Db, openDatabase } from "./store/database.js";
import { createProgressStore, type ProgressStore } from "./store/progress-store.js";
import { plansByChatid } from "./wecom/chats.js";
import { chatsFromEnv } from "./wecom/outbound-delivery.js";

export interface Runtime {
  env: Env;
  /** the plans serving now: read it once per question (a reload swaps it whole) */
  readonly plans: LoadedPlans;
  readonly answerer: Answerer;
  db: Db;
  store: ProgressStore;
  /** who may record progress (PLANBOT_REPORTERS, else knowledge/reporters.yaml when present) */
  reporters: ReportersFile;
  handleMessage: MessageHandler;
  answerContext(): AnswerContext;
  /**
   * Loads the knowledge folder again and swaps it in whole; a folder that does not load or validate leaves the
   * plans serving now in place, with an error log line. True when the new plans serve.
   */
  reload(): boolean;
  /** Reloads whenever the knowledge folder's files change (every intervalMs; 0 = never); close() stops it. */
  watchKnowledge(intervalMs: number): void;
  close(): void;
}

/** Everything built from one loading of the knowledge folder; a question is answered by one of these, whole. */
interface Knowledge {
  plans: LoadedPlans;
  answerer: Answerer;
  handleMessage: MessageHandler;
}

/** Today's date in China (the plans' time zone), YYYY-MM-DD. */
// Built once: constructing an Intl formatter costs far more than formatting with it.
const shanghaiDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" });

/** The last date formatted, by UTC hour: China's offset is whole hours, so its date can only change on the hour. */
let lastDate = { hour: Number.NaN, date: "" };

export function todayInShanghai(now = new Date()): string {
  const hour = Math.floor(now.getTime() / 3_600_000);
  if (hour !== lastDate.hour) lastDate = { hour, date: shanghaiDate.format(now) };
  return lastDate.date;
}

/**
 * Which plan each group's questions are about: the chats file's entries that give a chatid and a plan. A chats file
 * that does not load leaves every group without one (serve refuses to start on it anyway, through the schedule).
 */
function groupPlans(env: Env, plans: LoadedPlans): Map<string, string> {
  if (env.PLANBOT_CHATS === undefined) return new Map();
  try {
    return plansByChatid(chatsFromEnv({ env, plans }));
  } catch (err) {
    logger.warn({ err: (err as Error).message }, "chats file not read: groups have no plan of their own");
    return new Map();
  }
}

function defaultReportersFile(knowledgeDir: string): string | undefined {
  const file = join(knowledgeDir, "reporters.yaml");
  return existsSync(file) ? file : undefined;
}

export function openRuntime(env: Env): Runtime {
  const db = openDatabase(env.PLANBOT_DB);
  const store = createProgressStore(db);
  const answerContext = (): AnswerContext => ({
    today: todayInShanghai(),
    staleDays: env.PLANBOT_STALE_DAYS,
    progress: store,
  });
  const reporters = loadReporters(env.PLANBOT_REPORTERS ?? defaultReportersFile(env.PLANBOT_KNOWLEDGE));

  function build(plans: LoadedPlans): Knowledge {
    const answerer = createAnswerer(plans);
    const progressCommands = createProgressCommands({
      plans: plans.plans,
      directory: plans.directory,
      answerer,
      store,
      reporters: () => reporters,
      today: () => todayInShanghai(),
      staleDays: env.PLANBOT_STALE_DAYS,
    });
    const planOfGroup = groupPlans(env, plans);
    const planOfChat = (chatid: string) => planOfGroup.get(chatid);
    const digestCommand = createDigestCommand(
      () => ({
        store,
        plans: plans.plans,
        directory: plans.directory,
        reporters,
        staleDays: env.PLANBOT_STALE_DAYS,
      }),
      todayInShanghai,
      planOfChat,
    );
    const handleMessage = createMessageHandler({
      answerer,
      context: answerContext,
      progressCommands: (msg) => progressCommands(msg) ?? digestCommand(msg),
      departmentsOf: (userid) => findReporter(reporters, userid)?.departments ?? [],
      planOfChat,
    });
    return { plans, answerer, handleMessage };
  }

  let current = build(loadPlans(env.PLANBOT_KNOWLEDGE));
  if (env.PLANBOT_LOAD_SAMPLE) {
    loadSampleProgress(env.PLANBOT_KNOWLEDGE, store, {
      plans: current.plans.plans,
      answerer: current.answerer,
      today: todayInShanghai(),
    });
  }
  let stopWatching = () => {};

  function reload(): boolean {
    try {
      const next = build(loadPlans(env.PLANBOT_KNOWLEDGE));
      current = next;
      logger.info(
        { knowledge: env.PLANBOT_KNOWLEDGE, plans: next.plans.plans.map((p) => p.slug) },
        "plans reloaded: new questions are answered from them",
      );
      return true;
    } catch (err) {
      logger.error(
        { knowledge: env.PLANBOT_KNOWLEDGE, err: (err as Error).message },
        "plans not reloaded: the knowledge folder does not load; the plans loaded before keep serving",
      );
      return false;
    }
  }

  return {
    env,
    get plans() {
      return current.plans;
    },
    get answerer() {
      return current.answerer;
    },
    db,
    store,
    reporters,
    // The snapshot is taken once per message, so one message is answered by one matrix even if a reload lands.
    handleMessage: (msg) => current.handleMessage(msg),
    answerContext,
    reload,
    watchKnowledge(intervalMs) {
      stopWatching();
      if (intervalMs > 0) stopWatching = watchKnowledge(env.PLANBOT_KNOWLEDGE, intervalMs, reload);
    },
    close: () => {
      stopWatching();
      db.close();
    },
  };
}
