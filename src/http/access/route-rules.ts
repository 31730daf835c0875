// Who may use each route: one rule per method and path pattern. A route without a rule is refused (closed by default).
import type { Role } from "../../auth/web-user.js";
import type { TokenName } from "./bearer.js";
import type { AccessMode } from "./mode.js";

export type RouteRule =
  /** WeCom's callbacks: no identity (each message is signed), no rate limit (WeCom's addresses are many) */
  | { who: "callback" }
  /** anyone; rate limited */
  | { who: "anyone" }
  /** the sign-in steps: anyone, under the tighter sign-in limit */
  | { who: "signin" }
  /** the plan's matrix: anyone when PLANBOT_PUBLIC_PLAN (the page then leaves progress out), else a viewer */
  | { who: "plan" }
  /** a signed-in user with at least `role`; `token` also lets other systems in with that bearer token */
  | { who: "role"; role: Role; token?: TokenName }
  /** a bearer token only; `openLocally`: open in local mode on loopback, as before sign-in existed */
  | { who: "token"; token: TokenName; openLocally?: boolean };

const callback: RouteRule = { who: "callback" };
const anyone: RouteRule = { who: "anyone" };
const signin: RouteRule = { who: "signin" };
const viewer: RouteRule = { who: "role", role: "viewer" };

/** Keys are "METHOD pattern" as @koa/router registers them (HEAD follows GET). */
export const ROUTE_RULES: Readonly<Record<string, RouteRule>> = {
  "GET /wecom/bot": callback,
  "POST /wecom/bot": callback,
  "GET /wecom/app": callback,
  "POST /wecom/app": callback,
  "GET /healthz": anyone,
  "GET /metrics": { who: "token", token: "metrics", openLocally: true },
  "POST /api/ask": { who: "role", role: "viewer", token: "ask" },
  // as strict as before: the admin token and nothing else, whatever the mode
  "GET /api/progress": { who: "token", token: "admin" },
  "POST /api/progress": { who: "token", token: "admin" },
  "GET /": { who: "plan" },
  "GET /tasks/:plan/:no": viewer,
  "GET /try": viewer,
  "POST /try": viewer,
  // a progress sheet uploaded, previewed and stored: admins only (the CLI is the operator's other way in)
  "GET /progress/import": { who: "role", role: "admin" },
  "POST /progress/import/preview": { who: "role", role: "admin" },
  "POST /progress/import/confirm": { who: "role", role: "admin" },
  // our own CSS and scripts (no data): the sign-in and refusal pages need them too
  "GET /assets/:name": anyone,
  "GET /auth/signin": signin,
  "GET /auth/wecom/callback": signin,
  "GET /auth/account": anyone,
  "POST /auth/signout": anyone,
};

export const ruleKey = (method: string, path: string): string => `${method === "HEAD" ? "GET" : method} ${path}`;

/** The identities a route admits, as the route table test lists them. */
export type Identity = "none" | "viewer" | "reporter" | "admin" | "token";

export function identitiesAllowed(rule: RouteRule, mode: AccessMode, publicPlan: boolean): Identity[] {
  const users: Identity[] = ["viewer", "reporter", "admin"];
  // a route open to no identity is open to a system holding some token too
  const everyone: Identity[] = ["none", ...users, "token"];
  const open = mode !== "closed";
  switch (rule.who) {
    case "callback":
    case "anyone":
    case "signin":
      return everyone;
    case "plan":
      return open || publicPlan ? everyone : users;
    case "role": {
      const byRole = users.slice(users.indexOf(rule.role));
      const withToken: Identity[] = rule.token ? [...byRole, "token"] : byRole;
      // open modes admit everyone as a local viewer, so viewer routes need no identity there
      return open && rule.role === "viewer" ? everyone : withToken;
    }
    case "token":
      return rule.openLocally && mode === "open-local" ? everyone : ["token"];
  }
}
