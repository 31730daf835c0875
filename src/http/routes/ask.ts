// POST /api/ask {"q": "…"}: the answering core over plain HTTP (local mode, the page, scripts).
import Router from "@koa/router";
import { z } from "zod";
import { composeReply } from "../../answer/compose-reply.js";
import type { Runtime } from "../../runtime.js";
import { HttpError } from "../http-error.js";
import { sendJson } from "../json-body.js";
import { answerLatency } from "../metrics.js";
import { readJsonBody } from "../read-body.js";
import type { AppState } from "../state.js";

const AskBody = z.object({ q: z.string().trim().min(1).max(4000) });

export function askRoutes(runtime: Runtime): Router<AppState> {
  const router = new Router<AppState>();
  router.post("/api/ask", async (ctx) => {
    const json = await readJsonBody(ctx, 16 * 1024);
    const body = AskBody.safeParse(json);
    if (!body.success) throw new HttpError(400, 'expected {"q": "question"}', "bad_body");
    const stop = answerLatency().startTimer({ channel: "http" });
    const answers = runtime.answerer.answer(body.data.q, runtime.answerContext());
    stop();
    sendJson(ctx, {
      text: composeReply(answers),
      answers: answers.map((a) => ({
        intent: a.intent,
        plan: a.plan,
        tasks: a.tasks.map((t) => ({ no: t.no, title: t.title, lead: t.lead, partners: t.partners })),
      })),
    });
  });
  return router;
}
