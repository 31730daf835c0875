// GET /healthz: readiness (on PostgreSQL, only while the database answers), the plans loaded, which WeCom
// integrations are switched on and the long connection's state. A load balancer sends nothing to a replica that
// answers 503 here.
import Router from "@koa/router";
import type { Runtime } from "../../runtime.js";
import { isPostgres } from "../../store/postgres/pg-db.js";
import type { ConnectionStatus } from "../../wecom/longconn/connection-state.js";
import { sendJson } from "../json-body.js";
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
    // SQLite is a file this process holds open: nothing to ask
    const databaseAnswers = isPostgres(runtime.db) ? runtime.db.answers(1_000) : true;
    if (!databaseAnswers) ctx.status = 503;
    sendJson(ctx, {
      status: databaseAnswers ? "ok" : "database-unreachable",
      database: isPostgres(runtime.db) ? "postgres" : "sqlite",
      uptimeS: Math.round((Date.now() - started) / 1000),
      plans: runtime.plans.plans.map((p) => ({ slug: p.slug, title: p.title, tasks: p.tasks.length })),
      wecom: { ...integrations, ...(longConnection ? { longConnection: longConnection() } : {}) },
    });
  });
  return router;
}
