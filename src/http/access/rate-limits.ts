// Per-address request limits (koa-ratelimit, memory driver): one for every route but WeCom's callbacks, a tighter one for sign-in.
import type { Middleware } from "koa";
import ratelimit from "koa-ratelimit";

const MINUTE_MS = 60_000;

export interface RateLimits {
  general: Middleware;
  signIn: Middleware;
  /** stops the sweeping timer */
  close(): void;
}

/**
 * koa-ratelimit's memory driver keeps one entry per address and never deletes them; a sweep every minute drops the
 * expired ones, so a scan from many addresses cannot grow the maps without bound.
 */
export function sweptMap(): { db: Map<string, unknown>; sweep(): void } {
  const db = new Map<string, unknown>();
  return {
    db,
    sweep() {
      const nowS = Date.now() / 1000;
      for (const [key, entry] of db) {
        if ((entry as { reset?: number }).reset !== undefined && (entry as { reset: number }).reset < nowS)
          db.delete(key);
      }
    },
  };
}

export function createRateLimits(perMinute: { general: number; signIn: number }): RateLimits {
  const general = sweptMap();
  const signIn = sweptMap();
  const timer = setInterval(() => {
    general.sweep();
    signIn.sweep();
  }, MINUTE_MS);
  timer.unref();
  const limiter = (db: Map<string, unknown>, max: number, namespace: string) =>
    ratelimit({
      driver: "memory",
      db,
      duration: MINUTE_MS,
      max,
      namespace,
      // ctx.ip honours X-Forwarded-For only when PLANBOT_TRUST_PROXY set app.proxy
      id: (ctx) => ctx.ip || false,
      errorMessage: "请求过于频繁,请稍后再试。",
    });
  return {
    general: limiter(general.db, perMinute.general, "general"),
    signIn: limiter(signIn.db, perMinute.signIn, "signin"),
    close: () => clearInterval(timer),
  };
}
