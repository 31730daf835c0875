// POST /api/progress and GET /api/progress: progress over HTTP for scripts and other systems, behind the admin bearer token.
import { timingSafeEqual } from "node:crypto";
import Router from "@koa/router";
import { z } from "zod";
import { decideEdit } from "../../auth/permission.js";
import { targetChoices } from "../../progress/bind.js";
import { asOfInText } from "../../progress/command.js";
import { ProgressRejected } from "../../progress/errors.js";
import { prepareRecord } from "../../progress/record.js";
import { IsoDay } from "../../progress/schema.js";
import { type Runtime, todayInShanghai } from "../../runtime.js";
import { createIdempotencyKeys, type KeyClaim, requestHash } from "../../store/idempotency-keys.js";
import { HttpError } from "../http-error.js";
import { sendJson } from "../json-body.js";
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

interface Outcome {
  status: number;
  body: unknown;
}

const POST_SCOPE = "POST /api/progress";

/** Printable ASCII, as clients generate them (UUIDs and the like); at most 255 characters. */
const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{1,255}$/);

/** The Idempotency-Key header: undefined when absent, 400 when malformed. */
function idempotencyKeyOf(ctx: AppContext): string | undefined {
  const raw = ctx.get("idempotency-key");
  if (raw === "") return undefined;
  const key = IdempotencyKey.safeParse(raw.trim());
  if (!key.success) {
    throw new HttpError(400, "Idempotency-Key must be 1–255 printable ASCII characters", "bad_idempotency_key");
  }
  return key.data;
}

/** What a key already known answers: its stored response, or why this request cannot run under it. */
function claimAnswer(claim: KeyClaim, key: string): Outcome | undefined {
  switch (claim.kind) {
    case "new":
      return undefined;
    case "replay":
      return { status: claim.status, body: claim.body };
    case "mismatch":
      return {
        status: 422,
        body: {
          error: `Idempotency-Key “${key}” 已用于另一个请求(请求内容不同);新的请求请换一个键`,
          field: "Idempotency-Key",
        },
      };
    case "running":
      return {
        status: 409,
        body: { error: `Idempotency-Key “${key}” 的请求仍在处理中,请稍后重试`, field: "Idempotency-Key" },
      };
  }
}

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

  const keys = createIdempotencyKeys(runtime.db);

  /** One POST's outcome; `commit` (the idempotency key's response) runs in the transaction that stores the records. */
  function recordProgress(json: unknown, ctx: AppContext, commit: (outcome: Outcome) => void): Outcome {
    const body = PostBody.safeParse(json);
    if (!body.success) {
      const issues = body.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      return { status: 400, body: { error: "invalid progress", issues } };
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
      // A reference this cannot read is a malformed request; a readable one that names no task is unprocessable.
      return { status: prepared.unreadable ? 400 : 422, body: { error: prepared.reason, field: prepared.field } };
    }
    if (b.supersedes !== undefined) {
      // The token admits the caller; a correction is made in the name of `reporter`, who must have the right.
      const old = runtime.store.get(b.supersedes);
      const edit = old && decideEdit(runtime.reporters, runtime.plans.directory, b.reporter, old, prepared.task);
      if (edit && !edit.allowed) {
        runtime.store.recordRefusal({
          actor: `api:${b.reporter}`,
          via: `http:${ctx.ip}`,
          detail: `POST /api/progress 更正 #${b.supersedes}: ${b.text}`,
          reason: edit.reason,
        });
        return { status: 403, body: { error: edit.reason, field: "supersedes" } };
      }
    }
    try {
      return runtime.store.inTransaction(() => {
        // One record, or one per target when the text reports several; `record` is the first, for clients that read one.
        const records = runtime.store.addMany(
          prepared.toStore.map((p) => p.record),
          { actor: "api:admin-token", via: `http:${ctx.ip}` },
        );
        const unbound = prepared.toStore.find((p) => !p.binding.bound)?.binding;
        const outcome = {
          status: 201,
          body: {
            record: records[0],
            records,
            bound: !unbound,
            ...(unbound && !unbound.bound && unbound.reason
              ? { note: `${unbound.reason};如需计入指标,请给出 metric 和 value(可选:${targetChoices(prepared.task)})` }
              : {}),
          },
        };
        commit(outcome);
        ctx.state.log.info({ progressIds: records.map((r) => r.id) }, "progress recorded via API");
        return outcome;
      });
    } catch (err) {
      if (!(err instanceof ProgressRejected)) throw err;
      return { status: 422, body: { error: err.message } };
    }
  }

  router.post("/api/progress", async (ctx) => {
    requireToken(ctx, runtime.env.PLANBOT_ADMIN_TOKEN);
    const json = await readJsonBody(ctx, 16 * 1024);
    const key = idempotencyKeyOf(ctx);
    if (key !== undefined) {
      const claim = keys.claim(POST_SCOPE, key, requestHash(json));
      const answered = claimAnswer(claim, key);
      if (answered) {
        if (claim.kind === "replay") ctx.set("Idempotent-Replayed", "true");
        ctx.status = answered.status;
        sendJson(ctx, answered.body);
        return;
      }
    }
    let committed = false;
    try {
      const outcome = recordProgress(json, ctx, (o) => {
        if (key !== undefined) keys.complete(POST_SCOPE, key, o.status, o.body);
        committed = true;
      });
      ctx.status = outcome.status;
      sendJson(ctx, outcome.body);
    } finally {
      // Only a stored record keeps its key: a refused or invalid request may be sent again under it, once fixed.
      if (key !== undefined && !committed) keys.release(POST_SCOPE, key);
    }
  });

  router.get("/api/progress", (ctx) => {
    requireToken(ctx, runtime.env.PLANBOT_ADMIN_TOKEN);
    const q = Query.safeParse(ctx.query);
    if (!q.success) throw new HttpError(400, "expected ?plan=&task=&limit=", "bad_query");
    const { plan, task, limit } = q.data;
    const records = runtime.store.list({ plan, taskNo: task, limit });
    sendJson(ctx, {
      records: records.map((r) => ({ ...r, supersededBy: runtime.store.supersededBy(r.id)?.id ?? null })),
    });
  });

  return router;
}
