// POST /api/progress and GET /api/progress: progress over HTTP for scripts and other systems, behind the admin bearer token.
import { timingSafeEqual } from "node:crypto";
import Router from "@koa/router";
import { z } from "zod";
import { targetChoices } from "../../progress/bind.js";
import { asOfInText } from "../../progress/command.js";
import { ProgressRejected } from "../../progress/errors.js";
import { prepareRecord } from "../../progress/record.js";
import { IsoDay } from "../../progress/schema.js";
import { type Runtime, todayInShanghai } from "../../runtime.js";
import { HttpError } from "../http-error.js";
import { readJsonBody } from "../read-body.js";
import type { AppContext, AppState } from "../state.js";

const PostBody = z.object({
  plan: z.string().min(1).optional(),
  /** task number or a reference such as "任务九" or "上市公司" */
  task: z.union([z.number().int().positive(), z.string().min(1)]),
  text: z.string().max(2000).default(""),
  metric: z.string().min(1).optional(),
  value: z.number().finite().optional(),
  unit: z.string().min(1).optional(),
  reporter: z.string().min(1),
  reporterName: z.string().min(1).optional(),
  department: z.string().min(1).optional(),
  date: IsoDay.optional(),
  /** id of the record this one corrects */
  supersedes: z.number().int().positive().optional(),
});

const Query = z.object({
  plan: z.string().min(1).optional(),
  task: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** 503 when no token is configured (the API is off), 401 without the right bearer token. */
function requireToken(ctx: AppContext, token: string | undefined): void {
  if (!token) throw new HttpError(503, "progress API disabled: set PLANBOT_ADMIN_TOKEN", "api_disabled");
  const header = ctx.get("authorization");
  const given = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? "";
  if (!sameSecret(given, token)) {
    ctx.set("WWW-Authenticate", 'Bearer realm="planbot"');
    throw new HttpError(401, "missing or wrong bearer token", "unauthorized");
  }
}

export function progressRoutes(runtime: Runtime): Router<AppState> {
  const router = new Router<AppState>();

  router.post("/api/progress", async (ctx) => {
    requireToken(ctx, runtime.env.PLANBOT_ADMIN_TOKEN);
    const json = await readJsonBody(ctx, 16 * 1024);
    const body = PostBody.safeParse(json);
    if (!body.success) {
      const issues = body.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      ctx.status = 400;
      ctx.body = { error: "invalid progress", issues };
      return;
    }
    const b = body.data;
    const today = todayInShanghai();
    const prepared = prepareRecord(
      {
        plan: b.plan,
        task: b.task,
        text: b.text,
        metric: b.metric,
        value: b.value,
        unit: b.unit,
        // "截至10月底…" in the text sets the day when the body gives no date
        asOf: b.date ?? asOfInText(b.text, today) ?? today,
        reporterId: b.reporter,
        reporterName: b.reporterName ?? null,
        department: b.department ?? null,
        source: "api",
        supersedes: b.supersedes ?? null,
      },
      { plans: runtime.plans.plans, answerer: runtime.answerer, today, glossary: runtime.plans.glossary },
    );
    if (!prepared.ok) {
      ctx.status = 422;
      ctx.body = { error: prepared.reason, field: prepared.field };
      return;
    }
    try {
      // One record, or one per target when the text reports several; `record` is the first, for clients that read one.
      const records = runtime.store.addMany(
        prepared.toStore.map((p) => p.record),
        { actor: "api:admin-token", via: `http:${ctx.ip}` },
      );
      ctx.state.log.info({ progressIds: records.map((r) => r.id) }, "progress recorded via API");
      const unbound = prepared.toStore.find((p) => !p.binding.bound)?.binding;
      ctx.status = 201;
      ctx.body = {
        record: records[0],
        records,
        bound: !unbound,
        ...(unbound && !unbound.bound && unbound.reason
          ? { note: `${unbound.reason};如需计入指标,请给出 metric 和 value(可选:${targetChoices(prepared.task)})` }
          : {}),
      };
    } catch (err) {
      if (!(err instanceof ProgressRejected)) throw err;
      ctx.status = 422;
      ctx.body = { error: err.message };
    }
  });

  router.get("/api/progress", (ctx) => {
    requireToken(ctx, runtime.env.PLANBOT_ADMIN_TOKEN);
    const q = Query.safeParse(ctx.query);
    if (!q.success) throw new HttpError(400, "expected ?plan=&task=&limit=", "bad_query");
    const { plan, task, limit } = q.data;
    const records = runtime.store.list({ plan, taskNo: task, limit });
    ctx.body = {
      records: records.map((r) => ({ ...r, supersededBy: runtime.store.supersededBy(r.id)?.id ?? null })),
    };
  });

  return router;
}
