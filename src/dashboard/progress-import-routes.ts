// Upload, preview and confirm of a progress table from the dashboard, for a signed-in admin only: the same reading,
// checks and all-or-nothing storing as `planbot progress import`, the preview shown before anything is stored.
import { createHash } from "node:crypto";
import { Router } from "@koa/router";
import type { Context } from "koa";
import rawBody from "raw-body";
import { z } from "zod";
import { sendJson } from "../http/json-body.js";
import { logger } from "../log.js";
import { checkImport, describeProblems, type ImportCheck, storeChecked } from "../progress/import.js";
import { describeImport } from "../progress/import-preview.js";
import type { Runtime } from "../runtime.js";
import { html } from "./html.js";
import { renderPage } from "./layout.js";
import { securityHeaders } from "./routes.js";

/** What the sign-in middleware puts in ctx.state.user. */
const SignedInUser = z.object({
  userid: z.string().min(1),
  role: z.enum(["viewer", "reporter", "admin"]),
  department: z.string().optional(),
});

/** The CSV and spreadsheet readers are loaded on the first upload, not at every start. */
const tableIo = () => import("../progress/table-io.js");

const UPLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
const UploadQuery = z.object({
  name: z
    .string()
    .max(200)
    .regex(/\.(csv|xlsx)$/i, "文件名应以 .csv 或 .xlsx 结尾"),
  /** the fingerprint of the preview the admin saw: confirm stores only what was shown */
  preview: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});

function adminOf(ctx: Context): z.infer<typeof SignedInUser> | null {
  const user = SignedInUser.safeParse(ctx.state.user);
  return user.success && user.data.role === "admin" ? user.data : null;
}

function refuse(ctx: Context, status: number, error: string): void {
  ctx.status = status;
  ctx.set("Cache-Control", "no-store");
  sendJson(ctx, { error });
}

/** What the preview showed, as a fingerprint: each row's action and the records it stores. */
function fingerprint(check: Extract<ImportCheck, { ok: true }>): string {
  const rows = check.rows.map((r) => [r.sheet ?? "", r.row, r.action, r.recordId, r.entries.map((e) => e.record)]);
  return createHash("sha256").update(JSON.stringify(rows)).digest("hex");
}

function renderImportPage(): string {
  return renderPage({
    title: "导入进展表",
    scripts: ["progress-import.js"],
    body: html`<h1>导入进展表</h1>
<p>上传各单位的进展表(.xlsx 或 .csv,可含多个工作表)。先预览每一行将如何记录,确认后才写入;有任何一行无法读取时一条也不写入。</p>
<form class="import-form" data-import-form>
<label for="import-file">进展表文件</label>
<input id="import-file" name="file" type="file" accept=".xlsx,.csv" required>
<button type="submit">预览</button>
</form>
<pre class="import-preview" data-import-preview aria-live="polite"></pre>
<button type="button" data-import-confirm hidden>确认导入</button>`,
  });
}

export function progressImportRoutes(runtime: Runtime): Router {
  const router = new Router();

  /** Reads the upload and checks it; null when a refusal was already answered. */
  async function checkUpload(ctx: Context, actor: string) {
    const query = UploadQuery.safeParse(ctx.query);
    if (!query.success) {
      refuse(ctx, 400, query.error.issues[0]?.message ?? "请求无效");
      return null;
    }
    let bytes: Buffer;
    try {
      bytes = await rawBody(ctx.req, { limit: UPLOAD_LIMIT_BYTES });
    } catch (err) {
      const tooLarge = (err as { type?: string }).type === "entity.too.large";
      refuse(ctx, tooLarge ? 413 : 400, tooLarge ? "文件超过 5 MB" : "无法读取上传的文件");
      return null;
    }
    try {
      const read = await (await tableIo()).readTableBytes(bytes, query.data.name);
      const deps = {
        plans: runtime.plans.plans,
        answerer: runtime.answerer,
        today: runtime.answerContext().today,
        reporters: runtime.reporters.reporters,
        importer: actor,
        known: runtime.store,
      };
      return { query: query.data, read, check: checkImport(read.tables, "import", deps) };
    } catch (err) {
      if (!(err instanceof (await tableIo()).TableUnreadable)) throw err;
      refuse(ctx, 422, err.message);
      return null;
    }
  }

  router.get("/progress/import", securityHeaders, (ctx) => {
    ctx.set("Cache-Control", "no-store");
    ctx.type = "text/html; charset=utf-8";
    if (!adminOf(ctx)) {
      ctx.status = 403;
      ctx.body = renderPage({ title: "无权访问", body: html`<h1>无权访问</h1><p>只有管理员可以导入进展表。</p>` });
      return;
    }
    ctx.body = renderImportPage();
  });

  router.post("/progress/import/preview", securityHeaders, async (ctx) => {
    const admin = adminOf(ctx);
    if (!admin) return refuse(ctx, 403, "只有管理员可以导入进展表");
    const upload = await checkUpload(ctx, `wecom:${admin.userid}`);
    if (!upload) return;
    ctx.set("Cache-Control", "no-store");
    const { read, check } = upload;
    const encoding = read.encoding ? `按 ${read.encoding} 编码读取\n` : "";
    const skipped = read.skippedSheets.length > 0 ? `没有表头、未读取的工作表:${read.skippedSheets.join("、")}\n` : "";
    if (!check.ok) {
      ctx.status = 422;
      sendJson(ctx, { error: `未导入,${check.problems.length} 处问题:\n${describeProblems(check.problems)}` });
      return;
    }
    sendJson(ctx, {
      preview: `${encoding}${skipped}${describeImport(check, runtime.plans.plans)}`,
      fingerprint: fingerprint(check),
      toStore: check.records.length,
    });
  });

  router.post("/progress/import/confirm", securityHeaders, async (ctx) => {
    const admin = adminOf(ctx);
    if (!admin) return refuse(ctx, 403, "只有管理员可以导入进展表");
    const upload = await checkUpload(ctx, `wecom:${admin.userid}`);
    if (!upload) return;
    const { query, check } = upload;
    if (!check.ok) return refuse(ctx, 422, `未导入:\n${describeProblems(check.problems)}`);
    if (query.preview !== fingerprint(check)) {
      return refuse(ctx, 409, "预览之后记录已有变化(或文件不同),请重新预览后再确认");
    }
    const stored = storeChecked(check, runtime.store, { actor: `wecom:${admin.userid}`, via: "dashboard:import" });
    logger.info({ route: "dashboard.import", file: query.name, stored: stored.length }, "progress table imported");
    ctx.set("Cache-Control", "no-store");
    sendJson(ctx, { stored: stored.length });
  });

  return router;
}
