// The one error middleware: known refusals get their status and a short message; anything else is a logged 500.
import type { Middleware } from "koa";
import { HttpError } from "../http-error.js";
import { sendJson } from "../json-body.js";
import { failures } from "../metrics.js";
import type { AppState } from "../state.js";

export function errorHandler(): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (err instanceof HttpError) {
        if (err.kind) failures().inc({ kind: err.kind });
        // Refusals are logged by reason only, never with the body that caused them.
        ctx.state.log.warn({ status: err.status, reason: err.kind ?? err.message }, "request refused");
        ctx.status = err.status;
        sendJson(ctx, { error: err.message });
        return;
      }
      failures().inc({ kind: "internal" });
      ctx.state.log.error({ err }, "request failed");
      ctx.status = 500;
      sendJson(ctx, { error: "internal error" });
    }
  };
}
