// Sign-in through WeCom (OAuth2 code flow of the self-built app), the account page and sign-out.
import { randomBytes, timingSafeEqual } from "node:crypto";
import Router from "@koa/router";
import { z } from "zod";
import { adminsText, findReporter } from "../../auth/permission.js";
import { webUserFor } from "../../auth/web-user.js";
import { accountPage, signInFailedPage, unknownUserPage } from "../../dashboard/account-pages.js";
import { securityHeaders } from "../../dashboard/routes.js";
import type { Runtime } from "../../runtime.js";
import { WecomApiError } from "../../wecom/api-error.js";
import type { IdentityResolver } from "../../wecom/oauth/identity.js";
import { inAppAuthorizeUrl, insideWecom, webLoginUrl } from "../../wecom/oauth/links.js";
import type { AccessMode } from "../access/mode.js";
import { siteOrigin } from "../access/same-origin.js";
import { endSession, readSession, updateSession } from "../access/session.js";
import type { AppContext, AppState } from "../state.js";

/** A sign-in left unfinished this long is forgotten (WeCom's codes live five minutes). */
const SIGN_IN_WINDOW_MS = 10 * 60_000;

export interface SignInApp {
  corpId: string;
  agentId: string;
  identity: IdentityResolver;
}

export interface AuthRouteOptions {
  runtime: Runtime;
  mode: AccessMode;
  /** absent when the self-built app is not configured: nobody can sign in */
  app?: SignInApp;
}

/** Only a path on this site: "/x?y", never "//host" or "/\host" (which browsers read as another site). */
export function safeNext(next: unknown): string {
  if (typeof next !== "string" || !/^\/(?![/\\])/.test(next) || next.length > 2000) return "/";
  return next.startsWith("/auth/") ? "/" : next;
}

const CallbackQuery = z.object({
  code: z.string().min(1).max(512).optional(),
  state: z.string().max(128).optional(),
});

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function sendHtml(ctx: AppContext, status: number, body: string): void {
  ctx.status = status;
  ctx.type = "text/html; charset=utf-8";
  ctx.set("Cache-Control", "no-store");
  ctx.body = body;
}

export function authRoutes(o: AuthRouteOptions): Router<AppState> {
  const router = new Router<AppState>();
  // the same headers as the dashboard's pages: our scripts and styles only, no framing, no referrer
  router.use(securityHeaders);
  const askWhom = () => adminsText(o.runtime.reporters);

  router.get("/auth/signin", (ctx) => {
    const next = safeNext(ctx.query.next);
    if (!o.app) {
      sendHtml(ctx, 503, signInFailedPage("本服务尚未配置企业微信自建应用，暂时无法登录。请联系管理员。", next));
      return;
    }
    const state = randomBytes(16).toString("hex");
    updateSession(ctx, { signIn: { state, next, at: Date.now() } });
    const redirectUri = `${siteOrigin(ctx, o.runtime.env.PLANBOT_PUBLIC_URL)}/auth/wecom/callback`;
    const link = { corpId: o.app.corpId, agentId: o.app.agentId, redirectUri, state };
    ctx.set("Cache-Control", "no-store");
    ctx.redirect(
      insideWecom(ctx.get("user-agent"))
        ? inAppAuthorizeUrl(o.runtime.env.WECOM_OAUTH_BASE, link)
        : webLoginUrl(o.runtime.env.WECOM_LOGIN_BASE, link),
    );
  });

  router.get("/auth/wecom/callback", async (ctx) => {
    const query = CallbackQuery.safeParse(ctx.query);
    const pending = readSession(ctx).signIn;
    const next = pending?.next ?? "/";
    // One answer per sign-in started: a wrong state uses it up too, so a state cannot be guessed at by retrying.
    if (pending) updateSession(ctx, { signIn: undefined });
    // The state ties the answer to a sign-in this browser started, so nobody can sign someone in as themselves.
    if (
      !o.app ||
      !query.success ||
      !pending ||
      Date.now() - pending.at > SIGN_IN_WINDOW_MS ||
      !sameText(query.data.state ?? "", pending.state)
    ) {
      sendHtml(ctx, 400, signInFailedPage("登录链接已失效或不是从本站发起的，请重新登录。", next));
      return;
    }
    if (!query.data.code) {
      sendHtml(ctx, 401, signInFailedPage("登录已取消。", next));
      return;
    }
    let identity: Awaited<ReturnType<IdentityResolver["resolve"]>>;
    try {
      identity = await o.app.identity.resolve(query.data.code);
    } catch (err) {
      if (err instanceof WecomApiError && err.errcode !== null && err.errcode !== -1) {
        ctx.state.log.warn({ errcode: err.errcode }, "sign-in: WeCom refused the code");
        sendHtml(ctx, 400, signInFailedPage("企业微信未能确认您的身份（登录凭证无效或已过期），请重新登录。", next));
        return;
      }
      ctx.state.log.error({ err }, "sign-in: WeCom could not be asked");
      sendHtml(ctx, 502, signInFailedPage("暂时无法向企业微信确认您的身份，请稍后再试。", next));
      return;
    }
    if (!identity.member) {
      sendHtml(ctx, 403, signInFailedPage(`本看板仅供本单位企业微信成员使用。如有需要，请联系${askWhom()}。`, next));
      return;
    }
    const user = webUserFor(o.runtime.reporters, identity.userid);
    if (!user) {
      ctx.state.log.info({ userid: identity.userid }, "sign-in refused: userid not in the reporters file");
      sendHtml(ctx, 403, unknownUserPage(identity.userid, askWhom()));
      return;
    }
    updateSession(ctx, { userid: user.userid, signedInAt: Date.now() });
    ctx.state.log.info({ userid: user.userid, role: user.role }, "signed in");
    ctx.redirect(next);
  });

  router.get("/auth/account", (ctx) => {
    const user = ctx.state.user;
    const view =
      o.mode !== "closed"
        ? ({ kind: "local", mode: o.mode } as const)
        : user
          ? ({ kind: "signed-in", user, name: findReporter(o.runtime.reporters, user.userid)?.name } as const)
          : ({ kind: "anonymous", canSignIn: !!o.app } as const);
    sendHtml(ctx, 200, accountPage(view));
  });

  router.post("/auth/signout", (ctx) => {
    const { userid } = readSession(ctx);
    endSession(ctx);
    if (userid) ctx.state.log.info({ userid }, "signed out");
    // See other: the account page then says "not signed in" (going to / inside WeCom would sign in again at once).
    ctx.redirect("/auth/account");
    ctx.status = 303;
  });

  return router;
}
