// GET /healthz: liveness, the plans loaded, which WeCom integrations are switched on and the long connection's state.
import Router from "@koa/router";
import type { Runtime } from "../../runtime.js";
import type { ConnectionStatus } from "../../wecom/longconn/connection-state.js";
import type { AppState } from "../state.js";

export function healthRoutes(
  runtime: Runtime,
  integrations: { bot: boolean; app: boolean },
  /** the long connection's state (authenticated, reconnecting, down since when…), when it is configured */
  longConnection?: () => ConnectionStatus,
): Router<AppState> {
  const router = new Router<AppState>();
  const started = Date.now();
  router.get("/healthz", (ctx) => {
    ctx.set("cache-control", "no-store");
    ctx.body = {
      status: "ok",
      uptimeS: Math.round((Date.now() - started) / 1000),
      plans: runtime.plans.plans.map((p) => ({ slug: p.slug, title: p.title, tasks: p.tasks.length })),
      wecom: { ...integrations, ...(longConnection ? { longConnection: longConnection() } : {}) },
    };
  });
  return router;
}
