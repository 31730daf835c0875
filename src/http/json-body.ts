// JSON responses are set as text. Given an object, Koa tests it against the WHATWG ReadableStream, Blob and Response
// classes before serializing it, and touching those globals makes Node load its fetch implementation (undici): about
// 40 ms on the first JSON response a process sends, which is a replica's first /healthz.
import type { Context } from "koa";

export function sendJson(ctx: Pick<Context, "type" | "body" | "status">, value: unknown, status?: number): void {
  if (status !== undefined) ctx.status = status;
  ctx.type = "application/json";
  ctx.body = JSON.stringify(value);
}
