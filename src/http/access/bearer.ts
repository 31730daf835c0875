// Bearer tokens for other systems: which configured token a request's Authorization header carries, compared in constant time.
import { timingSafeEqual } from "node:crypto";
import type { Env } from "../../config/env.js";

/** ask: POST /api/ask; metrics: GET /metrics; admin: the progress API (PLANBOT_ADMIN_TOKEN). */
export type TokenName = "ask" | "metrics" | "admin";

export const TOKEN_VARIABLE: Record<TokenName, keyof Env> = {
  ask: "PLANBOT_ASK_TOKEN",
  metrics: "PLANBOT_METRICS_TOKEN",
  admin: "PLANBOT_ADMIN_TOKEN",
};

/**
 * What a request without the token gets while the variable is unset: the progress API does not exist until its token
 * is set (503, as it always answered); asking and the metrics exist and merely need credentials (401).
 */
export const STATUS_WHEN_UNSET: Record<TokenName, 401 | 503> = { ask: 401, metrics: 401, admin: 503 };

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token in "Authorization: Bearer …", or undefined when the header is absent or of another scheme. */
export function bearerOf(authorization: string): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim();
}

export function tokenMatches(env: Env, name: TokenName, given: string): boolean {
  const expected = env[TOKEN_VARIABLE[name]];
  return typeof expected === "string" && expected !== "" && sameSecret(given, expected);
}
