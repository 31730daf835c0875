// The dashboard's routes: matrix page, task pages, "try the bot", and local static assets. Read-only: nothing here writes progress.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Router } from "@koa/router";
import type { Context, Next } from "koa";
import { z } from "zod";
import { composeReply } from "../answer/compose-reply.js";
import { sendJson } from "../http/json-body.js";
import { logger } from "../log.js";
import type { Runtime } from "../runtime.js";
import { loadAssets } from "./assets.js";
import { html } from "./html.js";
import { renderPage } from "./layout.js";
import { renderMatrixPage } from "./matrix-page.js";
import { buildRows, buildTaskRow, departmentsOf, filterRows, type RowContext, taskKey } from "./matrix-rows.js";
import { renderPublicMatrixPage } from "./public-matrix-page.js";
import { readQuestion } from "./read-question.js";
import { isTargetStatus } from "./status.js";
import { renderTaskPage } from "./task-page.js";
import { renderTryPage } from "./try-page.js";
import { renderWecomMarkdown } from "./wecom-markdown.js";

const MatrixQuery = z.object({
  plan: z.string().max(100).optional().catch(undefined),
  dept: z.string().max(100).optional().catch(undefined),
  role: z.enum(["any", "lead", "partner"]).catch("any"),
  status: z.string().optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
});

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join("; ");

/** Headers for every dashboard response: only our own scripts and styles run, no framing, no referrer leaks. */
export async function securityHeaders(ctx: Context, next: Next): Promise<void> {
  await next();
  ctx.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  ctx.set("X-Content-Type-Options", "nosniff");
  ctx.set("Referrer-Policy", "no-referrer");
  ctx.set("X-Frame-Options", "DENY");
}

function sendHtml(ctx: Context, body: string, started: number, status = 200): void {
  ctx.status = status;
  ctx.type = "text/html; charset=utf-8";
  ctx.set("Cache-Control", "no-store");
  ctx.set("Server-Timing", `render;dur=${(performance.now() - started).toFixed(1)}`);
  ctx.body = body;
}

function notFoundPage(message: string): string {
  return renderPage({
    title: "未找到",
    body: html`<h1>未找到</h1><p>${message}</p><p><a href="/">返回责任矩阵</a></p>`,
  });
}

export interface DashboardOptions {
  /**
   * Whether this request may see progress. The service passes "a user is signed in (or the mode is open)"; a request
   * that reaches the matrix without one is there because PLANBOT_PUBLIC_PLAN opened the plan, and gets it without
   * progress. Default: everyone (the standalone dashboard of tests and benchmarks).
   */
  seesProgress?: (ctx: Context) => boolean;
}

export function dashboardRoutes(runtime: Runtime, options: DashboardOptions = {}): Router {
  const router = new Router();
  const seesProgress = options.seesProgress ?? (() => true);
  const assets = loadAssets();
  const plans = () => runtime.plans.plans;
  const rowContext = (): RowContext => {
    const answerCtx = runtime.answerContext();
    return { progress: answerCtx.progress, today: answerCtx.today, staleDays: answerCtx.staleDays };
  };

  router.get("/", securityHeaders, (ctx) => {
    const started = performance.now();
    if (!seesProgress(ctx)) {
      sendHtml(ctx, renderPublicMatrixPage(plans()), started);
      return;
    }
    const query = MatrixQuery.parse(ctx.query);
    const status = query.status && isTargetStatus(query.status) ? query.status : undefined;
    const rowCtx = rowContext();
    let search: { html: string; taskCount: number } | undefined;
    let only: Set<string> | undefined;
    if (query.q) {
      // the same core and the same joining as the chat, so the box answers as the group would be answered
      const answers = runtime.answerer.answer(query.q, runtime.answerContext());
      const keys = answers.flatMap((a) => (a.plan ? a.tasks.map((t) => taskKey(a.plan as string, t.no)) : []));
      if (keys.length > 0) only = new Set(keys);
      search = {
        html: renderWecomMarkdown(composeReply(answers)),
        taskCount: only?.size ?? 0,
      };
    }
    const allRows = buildRows(
      plans().filter((p) => !query.plan || p.slug === query.plan),
      rowCtx,
    );
    const rows = filterRows(allRows, { department: query.dept || undefined, role: query.role, status, only });
    const body = renderMatrixPage({
      plans: plans(),
      rows,
      allRows,
      totalTasks: allRows.length,
      departments: departmentsOf(plans()),
      filter: {
        plan: query.plan || undefined,
        department: query.dept || undefined,
        role: query.role,
        status,
        q: query.q,
      },
      search,
      today: rowCtx.today,
    });
    sendHtml(ctx, body, started);
  });

  router.get("/tasks/:plan/:no", securityHeaders, (ctx) => {
    const started = performance.now();
    const plan = plans().find((p) => p.slug === ctx.params.plan);
    const no = Number(ctx.params.no);
    const task = plan?.tasks.find((t) => t.no === no);
    if (!plan || !task) {
      sendHtml(ctx, notFoundPage("没有这项任务。"), started, 404);
      return;
    }
    const rowCtx = rowContext();
    const row = buildTaskRow(plan, task, rowCtx);
    const history = rowCtx.progress?.forTask(plan.slug, task.no) ?? [];
    sendHtml(ctx, renderTaskPage({ row, history }), started);
  });

  router.get("/try", securityHeaders, (ctx) => {
    sendHtml(ctx, renderTryPage(undefined, randomUUID()), performance.now());
  });

  // POST: a form submit gets the whole page back (works without script); fetch with Accept: application/json gets JSON.
  router.post("/try", securityHeaders, async (ctx) => {
    const started = performance.now();
    const wantsJson = ctx.accepts("html", "json") === "json";
    const question = await readQuestion(ctx);
    if (!question.ok) {
      ctx.status = question.status;
      if (wantsJson) sendJson(ctx, { error: question.message });
      else
        sendHtml(
          ctx,
          renderPage({
            title: "问问机器人",
            body: html`<h1>问问机器人</h1><p role="alert">${question.message}</p><p><a href="/try">返回</a></p>`,
          }),
          started,
          question.status,
        );
      return;
    }
    // With a conversation id, follow-ups ("那协同部门呢") continue as in the group chat; without one, each ask stands alone.
    const reply = await runtime.handleMessage(
      question.conversation
        ? { text: question.text, userid: `try-${question.conversation}`, chatid: "dashboard-try", channel: "dashboard" }
        : { text: question.text, userid: "dashboard", channel: "http" },
    );
    logger.info({ route: "dashboard.try", kind: reply.kind }, "dashboard question answered");
    const rendered = {
      question: question.text,
      markdown: reply.markdown,
      html: renderWecomMarkdown(reply.markdown),
      ...(question.conversation ? { conversation: question.conversation } : {}),
    };
    if (wantsJson) {
      ctx.set("Cache-Control", "no-store");
      sendJson(ctx, { markdown: rendered.markdown, html: rendered.html, kind: reply.kind });
    } else {
      sendHtml(ctx, renderTryPage(rendered, rendered.conversation ?? randomUUID()), started);
    }
  });

  router.get("/assets/:name", (ctx) => {
    const asset = assets.get(ctx.params.name ?? "");
    if (!asset) {
      ctx.status = 404;
      return;
    }
    ctx.type = asset.type;
    ctx.set("Cache-Control", "public, max-age=3600");
    ctx.set("X-Content-Type-Options", "nosniff");
    ctx.body = asset.body;
  });

  return router;
}
