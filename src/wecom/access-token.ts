// The self-built app's access token: fetched with gettoken, cached, refreshed before expiry, one refresh shared by all callers.
import { callWecomJson, WecomApiError } from "./api-error.js";
import { type Clock, systemClock } from "./clock.js";

export interface AccessTokenOptions {
  apiBase: string;
  corpId: string;
  corpSecret: string;
  fetch?: typeof fetch;
  clock?: Clock;
  /** refresh this long before the token expires (at most a tenth of its lifetime); default 5 minutes */
  refreshEarlyMs?: number;
  timeoutMs?: number;
}

export interface AccessTokenCache {
  /** a token valid for a while yet; fetches one when there is none */
  get(): Promise<string>;
  /** WeCom refused `token` (40014/42001): forget it unless a newer one has replaced it already */
  invalidate(token: string): void;
}

interface CachedToken {
  token: string;
  /** when to stop using it: expiry minus the early margin */
  refreshAt: number;
}

export function createAccessTokenCache(options: AccessTokenOptions): AccessTokenCache {
  const fetchImpl = options.fetch ?? fetch;
  const clock = options.clock ?? systemClock;
  const refreshEarlyMs = options.refreshEarlyMs ?? 5 * 60_000;
  const base = options.apiBase.replace(/\/+$/, "");
  let cached: CachedToken | undefined;
  let inFlight: Promise<string> | undefined;

  const fetchToken = async (): Promise<string> => {
    const url = `${base}/cgi-bin/gettoken?corpid=${encodeURIComponent(options.corpId)}&corpsecret=${encodeURIComponent(options.corpSecret)}`;
    const answer = await callWecomJson(fetchImpl, "gettoken", url, {
      method: "GET",
      timeoutMs: options.timeoutMs ?? 10_000,
    });
    const token = answer.access_token;
    const expiresIn = answer.expires_in;
    if (typeof token !== "string" || token === "" || typeof expiresIn !== "number" || expiresIn <= 0) {
      throw new WecomApiError("gettoken: answer has no access_token/expires_in", null, true);
    }
    const lifetimeMs = expiresIn * 1000;
    cached = { token, refreshAt: clock.now() + lifetimeMs - Math.min(refreshEarlyMs, lifetimeMs / 10) };
    return token;
  };

  return {
    get() {
      if (cached && clock.now() < cached.refreshAt) return Promise.resolve(cached.token);
      // Everyone who finds the token stale while a refresh is running waits for that same refresh.
      inFlight ??= fetchToken().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}
