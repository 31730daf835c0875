// Signs a userid in through the simulator's WeCom sign-in, as a browser would (redirects followed by hand, cookies kept).
import { expect } from "vitest";
import type { WecomSimulatorApi } from "../../../src/wecom/simulator/api-server.js";

/** The name=value pairs of Set-Cookie headers, merged into a Cookie header over `jar`. */
export function keepCookies(res: Response, jar = ""): string {
  const cookies = new Map(
    jar
      .split("; ")
      .filter(Boolean)
      .map((c) => [c.slice(0, c.indexOf("=")), c] as const),
  );
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(";")[0] ?? "";
    const name = pair.slice(0, pair.indexOf("="));
    // an emptied cookie (sign-out) is dropped, as browsers drop expired ones
    if (/expires=Thu, 01 Jan 1970/i.test(line) || pair === `${name}=`) cookies.delete(name);
    else cookies.set(name, pair);
  }
  return [...cookies.values()].join("; ");
}

export interface SignInResult {
  cookie: string;
  /** the last answer: a redirect to `next` when it worked, a page saying why when it did not */
  last: Response;
}

/** GET /auth/signin → WeCom's page → /auth/wecom/callback, with `userAgent` choosing the in-app or web login. */
export async function signInThroughSimulator(
  serviceUrl: string,
  api: WecomSimulatorApi,
  userid: string,
  o: { next?: string; userAgent?: string } = {},
): Promise<SignInResult> {
  api.signInAs(userid);
  const headers = o.userAgent ? { "user-agent": o.userAgent } : undefined;
  const start = await fetch(`${serviceUrl}/auth/signin?next=${encodeURIComponent(o.next ?? "/")}`, {
    redirect: "manual",
    headers,
  });
  expect(start.status).toBe(302);
  let cookie = keepCookies(start);
  const atWecom = await fetch(start.headers.get("location") ?? "", { redirect: "manual" });
  expect(atWecom.status).toBe(302);
  const back = atWecom.headers.get("location") ?? "";
  expect(back.startsWith(`${serviceUrl}/auth/wecom/callback?`)).toBe(true);
  const last = await fetch(back, { redirect: "manual", headers: { cookie } });
  cookie = keepCookies(last, cookie);
  return { cookie, last };
}
