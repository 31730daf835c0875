// Cross-site request forgery protection for every state-changing request a browser sends: it must come from our own pages.
import type { Context } from "koa";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * This site's origin as people reach it: PLANBOT_PUBLIC_URL, else scheme and host of the request (X-Forwarded-Proto
 * and -Host count only behind a trusted proxy). Not Koa's ctx.origin, which in Koa 3 is the Origin request header.
 */
export function siteOrigin(ctx: Context, publicUrl: string | undefined): string {
  return publicUrl ?? `${ctx.protocol}://${ctx.host}`;
}

/**
 * Why an origin check rather than a token in every form: the session cookie is SameSite=Lax, so a browser does not
 * send it with another site's POST at all; this check is the second wall, and it covers every POST route, including
 * ones added later, without each form having to carry a token. The rules are those of Fetch Metadata and of Go's
 * net/http CrossOriginProtection:
 * - a browser that sends Sec-Fetch-Site (every current one) says whether the request comes from our own origin;
 *   only "same-origin" and "none" (typed by the user) pass;
 * - otherwise the Origin header, which browsers send on every POST, must be our origin (PLANBOT_PUBLIC_URL, else
 *   the request's own origin, which honours X-Forwarded-Proto/-Host only when the proxy is trusted);
 * - a request with neither header is not from a browser (scripts, curl), so it cannot carry a victim's cookie
 *   without its author holding it already.
 */
export function crossSiteRefusal(ctx: Context, publicUrl: string | undefined): string | undefined {
  if (SAFE_METHODS.has(ctx.method)) return undefined;
  const site = ctx.get("sec-fetch-site");
  if (site !== "") return site === "same-origin" || site === "none" ? undefined : `Sec-Fetch-Site: ${site}`;
  const origin = ctx.get("origin");
  if (origin === "") return undefined;
  return origin === siteOrigin(ctx, publicUrl) ? undefined : "Origin is not this site";
}
