// Reads a request body as UTF-8 text with a size limit: too large → 413, broken stream or encoding → 400.
import rawBody from "raw-body";
import { HttpError } from "./http-error.js";
import type { AppContext } from "./state.js";

/** WeCom callbacks are a few KiB at most; anything far bigger is not WeCom. */
export const CALLBACK_BODY_LIMIT = 64 * 1024;

export async function readTextBody(ctx: AppContext, limit = CALLBACK_BODY_LIMIT): Promise<string> {
  const declared = Number(ctx.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw new HttpError(413, "body too large", "body_too_large");
  try {
    return await rawBody(ctx.req, { limit, encoding: "utf8" });
  } catch (err) {
    const type = (err as { type?: string }).type;
    if (type === "entity.too.large") throw new HttpError(413, "body too large", "body_too_large");
    throw new HttpError(400, "unreadable body", "bad_body");
  }
}

/** Reads a JSON body: too large → 413, not JSON → 400. The caller validates its shape with zod. */
export async function readJsonBody(ctx: AppContext, limit: number): Promise<unknown> {
  const text = await readTextBody(ctx, limit);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "body must be JSON", "bad_body");
  }
}
