// The access middleware: finds the route a request is for, applies its rule (session, identity, same-origin, per-address limit) and sets ctx.state.user.
import type { Middleware } from "koa";
import { adminsText } from "../../auth/permission.js";
import type { ReportersFile } from "../../auth/reporters.js";
import { hasRole, ROLE_LABEL, type WebUser, webUserFor } from "../../auth/web-user.js";
import type { Env } from "../../config/env.js";
import { roleTooLowPage, signInNeededPage } from "../../dashboard/account-pages.js";
import { securityHeaders } from "../../dashboard/routes.js";
import { logger } from "../../log.js";
import { HttpError } from "../http-error.js";
import type { AppContext, AppState } from "../state.js";
import { bearerOf, STATUS_WHEN_UNSET, TOKEN_VARIABLE, type TokenName, tokenMatches } from "./bearer.js";
import type { AccessMode } from "./mode.js";
import type { RateLimits } from "./rate-limits.js";
import { ROUTE_RULES, type RouteRule, ruleKey } from "./route-rules.js";
import { crossSiteRefusal } from "./same-origin.js";
import { endSession, readSession, type SessionMiddleware } from "./session.js";

/** Whom open modes admit: a viewer, never more (writing stays with the chat, the CLI and the admin token). */
export const LOCAL_VIEWER: WebUser = { userid: "local", role: "viewer" };

/** A router as the guard sees it: something that can say which of its layers a path and method reach. */
export interface MatchingRouter {
  match(path: string, method: string): { pathAndMethod: Array<{ path: string | RegExp; methods: string[] }> };
}

export interface GuardOptions {
  env: Env;
  mode: AccessMode;
  routers: readonly MatchingRouter[];
  reporters: () => ReportersFile;
  limits: RateLimits;
  session: SessionMiddleware;
  /** sign-in is possible (the self-built app is configured) */
  canSignIn: boolean;
  /** the rules; default ROUTE_RULES (tests add rules for routers of their own) */
  rules?: Readonly<Record<string, RouteRule>>;
}

/** The route pattern a request reaches, as the first router that has it registered it. */
export function matchedRoute(routers: readonly MatchingRouter[], path: string, method: string): string | undefined {
  for (const router of routers) {
    const layer = router.match(path, method).pathAndMethod.find((l) => l.methods.length > 0);
    if (layer) return String(layer.path);
  }
  return undefined;
}

const wantsHtml = (ctx: AppContext) => ctx.accepts("json", "html") === "html";

/** A refusal page, with the dashboard's security headers (no framing, our own scripts and styles only). */
async function sendPage(ctx: AppContext, status: number, body: string): Promise<void> {
  await securityHeaders(ctx, async () => {
    ctx.status = status;
    ctx.type = "text/html; charset=utf-8";
    ctx.set("Cache-Control", "no-store");
    ctx.body = body;
  });
}

