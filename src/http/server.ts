// Builds the Koa app from a Runtime (every route, one error middleware) and starts it on a host and port.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Router } from "@koa/router";
import Koa from "koa";
import { progressImportRoutes } from "../dashboard/progress-import-routes.js";
import { dashboardRoutes } from "../dashboard/routes.js";
import type { Runtime } from "../runtime.js";
import type { AppOutboxOptions } from "../wecom/app/answer-outbox.js";
import type { AppMessageSender } from "../wecom/app/sender.js";
import type { BotWorker } from "../wecom/bot/worker-client.js";
import type { LongConnection } from "../wecom/longconn/channel.js";
import { accessGuard, type MatchingRouter } from "./access/guard.js";
import { type AccessMode, accessMode } from "./access/mode.js";
import { createRateLimits } from "./access/rate-limits.js";
import { ROUTE_RULES, type RouteRule } from "./access/route-rules.js";
import { sessionMiddleware } from "./access/session.js";
import { createChatResponder } from "./chat-responder.js";
import type { MetricsListener } from "./metrics-listener.js";
import { errorHandler } from "./middleware/errors.js";
import { requestContext } from "./middleware/request-context.js";
import { askRoutes } from "./routes/ask.js";
import { authRoutes } from "./routes/auth.js";
import { healthRoutes } from "./routes/health.js";
import { metricsRoutes } from "./routes/metrics.js";
import { progressRoutes } from "./routes/progress.js";
import type { AppState } from "./state.js";
import { wecomIntegrations } from "./wecom-integrations.js";

export interface ServerOptions {
  /** active send for slow or long app answers; defaults to the WeCom API client at WECOM_API_BASE */
  appSender?: AppMessageSender;
  /** retry pacing of the app answers' outbox (tests shorten it) */
  appOutbox?: AppOutboxOptions;
  /** wait this long for an answer before the bot replies "still working" (stream refreshes collect the rest) */
  botBudgetMs?: number;
  /** wait this long before the app route switches to an active send (WeCom gives up at 5 s) */
  appBudgetMs?: number;
  /** more routers to mount after the standard ones */
  routers?: MountableRouter[];
  /** bot callbacks in a worker thread; default from PLANBOT_BOT_WORKER (tests run them in-process) */
  botWorker?: boolean;
  /** access rules for the routers in `routers`, beside ROUTE_RULES (a route without a rule is refused) */
  rules?: Readonly<Record<string, RouteRule>>;
  /** the interface the service listens on, which decides whether local mode may be open; default HOST, else 127.0.0.1 */
  listenHost?: string;
  /** the long connection's backoff base and heartbeat (defaults: the SDK's 1 s and 30 s; tests shorten them) */
  longConnection?: { reconnectBaseMs?: number; heartbeatMs?: number };
}

/** Any @koa/router instance, whatever state type it was declared with. */
export type MountableRouter = Pick<Router, "routes" | "allowedMethods"> & MatchingRouter;

export interface PlanbotApp {
  app: Koa<AppState>;
  integrations: { bot: boolean; app: boolean; longConnection: boolean };
  /** closed (sign-in or token), open-local or open-public; see src/http/access/mode.ts */
  mode: AccessMode;
  /** every router mounted, in order: the route table test reads their registered layers */
  routers: readonly MountableRouter[];
  /** the thread answering bot callbacks, when PLANBOT_BOT_WORKER put them in one */
  botWorker?: BotWorker;
  /** the intelligent bot's long connection, when WECOM_BOT_ID and WECOM_BOT_SECRET switch it on */
  longConnection?: LongConnection;
  /** stops background work (seen-ids pruning and writing, the bot's worker) and writes what is queued */
  dispose(): Promise<void>;
}

