// Reads the "try the bot" question from a form post or a JSON post, validated; malformed input is a 400, never a crash.
import type { Context } from "koa";
import rawBody from "raw-body";
import { z } from "zod";

const QUESTION_BODY_LIMIT = 16 * 1024;

/** The try box's conversation: an id the browser makes once per session (sessionStorage) and sends with each ask. */
export const ConversationId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "会话编号无效");

export const TryQuestion = z.object({
  text: z.string().trim().min(1, "请输入问题").max(4000, "问题过长"),
  conversation: ConversationId.optional().or(z.literal("").transform(() => undefined)),
});

export type QuestionResult =
  | { ok: true; text: string; conversation: string | undefined }
  | { ok: false; status: number; message: string };

export async function readQuestion(ctx: Context): Promise<QuestionResult> {
  let raw: string;
  try {
    raw = await rawBody(ctx.req, { limit: QUESTION_BODY_LIMIT, encoding: "utf8" });
  } catch (err) {
    const tooLarge = (err as { type?: string }).type === "entity.too.large";
    return { ok: false, status: tooLarge ? 413 : 400, message: tooLarge ? "问题过长" : "无法读取请求" };
  }
  let fields: unknown;
  if (ctx.is("application/json")) {
    try {
      fields = JSON.parse(raw);
    } catch {
      return { ok: false, status: 400, message: "JSON 格式错误" };
    }
  } else {
    fields = Object.fromEntries(new URLSearchParams(raw));
  }
  const parsed = TryQuestion.safeParse(fields);
  if (!parsed.success) return { ok: false, status: 400, message: parsed.error.issues[0]?.message ?? "请求无效" };
  return { ok: true, text: parsed.data.text, conversation: parsed.data.conversation };
}
