// The sign-in session: koa-session with signed cookies (HttpOnly, SameSite=Lax, Secure under HTTPS), read and written through zod.
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import type Koa from "koa";
import type { Context, Middleware } from "koa";
import { z } from "zod";
import type { Env } from "../../config/env.js";
import { logger } from "../../log.js";

export const SESSION_COOKIE = "planbot.sid";

/** A sign-in under way: the state sent to WeCom, where to go afterwards, and when it started. */
const PendingSignIn = z.object({ state: z.string().min(16), next: z.string(), at: z.number() });

const SessionData = z.object({
  userid: z.string().min(1).optional(),
  signedInAt: z.number().optional(),
  signIn: PendingSignIn.optional(),
});
export type SessionData = z.infer<typeof SessionData>;

/** The session layer; `writes` marks a request that may start a session (the sign-in steps). */
export type SessionMiddleware = (ctx: Context, next: () => Promise<unknown>, writes?: boolean) => Promise<unknown>;

const require = createRequire(import.meta.url);

/**
 * Installs the signing key and proxy trust on the app and returns the session middleware. The cookie holds the
 * session itself (userid and times, no secrets), signed with PLANBOT_SESSION_SECRET so it cannot be forged; its
 * expiry is inside the signed value too, so an old cookie stops working even if a browser keeps it.
 */
export function sessionMiddleware(app: Koa<never>, env: Env): SessionMiddleware {
  const secret = env.PLANBOT_SESSION_SECRET;
  if (!secret) {
    logger.warn(
      "PLANBOT_SESSION_SECRET is not set: sessions are signed with a key made at start and end when the process does",
    );
  }
  app.keys = [secret ?? randomBytes(32).toString("hex")];
  // Secure is left to the cookies module: set exactly when the request is HTTPS (or a trusted proxy says it was).
  const create = (): Middleware =>
    (require("koa-session") as typeof import("koa-session")).createSession(
      {
        key: SESSION_COOKIE,
        maxAge: env.PLANBOT_SESSION_HOURS * 3_600_000,
        httpOnly: true,
        signed: true,
        sameSite: "lax",
        // someone active in the second half of the period gets a fresh period instead of being signed out mid-task
        renew: true,
      },
      app,
    );
  // koa-session (with the zod 3 it brings) is loaded by the first request that can hold a session: one carrying the
  // cookie, or a sign-in step. Before that, a request without the cookie reads as signed out, as it would through
  // koa-session; start-up and probes such as /healthz do not pay for it.
  let session: Middleware | undefined;
  return (ctx, next, writes = false) => {
    if (!session && !writes && ctx.cookies.get(SESSION_COOKIE, { signed: false }) === undefined) return next();
    session ??= create();
    return session(ctx, next);
  };
}

interface SessionHolder {
  session: (Record<string, unknown> & { toJSON(): Record<string, unknown> }) | null;
}

/** The session's fields, validated; anything malformed reads as an empty session. */
export function readSession(ctx: Context): SessionData {
  const session = (ctx as unknown as SessionHolder).session;
  const parsed = SessionData.safeParse(session ? session.toJSON() : {});
  return parsed.success ? parsed.data : {};
}

/** Sets or clears (undefined) fields of the session. */
export function updateSession(ctx: Context, patch: Partial<SessionData>): void {
  const session = (ctx as unknown as SessionHolder).session;
  if (!session) return;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete session[k];
    else session[k] = v;
  }
}

/** Signs out: the cookie is cleared. */
export function endSession(ctx: Context): void {
  (ctx as unknown as SessionHolder).session = null;
}
