// The composition root: opens knowledge, index and store once and wires them for any transport.
import { join } from "node:path";
import { type Answerer, createAnswerer } from "./answer/answerer.js";
import type { AnswerContext } from "./answer/types.js";
import { loadReporters, type ReportersFile } from "./auth/reporters.js";
import { createFileReports, type FileReports } from "./chat/file-reports.js";
import type { HandleOptions, IncomingMessage, MessageHandler, Reply } from "./chat/message.js";
import type { ProgressCommands } from "./chat/progress-commands.js";
import { ConfigError, type Env } from "./config/env.js";
import { attempt } from "./config/file-problems.js";
import { logger } from "./log.js";
import { type LoadedPlans, loadPlans } from "./plan/knowledge.js";
import { watchKnowledge } from "./plan/knowledge-watch.js";
import { loadSampleProgress } from "./progress/sample.js";
import { localDateTime } from "./schedule/local-time.js";
import { DatabaseOpenError } from "./store/database.js";
import { type Db, openStoreDatabase } from "./store/open-store.js";
import { createProgressStore, type ProgressStore } from "./store/progress-store.js";
import { chatsFromEnv, plansByChatid } from "./wecom/chats.js";

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
  /** a click on one of a reply's choices (a card's button): the choice's key, under the clicker's rights */
  chooseProgress(msg: IncomingMessage, key: string, options?: HandleOptions): Promise<Reply>;
  /** progress reports sent as a spreadsheet: proposed, then recorded on the sender's confirmation */
  fileReports: FileReports;
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
  chooseProgress(msg: IncomingMessage, key: string, options?: HandleOptions): Promise<Reply>;
  fileReports: FileReports;
}

/** Today's date in China (the plans' time zone), YYYY-MM-DD. */
export function todayInShanghai(now = new Date()): string {
  return localDateTime(now.getTime()).day;
}

/**
 * The sample is a demonstration: with PLANBOT_LOAD_SAMPLE the whole run keeps its store in memory, so that nothing
 * of the sample (nor anything recorded beside it) reaches PLANBOT_DB, and a restart without the flag shows none of it.
 */
function sampleAware(env: Env): Env {
  if (!env.PLANBOT_LOAD_SAMPLE) return env;
  logger.warn(
    { PLANBOT_DB: env.PLANBOT_DB },
    "PLANBOT_LOAD_SAMPLE: sample mode, the store is in memory: PLANBOT_DB is not opened and nothing recorded now is kept",
  );
  return { ...env, PLANBOT_DB: ":memory:", PLANBOT_DATABASE_URL: undefined };
}

export function openRuntime(given: Env): Runtime {
  const env = sampleAware(given);
  const firstPlans = loadPlans(env.PLANBOT_KNOWLEDGE);
  // The database, the reporters file and the chats file are all checked before any is refused: one message
  // lists every problem, each with the variable and file it comes from.
  const problems: string[] = [];
  const db = attempt(
    problems,
    () => openStoreDatabase(env),
    (err) =>
      env.PLANBOT_DATABASE_URL !== undefined
        ? `- PLANBOT_DATABASE_URL: ${(err as Error).message}`
        : `- PLANBOT_DB=${env.PLANBOT_DB}: ${err instanceof DatabaseOpenError ? err.message : String(err)}`,
  );
  const reporters = attempt(problems, () =>
    loadReporters(env.PLANBOT_REPORTERS, join(env.PLANBOT_KNOWLEDGE, "reporters.yaml")),
  );
  const firstGroups = attempt(problems, () => plansByChatid(chatsFromEnv({ env, plans: firstPlans })));
  if (!db || !reporters || !firstGroups || problems.length > 0) {
    db?.close();
    throw new ConfigError(`Invalid configuration:\n${problems.join("\n")}`);
  }
  const people: ReportersFile = reporters;
  const store = createProgressStore(db);
  const answerContext = (): AnswerContext => ({
    today: todayInShanghai(),
    staleDays: env.PLANBOT_STALE_DAYS,
    progress: store,
  });

  /**
   * Everything built from one loading of the knowledge folder. The chat's commands (progress, digest) are loaded on
   * the first message, not at start: `planbot ask` and the answering core never need them, and start-up is mostly
   * module loading.
   */
  function build(plans: LoadedPlans, planOfGroup: Map<string, string>): Knowledge {
    const answerer = createAnswerer(plans);
    // what every writer of progress reads: the plans, who may write, today
    const writing = {
      plans: plans.plans,
      directory: plans.directory,
      answerer,
      store,
      reporters: () => people,
      today: () => todayInShanghai(),
      glossary: plans.glossary,
    };
    const fileReports = createFileReports(writing);
    type Chat = { handle: MessageHandler; progressCommands: Pick<ProgressCommands, "choose"> };
    let chat: Promise<Chat> | undefined;
    const chatHandler = async (): Promise<Chat> => {
      const [{ findReporter }, { createDigestCommand }, { createMessageHandler }, { createProgressCommands }] =
        await Promise.all([
          import("./auth/permission.js"),
          import("./chat/digest-command.js"),
          import("./chat/handle-message.js"),
          import("./chat/progress-commands.js"),
        ]);
      const progressCommands = createProgressCommands({ ...writing, staleDays: env.PLANBOT_STALE_DAYS });
      const planOfChat = (chatid: string) => planOfGroup.get(chatid);
      const digestCommand = createDigestCommand(
        () => ({
          store,
          plans: plans.plans,
          directory: plans.directory,
          reporters: people,
          staleDays: env.PLANBOT_STALE_DAYS,
        }),
        todayInShanghai,
        planOfChat,
      );
      const handle = createMessageHandler({
        answerer,
        context: answerContext,
        progressCommands: (msg, options) => progressCommands(msg, options) ?? digestCommand(msg),
        departmentsOf: (userid) => findReporter(people, userid)?.departments ?? [],
        planOfChat,
      });
      return { handle, progressCommands };
    };
    const handleMessage: MessageHandler = async (msg, options) => {
      chat ??= chatHandler();
      return (await chat).handle(msg, options);
    };
    const chooseProgress = async (msg: IncomingMessage, key: string, options?: HandleOptions): Promise<Reply> => {
      if (fileReports.owns(key)) return fileReports.choose(msg, key, options);
      chat ??= chatHandler();
      return (await chat).progressCommands.choose(msg, key, options);
    };
    return { plans, answerer, handleMessage, chooseProgress, fileReports };
  }

  let current = build(firstPlans, firstGroups);
  if (env.PLANBOT_LOAD_SAMPLE) {
    loadSampleProgress(env.PLANBOT_KNOWLEDGE, store, {
      plans: current.plans.plans,
      answerer: current.answerer,
      today: todayInShanghai(),
      glossary: current.plans.glossary,
    });
  }
  let stopWatching = () => {};

  function reload(): boolean {
    try {
      const plans = loadPlans(env.PLANBOT_KNOWLEDGE);
      // the chats file names plans by slug: it is read against the new plans, and a mismatch keeps the old ones
      const next = build(plans, plansByChatid(chatsFromEnv({ env, plans })));
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
    reporters: people,
    // The snapshot is taken once per message, so one message is answered by one matrix even if a reload lands.
    handleMessage: (msg, options) => current.handleMessage(msg, options),
    chooseProgress: (msg, key, options) => current.chooseProgress(msg, key, options),
    get fileReports() {
      return current.fileReports;
    },
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