export function accessGuard(o: GuardOptions): Middleware<AppState> {
  const rules = o.rules ?? ROUTE_RULES;
  const refuseAnonymous = async (ctx: AppContext, rule: RouteRule): Promise<void> => {
    const takesToken = (rule.who === "role" && rule.token) || rule.who === "token";
    if (takesToken) ctx.set("WWW-Authenticate", 'Bearer realm="planbot"');
    if (wantsHtml(ctx)) {
      if (o.canSignIn && (ctx.method === "GET" || ctx.method === "HEAD")) {
        ctx.redirect(`/auth/signin?next=${encodeURIComponent(ctx.originalUrl)}`);
        return;
      }
      return sendPage(ctx, 401, signInNeededPage(ctx.method === "GET" ? ctx.originalUrl : "/", o.canSignIn));
    }
    throw new HttpError(401, "sign-in required (WeCom) or a bearer token", "unauthenticated");
  };

  const refuseRole = async (ctx: AppContext, user: WebUser): Promise<void> => {
    const askWhom = adminsText(o.reporters());
    if (wantsHtml(ctx)) return sendPage(ctx, 403, roleTooLowPage(user, askWhom));
    throw new HttpError(403, `role ${user.role} (${ROLE_LABEL[user.role]}) may not use this`, "forbidden_role");
  };

  /** A bearer token for a route that takes one: 401 when missing or wrong (503 for an API its unset token turns off). */
  const checkToken = (ctx: AppContext, name: TokenName, given: string | undefined): void => {
    const variable = TOKEN_VARIABLE[name];
    if (!o.env[variable] && STATUS_WHEN_UNSET[name] === 503) {
      throw new HttpError(503, `API disabled: set ${variable}`, "api_disabled");
    }
    if (given === undefined || !tokenMatches(o.env, name, given)) {
      ctx.set("WWW-Authenticate", 'Bearer realm="planbot"');
      const hint = o.env[variable] ? "" : ` (${variable} is not set: no token is accepted)`;
      throw new HttpError(401, `missing or wrong bearer token${hint}`, "unauthorized");
    }
    ctx.state.bearer = name;
  };

  /** The signed-in user, from the session; a session whose userid left the reporters file is ended. */
  const sessionUser = (ctx: AppContext): WebUser | undefined => {
    const { userid } = readSession(ctx);
    if (!userid) return undefined;
    const user = webUserFor(o.reporters(), userid);
    if (!user) endSession(ctx);
    return user;
  };

  const admit = async (ctx: AppContext, rule: RouteRule, next: () => Promise<unknown>): Promise<unknown> => {
    // Requests nobody vouches for count against their address; people signed in and systems with a token do not
    // (a whole office behind one NAT address must not share one limit).
    const anonymous = (then: () => Promise<unknown>) =>
      rule.who === "signin" ? then() : o.limits.general(ctx, then as () => Promise<void>);
    const given = bearerOf(ctx.get("authorization"));
    const token = rule.who === "token" ? rule.token : rule.who === "role" ? rule.token : undefined;
    if (token && given !== undefined) {
      if (!tokenMatches(o.env, token, given)) return anonymous(async () => checkToken(ctx, token, given));
      ctx.state.bearer = token;
      return next();
    }
    if (rule.who === "token") {
      if (rule.openLocally && o.mode === "open-local") return next();
      return anonymous(async () => checkToken(ctx, rule.token, undefined));
    }
    // Everything below rests on the cookie (or on open mode): a browser's request must come from our own pages.
    const crossSite = crossSiteRefusal(ctx, o.env.PLANBOT_PUBLIC_URL);
    if (crossSite) {
      ctx.state.log.warn({ reason: crossSite }, "cross-site request refused");
      throw new HttpError(403, "cross-site request refused", "cross_site");
    }
    const signedIn = sessionUser(ctx);
    const user = signedIn ?? (o.mode === "closed" ? undefined : LOCAL_VIEWER);
    if (user) ctx.state.user = user;
    const go = signedIn || o.mode === "open-local" ? next : () => anonymous(next);
    if (rule.who === "anyone" || rule.who === "signin" || (rule.who === "plan" && o.env.PLANBOT_PUBLIC_PLAN)) {
      return go();
    }
    if (!user) return anonymous(async () => refuseAnonymous(ctx, rule));
    if (!hasRole(user.role, rule.who === "role" ? rule.role : "viewer")) return refuseRole(ctx, user);
    return go();
  };

  return async (ctx, next) => {
    const route = matchedRoute(o.routers, ctx.path, ctx.method);
    // Unknown paths and methods go on to the routers' 404/405, under the general limit.
    if (route === undefined) return o.limits.general(ctx, next);
    const rule = rules[ruleKey(ctx.method, route)];
    if (!rule) {
      logger.error({ method: ctx.method, route }, "route has no access rule: refused (add it to ROUTE_RULES)");
      throw new HttpError(403, "this route has no access rule", "no_access_rule");
    }
    if (rule.who === "callback") return next();
    const guarded = () => o.session(ctx, () => admit(ctx, rule, next), rule.who === "signin");
    if (rule.who === "signin") return o.limits.signIn(ctx, guarded);
    await guarded();
  };
}