export async function createPlanbotApp(runtime: Runtime, options: ServerOptions = {}): Promise<PlanbotApp> {
  const app = new Koa<AppState>();
  const wecom = wecomIntegrations(runtime.env);
  // Decided before anything starts: an open service on a public interface is refused here.
  const mode = accessMode(runtime.env, options.listenHost ?? runtime.env.HOST ?? "127.0.0.1");
  app.proxy = runtime.env.PLANBOT_TRUST_PROXY;
  // Behind a trusted proxy, the client is the address the proxy appended last, not one the client wrote itself.
  if (app.proxy) app.maxIpsCount = 1;
  const respond = createChatResponder(runtime.handleMessage);

  // WeCom's callbacks first: they carry the traffic and a deadline, and each router passed costs a path match.
  const transports =
    wecom.bot || wecom.app || wecom.longConnection
      ? await (await import("./wecom-transports.js")).startWecomTransports(runtime, wecom, respond, options)
      : undefined;
  const routers: MountableRouter[] = [...(transports?.routers ?? [])];
  const { botWorker, longConnection } = transports ?? {};
  routers.push(healthRoutes(runtime, { bot: !!wecom.bot, app: !!wecom.app }, longConnection?.status));
  routers.push(metricsRoutes(), askRoutes(runtime));
  // Other modules' routers: one line each.
  routers.push(progressRoutes(runtime));
  routers.push(progressImportRoutes(runtime));
  // The matrix without progress goes to whoever reached it with no user: only PLANBOT_PUBLIC_PLAN lets them through.
  routers.push(dashboardRoutes(runtime, { seesProgress: (ctx) => ctx.state.user !== undefined }));
  routers.push(
    authRoutes({
      runtime,
      mode,
      app: wecom.app &&
        transports?.identity && {
          corpId: wecom.app.corpId,
          agentId: wecom.app.agentId,
          identity: transports.identity,
        },
    }),
  );
  routers.push(...(options.routers ?? []));

  const limits = createRateLimits({
    general: runtime.env.PLANBOT_RATE_LIMIT,
    signIn: runtime.env.PLANBOT_SIGNIN_RATE_LIMIT,
  });
  app.use(requestContext());
  app.use(errorHandler());
  app.use(
    accessGuard({
      env: runtime.env,
      mode,
      routers,
      reporters: () => runtime.reporters,
      limits,
      session: sessionMiddleware(app as unknown as Koa<never>, runtime.env),
      canSignIn: !!wecom.app,
      rules: { ...ROUTE_RULES, ...options.rules },
    }),
  );
  for (const router of routers) app.use(router.routes()).use(router.allowedMethods());
  app.on("error", () => {
    // Errors are answered and logged by errorHandler; this only silences Koa's stderr fallback (e.g. client aborts).
  });
  const dispose = async () => {
    limits.close();
    await transports?.dispose();
  };
  return {
    app,
    integrations: { bot: !!wecom.bot, app: !!wecom.app, longConnection: !!longConnection },
    mode,
    routers,
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
  /** the loopback /metrics listener, when PLANBOT_METRICS_PORT asked for one */
  metrics?: MetricsListener;
  close(): Promise<void>;
}

export async function startServer(
  runtime: Runtime,
  listen: { host: string; port: number },
  options: ServerOptions = {},
): Promise<RunningServer> {
  const planbot = await createPlanbotApp(runtime, { listenHost: listen.host, ...options });
  const server = planbot.app.listen({ host: listen.host, port: listen.port });
  // Slow or stalled clients must not hold sockets forever.
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const metricsPort = runtime.env.PLANBOT_METRICS_PORT;
  const metrics =
    metricsPort === undefined
      ? undefined
      : await (await import("./metrics-listener.js")).startMetricsListener(metricsPort);
  const host = listen.host.includes(":") ? `[${listen.host}]` : listen.host;
  return {
    url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`,
    port,
    server,
    planbot,
    ...(metrics ? { metrics } : {}),
    close: async () => {
      await metrics?.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await planbot.dispose();
    },
  };
}
