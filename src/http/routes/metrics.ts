// GET /metrics: the Prometheus registry in its text format.
import Router from "@koa/router";
import { scrapedRegistry } from "../metrics.js";
import type { AppState } from "../state.js";

export function metricsRoutes(): Router<AppState> {
  const router = new Router<AppState>();
  router.get("/metrics", async (ctx) => {
    const registry = scrapedRegistry();
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });
  return router;
}
