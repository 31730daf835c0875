// The WeCom transports of one service, started only when keys switch them on: the intelligent bot's callbacks (in a
// worker thread or on this one), the self-built app's callbacks with the outbox of its active sends, and the long
// connection under its lease. server.ts loads this module only then, so a local-mode start pays for none of it.
import { availableParallelism } from "node:os";
import { logger } from "../log.js";
import type { Runtime } from "../runtime.js";
import { createBotFeedback } from "../store/bot-feedback.js";
import { createSqliteLeases } from "../store/leases.js";
import { createWecomApiClient } from "../wecom/api-client.js";
import { createAppAnswerOutbox } from "../wecom/app/answer-outbox.js";
import { createBotCallback } from "../wecom/bot/callback.js";
import { botRoutes } from "../wecom/bot/routes.js";
import { createStreamBook } from "../wecom/bot/streams.js";
import { type BotWorker, startBotWorker } from "../wecom/bot/worker-client.js";
import type { LongConnection } from "../wecom/longconn/channel.js";
import { holdLongConnectionLease } from "../wecom/longconn/lease-holder.js";
import { createIdentityResolver, type IdentityResolver } from "../wecom/oauth/identity.js";
import { openSeenMessages } from "../wecom/seen-messages.js";
import type { ChatResponder } from "./chat-responder.js";
import type { MountableRouter, ServerOptions } from "./server.js";
import type { WecomIntegrations } from "./wecom-integrations.js";

export interface WecomTransports {
  /** the callback routers, to be mounted first: they carry the traffic and a deadline */
  routers: MountableRouter[];
  /** the thread answering bot callbacks, when PLANBOT_BOT_WORKER put them in one */
  botWorker?: BotWorker;
  longConnection?: LongConnection;
  /** who a WeCom sign-in code belongs to (the self-built app's OAuth) */
  identity?: IdentityResolver;
  dispose(): Promise<void>;
}

/** Whether the bot's callbacks go to a worker thread: never with an in-memory store, which a worker cannot share. */
export function botWorkerWanted(env: Runtime["env"], override?: boolean): boolean {
  if (env.PLANBOT_DB === ":memory:") return false;
  if (override !== undefined) return override;
  if (env.PLANBOT_BOT_WORKER === "auto") return availableParallelism() > 1;
  return env.PLANBOT_BOT_WORKER === "on";
}

export async function startWecomTransports(
  runtime: Runtime,
  wecom: WecomIntegrations,
  respond: ChatResponder,
  options: ServerOptions,
): Promise<WecomTransports> {
  const windowS = runtime.env.PLANBOT_TIMESTAMP_WINDOW_S;
  const routers: MountableRouter[] = [];
  const budgetMs = options.botBudgetMs ?? 2000;
  const botWorker =
    wecom.bot && botWorkerWanted(runtime.env, options.botWorker)
      ? await startBotWorker({ env: runtime.env, budgetMs, logLevel: logger.level })
      : undefined;
  // Seen ids on this thread only for the callbacks answered here (a bot worker keeps its own).
  const seenHere =
    (wecom.bot && !botWorker) || wecom.app || wecom.longConnection
      ? openSeenMessages(runtime.env.PLANBOT_DB, runtime.db)
      : undefined;
  const seen = seenHere?.seen;
  if (wecom.bot) {
    const handle =
      botWorker?.handle ??
      (seen && createBotCallback({ keys: wecom.bot, windowS, seen, streams: createStreamBook(), respond, budgetMs }));
    if (handle) routers.push(botRoutes({ keys: wecom.bot, windowS, handle }));
  }
  const answers =
    wecom.app && seen
      ? createAppAnswerOutbox(
          runtime.db,
          options.appSender ??
            createWecomApiClient({
              apiBase: runtime.env.WECOM_API_BASE,
              corpId: wecom.app.corpId,
              corpSecret: wecom.app.secret,
              agentId: wecom.app.agentId,
            }),
          options.appOutbox,
        )
      : undefined;
  if (wecom.app && seen) {
    // Loaded only when the self-built app is configured: its XML parser is not paid for by the bot alone.
    const { appRoutes } = await import("../wecom/app/routes.js");
    routers.push(
      appRoutes({ keys: wecom.app, windowS, seen, respond, budgetMs: options.appBudgetMs ?? 3000, answers }),
    );
  }
  // The SDK (and its HTTP client) is loaded only when the long connection is configured.
  const longConnection =
    wecom.longConnection && seen
      ? (await import("../wecom/longconn/channel.js")).createLongConnection({
          ...wecom.longConnection,
          ...options.longConnection,
          seen,
          respond,
          budgetMs,
          choose: runtime.chooseProgress,
          feedback: createBotFeedback(runtime.db),
          fileReports: runtime.fileReports,
        })
      : undefined;
  // Only the replica holding the lease dials: WeCom keeps one connection per bot.
  const lease =
    longConnection && wecom.longConnection
      ? holdLongConnectionLease({
          leases: createSqliteLeases(runtime.db),
          connection: longConnection,
          botId: wecom.longConnection.botId,
          ttlMs: runtime.env.WECOM_BOT_LEASE_S * 1000,
        })
      : undefined;
  const identity =
    wecom.app &&
    createIdentityResolver({
      apiBase: runtime.env.WECOM_API_BASE,
      corpId: wecom.app.corpId,
      corpSecret: wecom.app.secret,
    });
  return {
    routers,
    ...(botWorker ? { botWorker } : {}),
    ...(longConnection ? { longConnection } : {}),
    ...(identity ? { identity } : {}),
    async dispose() {
      await answers?.stop();
      await longConnection?.close();
      lease?.release();
      await botWorker?.close();
      await seenHere?.close();
    },
  };
}
