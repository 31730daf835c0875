// The composition root: opens knowledge, index and store once and wires them for any transport.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type Answerer, createAnswerer } from "./answer/answerer.js";
import type { AnswerContext } from "./answer/types.js";
import { loadReporters, type ReportersFile } from "./auth/reporters.js";
import type { MessageHandler } from "./chat/message.js";
import type { Env } from "./config/env.js";
import { logger } from "./log.js";
import { type LoadedPlans, loadPlans } from "./plan/knowledge.js";
import { loadSampleProgress } from "./progress/sample.js";
import { type Db, openDatabase } from "./store/database.js";
import { createProgressStore, type ProgressStore } from "./store/progress-store.js";

export interface Runtime {
  env: Env;
  plans: LoadedPlans;
  answerer: Answerer;
  db: Db;
  store: ProgressStore;
  /** who may record progress (PLANBOT_REPORTERS, else knowledge/reporters.yaml when present) */
  reporters: ReportersFile;
  handleMessage: MessageHandler;
  answerContext(): AnswerContext;
  close(): void;
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
async function groupPlans(env: Env, plans: LoadedPlans): Promise<Map<string, string>> {
  if (env.PLANBOT_CHATS === undefined) return new Map();
  const [{ plansByChatid }, { chatsFromEnv }] = await Promise.all([
    import("./wecom/chats.js"),
    import("./wecom/outbound-delivery.js"),
  ]);
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
  const plans = loadPlans(env.PLANBOT_KNOWLEDGE);
  const answerer = createAnswerer(plans);
  const db = openDatabase(env.PLANBOT_DB);
  const store = createProgressStore(db);
  const answerContext = (): AnswerContext => ({
    today: todayInShanghai(),
    staleDays: env.PLANBOT_STALE_DAYS,
    progress: store,
  });
  const reporters = loadReporters(env.PLANBOT_REPORTERS ?? defaultReportersFile(env.PLANBOT_KNOWLEDGE));
  if (env.PLANBOT_LOAD_SAMPLE) {
    loadSampleProgress(env.PLANBOT_KNOWLEDGE, store, { plans: plans.plans, answerer, today: todayInShanghai() });
  }
  // The chat's commands (progress, digest, the chats file) are loaded on the first message, not at start:
  // `planbot ask` and the answering core never need them, and start-up is mostly module loading.
  let handler: Promise<MessageHandler> | undefined;
  const chatHandler = async (): Promise<MessageHandler> => {
    const [{ findReporter }, { createDigestCommand }, { createMessageHandler }, { createProgressCommands }] =
      await Promise.all([
        import("./auth/permission.js"),
        import("./chat/digest-command.js"),
        import("./chat/handle-message.js"),
        import("./chat/progress-commands.js"),
      ]);
    const progressCommands = createProgressCommands({
      plans: plans.plans,
      directory: plans.directory,
      answerer,
      store,
      reporters: () => reporters,
      today: () => todayInShanghai(),
      staleDays: env.PLANBOT_STALE_DAYS,
    });
    const planOfGroup = await groupPlans(env, plans);
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
    return createMessageHandler({
      answerer,
      context: answerContext,
      progressCommands: (msg) => progressCommands(msg) ?? digestCommand(msg),
      departmentsOf: (userid) => findReporter(reporters, userid)?.departments ?? [],
      planOfChat,
    });
  };
  const handleMessage: MessageHandler = async (msg) => {
    handler ??= chatHandler();
    return (await handler)(msg);
  };
  return { env, plans, answerer, db, store, reporters, handleMessage, answerContext, close: () => db.close() };
}
