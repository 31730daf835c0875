// The simulator's sign-in side: WeCom's authorise and web-login pages (which send the browser back with a one-use code)
// and the codes that /cgi-bin/auth/getuserinfo redeems, as WeCom does: five minutes, once, for the corp that issued them.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeHtml } from "../../dashboard/html.js";

export interface SimulatedPerson {
  userid: string;
  name?: string;
}

export interface SimulatedOAuthOptions {
  /** corps (corp id → agent id) whose apps may send people to sign in */
  corps: ReadonlyArray<{ corpId: string; agentId: string }>;
  /** who is "signed in to WeCom": the pages send them straight back, as the WeCom client does; else a form asks */
  signedInAs?: string;
  /** offered as buttons on the form (planbot simulate passes the reporters file) */
  people?: readonly SimulatedPerson[];
  /** userids that are outsiders (getuserinfo answers with an openid instead of a userid) */
  outsiders?: readonly string[];
  now: () => number;
}

export interface SimulatedOAuth {
  /** answers GET /connect/oauth2/authorize and GET /wwlogin/sso/login; false for any other path */
  handlePage(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
  /** getuserinfo's answer for a code, for the corp the access token belongs to */
  redeem(code: string, corpId: string): Record<string, unknown>;
  signInAs(userid: string | undefined): void;
  /** codes issued so far (tests check a code works once) */
  issued(): number;
}

const CODE_TTL_MS = 5 * 60_000;

export function createSimulatedOAuth(o: SimulatedOAuthOptions): SimulatedOAuth {
  let signedInAs = o.signedInAs;
  const codes = new Map<string, { userid: string; corpId: string; expiresAt: number }>();
  let issuedCount = 0;

  const sendBack = (
    res: ServerResponse,
    redirectUri: string,
    state: string,
    userid: string | undefined,
    corpId: string,
  ) => {
    const back = new URL(redirectUri);
    if (userid !== undefined) {
      const code = randomBytes(24).toString("base64url");
      codes.set(code, { userid, corpId, expiresAt: o.now() + CODE_TTL_MS });
      issuedCount += 1;
      back.searchParams.set("code", code);
    }
    // A cancelled web login comes back with the state and no code, as WeCom's does.
    back.searchParams.set("state", state);
    res.writeHead(302, { location: back.toString(), "cache-control": "no-store" }).end();
  };

  const badRequest = (res: ServerResponse, why: string) => {
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8" }).end(`模拟企业微信:${why}`);
  };

  const form = (res: ServerResponse, url: URL) => {
    const hidden = [...url.searchParams]
      .filter(([k]) => k !== "sim_userid" && k !== "sim_cancel")
      .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
      .join("");
    const people = (o.people ?? [])
      .map(
        (p) =>
          `<button type="submit" name="sim_userid" value="${escapeHtml(p.userid)}">${escapeHtml(p.name ? `${p.name}(${p.userid})` : p.userid)}</button>`,
      )
      .join(" ");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>模拟企业微信登录</title><link rel="icon" href="data:,"></head><body>
<h1>模拟企业微信登录</h1><p>本页由 planbot 的本地企业微信模拟器提供,代替企业微信确认您的身份。</p>
<form method="get" action="${escapeHtml(url.pathname)}">${hidden}
<p>${people}</p>
<p><label for="sim-userid">企业微信 userid</label> <input id="sim-userid" name="sim_userid"> <button type="submit">登录</button>
<button type="submit" name="sim_cancel" value="1">取消</button></p>
</form></body></html>`,
    );
  };

  return {
    handlePage(req, res, url) {
      const inApp = url.pathname === "/connect/oauth2/authorize";
      const web = url.pathname === "/wwlogin/sso/login";
      if (!inApp && !web) return false;
      if (req.method !== "GET") {
        res.writeHead(405).end();
        return true;
      }
      const q = url.searchParams;
      const refuse = (why: string) => {
        badRequest(res, why);
        return true;
      };
      const back = (userid: string | undefined, corpId: string) => {
        sendBack(res, redirectUri, state, userid, corpId);
        return true;
      };
      const corp = o.corps.find((c) => c.corpId === q.get("appid"));
      if (!corp) return refuse("appid 不是已知企业的 CorpID");
      const redirectUri = q.get("redirect_uri") ?? "";
      if (!/^https?:\/\//.test(redirectUri)) return refuse("redirect_uri 参数错误");
      const state = q.get("state") ?? "";
      if (!/^[A-Za-z0-9]{0,128}$/.test(state)) return refuse("state 只能是字母和数字,不超过128字节");
      if (
        inApp &&
        (q.get("response_type") !== "code" || !["snsapi_base", "snsapi_privateinfo"].includes(q.get("scope") ?? ""))
      ) {
        return refuse("response_type 须为 code,scope 须为 snsapi_base 或 snsapi_privateinfo");
      }
      if (web && (q.get("login_type") !== "CorpApp" || q.get("agentid") !== corp.agentId)) {
        return refuse("login_type 须为 CorpApp,agentid 须为应用的 AgentID");
      }
      if (q.get("sim_cancel")) return back(undefined, corp.corpId);
      const chosen = q.get("sim_userid")?.trim() || signedInAs;
      if (chosen) return back(chosen, corp.corpId);
      form(res, url);
      return true;
    },
    redeem(code, corpId) {
      const entry = codes.get(code);
      codes.delete(code);
      if (!entry || entry.corpId !== corpId || entry.expiresAt <= o.now())
        return { errcode: 40029, errmsg: "invalid code" };
      if (o.outsiders?.includes(entry.userid)) {
        return { errcode: 0, errmsg: "ok", openid: `o-${entry.userid}` };
      }
      return { errcode: 0, errmsg: "ok", userid: entry.userid };
    },
    signInAs(userid) {
      signedInAs = userid;
    },
    issued: () => issuedCount,
  };
}
