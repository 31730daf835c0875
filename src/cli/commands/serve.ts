// planbot serve (= npm start): the HTTP service with WeCom callbacks, /api/ask, /healthz and /metrics.
import type { Command } from "commander";
import { z } from "zod";
import { type Env, loadEnv } from "../../config/env.js";
import type { AccessMode } from "../../http/access/mode.js";
import { startServer } from "../../http/server.js";
import { logger } from "../../log.js";
import { openRuntime } from "../../runtime.js";
import { startDigestSchedule } from "../../schedule/start-digest-schedule.js";

const Options = z.object({
  host: z.string().min(1).optional(),
  port: z.coerce.number().int().min(0).max(65535).optional(),
});

/** Says at start who may see what, so nobody runs an open service without knowing. */
function logAccessMode(mode: AccessMode, env: Env, canSignIn: boolean, metricsUrl: string | undefined): void {
  if (mode === "open-local") {
    logger.info(
      "local mode: the dashboard, /try, /api/ask and /metrics are open without sign-in on this loopback address",
    );
  } else if (mode === "open-public") {
    logger.warn(
      "PLANBOT_OPEN_DASHBOARD=true: the dashboard, /try and /api/ask are open to everyone who can reach this interface (read-only)",
    );
  } else {
    logger.info(
      { signIn: canSignIn ? "WeCom (self-built app)" : "none", publicPlan: env.PLANBOT_PUBLIC_PLAN },
      "closed: the dashboard, /try and /api/ask need a signed-in user, /metrics a token; WeCom callbacks and /healthz are open",
    );
    if (!canSignIn) {
      logger.warn(
        "nobody can sign in: sign-in goes through the self-built app (WECOM_CORP_ID, WECOM_APP_SECRET, WECOM_AGENT_ID, …)",
      );
    }
    if (env.PLANBOT_OPEN_DASHBOARD) logger.warn("PLANBOT_OPEN_DASHBOARD is ignored while WeCom keys are set");
  }
  if (metricsUrl) logger.info({ url: `${metricsUrl}/metrics` }, "metrics listener on loopback (no token)");
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description(
      "Start the service: WeCom callbacks, POST /api/ask, /healthz, /metrics (configured from the environment)",
    )
    .option("--host <host>", "interface to listen on (default HOST, else 127.0.0.1)")
    .option("--port <port>", "port to listen on (default PORT, else 3000)")
    .action(async (raw: unknown) => {
      const opts = Options.parse(raw);
      const env = loadEnv();
      const runtime = openRuntime(env);
      // An imported or reviewed plan serves without a restart (the bot's worker thread watches for itself).
      runtime.watchKnowledge(env.PLANBOT_RELOAD_MS);
      const server = await startServer(runtime, {
        host: opts.host ?? env.HOST ?? "127.0.0.1",
        port: opts.port ?? env.PORT,
      });
      // Each chat's morning digest (PLANBOT_CHATS); off, with a log line, when no chats file is set.
      // Chats with a chatid and no webhook get it over the long connection this process holds.
      const longConnection = server.planbot.longConnection;
      const digests = await startDigestSchedule(
        runtime,
        longConnection
          ? {
              longConnection: (await import("../../wecom/longconn/push-sender.js")).createLongConnPusher(
                longConnection.client,
              ),
            }
          : {},
      );
      const { integrations, mode } = server.planbot;
      logAccessMode(mode, env, integrations.app, server.metrics?.url);
      logger.info(
        {
          url: server.url,
          plans: runtime.plans.plans.map((p) => p.slug),
          intelligentBot: integrations.bot,
          selfBuiltApp: integrations.app,
        },
        "planbot listening",
      );
      if (integrations.bot)
        logger.info(
          {
            callbackUrl: `${server.url}/wecom/bot`,
            answeredIn: server.planbot.botWorker ? "worker thread" : "event loop",
          },
          "intelligent bot callbacks enabled",
        );
      if (integrations.app) logger.info({ callbackUrl: `${server.url}/wecom/app` }, "self-built app callbacks enabled");
      if (integrations.longConnection)
        logger.info({ wsUrl: env.WECOM_BOT_WS_URL }, "intelligent bot over the long connection enabled (dials out)");
      if (!integrations.bot && !integrations.app && !integrations.longConnection) {
        logger.info(
          'local mode (no WeCom keys): try POST /api/ask {"q": "…"}. To connect WeCom, set WECOM_BOT_TOKEN and ' +
            "WECOM_BOT_AES_KEY (intelligent bot, callback URL <public base>/wecom/bot) and/or WECOM_CORP_ID, " +
            "WECOM_APP_TOKEN, WECOM_APP_AES_KEY, WECOM_APP_SECRET, WECOM_AGENT_ID (self-built app, <public base>/wecom/app); " +
            "see .env.example. Without a WeCom account: planbot simulate",
        );
      }
      const shutdown = (signal: string) => {
        logger.info({ signal }, "shutting down");
        digests
          .stop()
          .then(() => server.close())
          .then(() => runtime.close())
          .finally(() => process.exit(0));
      };
      process.once("SIGINT", () => shutdown("SIGINT"));
      process.once("SIGTERM", () => shutdown("SIGTERM"));
    });
}
