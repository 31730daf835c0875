// Gives each request an id and a child logger, and logs and counts it when it ends (path only: queries and bodies stay out).
import { randomUUID } from "node:crypto";
import type { Middleware } from "koa";
import { type Logger, logger } from "../../log.js";
import { httpRequests, metricsLoaded } from "../metrics.js";
import type { AppState } from "../state.js";

const safeRequestId = /^[A-Za-z0-9._-]{1,64}$/;

export function requestContext(): Middleware<AppState> {
  return async (ctx, next) => {
    const given = ctx.get("x-request-id");
    const requestId = safeRequestId.test(given) ? given : randomUUID();
    ctx.state.requestId = requestId;
    // Made when first used: a child logger costs microseconds, and a bot callback handed to the worker thread
    // logs nothing here unless the level lets the line below through.
    let log: Logger | undefined;
    Object.defineProperty(ctx.state, "log", { get: () => (log ??= logger.child({ reqId: requestId })) });
    ctx.set("x-request-id", requestId);
    const started = performance.now();
    try {
      await next();
    } finally {
      // The matched route pattern, not the raw path, keeps the label set small.
      const route = (ctx as { routerPath?: string }).routerPath ?? "unmatched";
      const count = () => httpRequests().inc({ method: ctx.method, route, status: String(ctx.status) });
      // A process's first request is counted once its response is on its way: loading the metrics library must
      // not hold up a starting server's first answer (a load balancer's readiness probe).
      if (metricsLoaded()) count();
      else setImmediate(count);
      if (logger.isLevelEnabled("info"))
        ctx.state.log.info(
          { method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(performance.now() - started) },
          "request",
        );
    }
  };
}
