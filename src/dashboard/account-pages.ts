// The sign-in pages people see: who is signed in, why sign-in is needed or refused, and whom to ask.
import { ROLE_LABEL, type WebUser } from "../auth/web-user.js";
import { html, type SafeHtml } from "./html.js";
import { renderPage } from "./layout.js";

function page(title: string, body: SafeHtml): string {
  return renderPage({ title, body, current: title === "账户" ? "account" : undefined });
}

const signInLink = (next = "/") =>
  html`<p><a class="button" href="/auth/signin?next=${encodeURIComponent(next)}">通过企业微信登录</a></p>`;

/** No identity on a closed service. `canSignIn` is false when the self-built app (which sign-in uses) is not set up. */
export function signInNeededPage(next: string, canSignIn: boolean): string {
  return page(
    "需要登录",
    html`<h1>需要登录</h1>
<p>看板中的进展数据仅供本单位内部查看，请先用企业微信登录。</p>
${
  canSignIn
    ? signInLink(next)
    : html`<p>本服务尚未配置企业微信自建应用（WECOM_CORP_ID、WECOM_APP_SECRET、WECOM_AGENT_ID 等），暂时无法登录。请联系管理员。</p>`
}`,
  );
}

/** Signed in, but the route needs more than this role. */
export function roleTooLowPage(user: WebUser, askWhom: string): string {
  return page(
    "没有权限",
    html`<h1>没有权限</h1>
<p>您（${user.userid}）的角色是${ROLE_LABEL[user.role]}，不能使用此功能。如需开通，请联系${askWhom}。</p>
<p><a href="/">返回责任矩阵</a></p>`,
  );
}

/** WeCom vouched for the person, but the reporters file does not list them. */
export function unknownUserPage(userid: string, askWhom: string): string {
  return page(
    "尚未开通",
    html`<h1>尚未开通查看权限</h1>
<p>您好，您的企业微信账号（${userid}）已确认，但还不在本看板的查看名单中，因此暂时不能查看。</p>
<p>如需开通，请联系${askWhom}，请对方把您的账号加入名单（角色为查看者、填报员或管理员）。</p>`,
  );
}

/** Sign-in did not complete: cancelled, expired, or WeCom could not be asked. */
export function signInFailedPage(reason: string, next = "/"): string {
  return page("登录未完成", html`<h1>登录未完成</h1><p>${reason}</p>${signInLink(next)}`);
}

export type AccountView =
  | { kind: "signed-in"; user: WebUser; name?: string }
  | { kind: "local"; mode: "open-local" | "open-public" }
  | { kind: "anonymous"; canSignIn: boolean };

export function accountPage(view: AccountView): string {
  if (view.kind === "signed-in") {
    const { user } = view;
    return page(
      "账户",
      html`<h1>账户</h1>
<dl class="account">
<dt>企业微信账号</dt><dd>${view.name ? `${view.name}（${user.userid}）` : user.userid}</dd>
<dt>角色</dt><dd data-role="${user.role}">${ROLE_LABEL[user.role]}</dd>
${user.department ? html`<dt>部门</dt><dd>${user.department}</dd>` : ""}
</dl>
<form method="post" action="/auth/signout"><button type="submit">退出登录</button></form>`,
    );
  }
  if (view.kind === "local") {
    return page(
      "账户",
      html`<h1>账户</h1><p>${
        view.mode === "open-local"
          ? "本地模式：未配置企业微信，服务只监听本机地址，查看无需登录。"
          : "本服务按配置（PLANBOT_OPEN_DASHBOARD=true）对所有人开放只读查看，无需登录。"
      }</p>`,
    );
  }
  return page(
    "账户",
    html`<h1>账户</h1><p>您尚未登录（或已退出登录）。</p>${view.canSignIn ? signInLink() : html`<p>本服务尚未配置企业微信自建应用，暂时无法登录。</p>`}`,
  );
}
