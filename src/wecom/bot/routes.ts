// The intelligent bot's callback URL: GET verifies the URL, POST hands the callback to the bot's handler, which runs
// on this event loop or in a worker thread (see bot/worker-client.ts).
import Router from "@koa/router";
import { HttpError } from "../../http/http-error.js";
import { readTextBody } from "../../http/read-body.js";
import type { AppState } from "../../http/state.js";
import { answerUrlVerification, signedQuery } from "../../http/wecom-callback.js";
import type { CallbackKeys } from "../crypto.js";
import type { BotCallback } from "./callback.js";

export const BOT_PATH = "/wecom/bot";

export interface BotRouteDeps {
  keys: CallbackKeys;
  windowS: number;
  handle: BotCallback;
}

export function botRoutes(deps: BotRouteDeps): Router<AppState> {
  const router = new Router<AppState>();

  router.get(BOT_PATH, (ctx) => answerUrlVerification(ctx, deps.keys, deps.windowS));

  router.post(BOT_PATH, async (ctx) => {
    const query = signedQuery(ctx);
    const outcome = await deps.handle(query, await readTextBody(ctx), ctx.state);
    if ("error" in outcome) throw new HttpError(outcome.status, outcome.error, outcome.kind);
    ctx.status = 200;
    if (outcome.json === null) {
      ctx.body = "";
      return;
    }
    ctx.type = "application/json";
    ctx.body = outcome.json;
  });

  return router;
}
