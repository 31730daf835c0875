// Builds the Koa app from a Runtime (every route, one error middleware) and starts it on a host and port.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism } from "node:os";
import type { Router } from "@koa/router";
import Koa from "koa";
import { dashboardRoutes } from "../dashboard/routes.js";
import { logger } from "../log.js";
import type { Runtime } from "../runtime.js";
import { createBotFeedback } from "../store/bot-feedback.js";
import { createSqliteLeases } from "../store/leases.js";
import { createWecomApiClient } from "../wecom/api-client.js";
import { appRoutes } from "../wecom/app/routes.js";
import type { AppMessageSender } from "../wecom/app/sender.js";
import { createBotCallback } from "../wecom/bot/callback.js";
import { botRoutes } from "../wecom/bot/routes.js";
import { createStreamBook } from "../wecom/bot/streams.js";
import { type BotWorker, startBotWorker } from "../wecom/bot/worker-client.js";
import { createLongConnection, type LongConnection } from "../wecom/longconn/channel.js";
import { holdLongConnectionLease } from "../wecom/longconn/lease-holder.js";
import { openSeenMessages } from "../wecom/seen-messages.js";
import { createChatResponder } from "./chat-responder.js";
import { errorHandler } from "./middleware/errors.js";
import { requestContext } from "./middleware/request-context.js";
import { askRoutes } from "./routes/ask.js";
import { healthRoutes } from "./routes/health.js";
import { metricsRoutes } from "./routes/metrics.js";
import { progressRoutes } from "./routes/progress.js";
import type { AppState } from "./state.js";
import { wecomIntegrations } from "./wecom-integrations.js";

export interface ServerOptions {
  /** active send for slow or long app answers; defaults to the WeCom API client at WECOM_API_BASE */
  appSender?: AppMessageSender;
  /** wait this long for an answer before the bot replies "still working" (stream refreshes collect the rest) */
  botBudgetMs?: number;
  /** wait this long before the app route switches to an active send (WeCom gives up at 5 s) */
  appBudgetMs?: number;
  /** more routers to mount after the standard ones */
  routers?: MountableRouter[];
  /** bot callbacks in a worker thread; default from PLANBOT_BOT_WORKER (tests run them in-process) */
  botWorker?: boolean;
  /** the long connection's backoff base and heartbeat (defaults: the SDK's 1 s and 30 s; tests shorten them) */
  longConnection?: { reconnectBaseMs?: number; heartbeatMs?: number };
}

/** Any @koa/router instance, whatever state type it was declared with. */
type MountableRouter = Pick<Router, "routes" | "allowedMethods">;

export interface PlanbotApp {
  app: Koa<AppState>;
  integrations: { bot: boolean; app: boolean; longConnection: boolean };
  /** the thread answering bot callbacks, when PLANBOT_BOT_WORKER put them in one */
  botWorker?: BotWorker;
  /** the intelligent bot's long connection, when WECOM_BOT_ID and WECOM_BOT_SECRET switch it on */
  longConnection?: LongConnection;
  /** stops background work (seen-ids pruning and writing, the bot's worker) and writes what is queued */
  dispose(): Promise<void>;
}

/** Whether the bot's callbacks go to a worker thread: never with an in-memory store, which a worker cannot share. */
export function botWorkerWanted(env: Runtime["env"], override?: boolean): boolean {
  if (env.PLANBOT_DB === ":memory:") return false;
  if (override !== undefined) return override;
  if (env.PLANBOT_BOT_WORKER === "auto") return availableParallelism() > 1;
  return env.PLANBOT_BOT_WORKER === "on";
}

export async function createPlanbotApp(runtime: Runtime, options: ServerOptions = {}): Promise<PlanbotApp> {
  const app = new Koa<AppState>();
  const wecom = wecomIntegrations(runtime.env);
  const respond = createChatResponder(runtime.handleMessage);
  const windowS = runtime.env.PLANBOT_TIMESTAMP_WINDOW_S;

  // WeCom's callbacks first: they carry the traffic and a deadline, and each router passed costs a path match.
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
  if (wecom.app && seen) {
    routers.push(
      appRoutes({
        keys: wecom.app,
        windowS,
        seen,
        respond,
        budgetMs: options.appBudgetMs ?? 3000,
        sender:
          options.appSender ??
          createWecomApiClient({
            apiBase: runtime.env.WECOM_API_BASE,
            corpId: wecom.app.corpId,
            corpSecret: wecom.app.secret,
            agentId: wecom.app.agentId,
          }),
      }),
    );
  }
  const longConnection =
    wecom.longConnection && seen
      ? createLongConnection({
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
  routers.push(healthRoutes(runtime, { bot: !!wecom.bot, app: !!wecom.app }, longConnection?.status));
  routers.push(metricsRoutes(), askRoutes(runtime));
  // Other modules' routers: one line each.
  routers.push(progressRoutes(runtime));
  routers.push(dashboardRoutes(runtime));
  routers.push(...(options.routers ?? []));

  app.use(requestContext());
  app.use(errorHandler());
  for (const router of routers) app.use(router.routes()).use(router.allowedMethods());
  app.on("error", () => {
    // Errors are answered and logged by errorHandler; this only silences Koa's stderr fallback (e.g. client aborts).
  });
  const dispose = async () => {
    await longConnection?.close();
    lease?.release();
    await botWorker?.close();
    await seenHere?.close();
  };
  return {
    app,
    integrations: { bot: !!wecom.bot, app: !!wecom.app, longConnection: !!longConnection },
    ...(botWorker ? { botWorker } : {}),
    ...(longConnection ? { longConnection } : {}),
    dispose,
  };
}

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  planbot: PlanbotApp;
  close(): Promise<void>;
}

export async function startServer(
  runtime: Runtime,
  listen: { host: string; port: number },
  options: ServerOptions = {},
): Promise<RunningServer> {
  const planbot = await createPlanbotApp(runtime, options);
  const server = planbot.app.listen({ host: listen.host, port: listen.port });
  // Slow or stalled clients must not hold sockets forever.
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = listen.host.includes(":") ? `[${listen.host}]` : listen.host;
  return {
    url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`,
    port,
    server,
    planbot,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await planbot.dispose();
    },
  };
}
