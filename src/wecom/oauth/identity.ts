// Turns the code WeCom hands back after sign-in into the member's userid (获取访问用户身份: GET /cgi-bin/auth/getuserinfo).
import { createAccessTokenCache } from "../access-token.js";
import { callWecomJson, TOKEN_ERRCODES, WecomApiError } from "../api-error.js";

/** A member of the corp, or someone WeCom knows only as an outsider (openid / external_userid). */
export type WecomIdentity = { member: true; userid: string } | { member: false };

export interface IdentityResolverOptions {
  apiBase: string;
  corpId: string;
  corpSecret: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface IdentityResolver {
  /** Each code works once and for five minutes; WeCom answers 40029 otherwise (thrown as WecomApiError). */
  resolve(code: string): Promise<WecomIdentity>;
}

export function createIdentityResolver(options: IdentityResolverOptions): IdentityResolver {
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const base = options.apiBase.replace(/\/+$/, "");
  const tokens = createAccessTokenCache({
    apiBase: base,
    corpId: options.corpId,
    corpSecret: options.corpSecret,
    fetch: fetchImpl,
    timeoutMs,
  });
  return {
    async resolve(code) {
      for (let attempt = 1; ; attempt++) {
        const token = await tokens.get();
        try {
          const q = new URLSearchParams({ access_token: token, code });
          const answer = await callWecomJson(fetchImpl, "auth/getuserinfo", `${base}/cgi-bin/auth/getuserinfo?${q}`, {
            method: "GET",
            timeoutMs,
          });
          const userid = answer.userid;
          return typeof userid === "string" && userid !== "" ? { member: true, userid } : { member: false };
        } catch (err) {
          // A token WeCom calls invalid or expired is dropped and the call tried once more with a fresh one.
          const tokenRefused = err instanceof WecomApiError && err.errcode !== null && TOKEN_ERRCODES.has(err.errcode);
          if (!tokenRefused || attempt > 1) throw err;
          tokens.invalidate(token);
        }
      }
    },
  };
}
