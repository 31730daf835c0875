// What every request carries through the middleware chain.
import type { ParameterizedContext } from "koa";
import type { WebUser } from "../auth/web-user.js";
import type { Logger } from "../log.js";
import type { TokenName } from "./access/bearer.js";

export interface AppState {
  requestId: string;
  /** the request's child logger (carries the request id) */
  log: Logger;
  /**
   * Who is asking, set by the access middleware on every route but WeCom's callbacks: the signed-in user (role from
   * the reporters file), or in open local mode { userid: "local", role: "viewer" }. Absent for anonymous requests
   * and for requests authenticated by a bearer token.
   */
  user?: WebUser;
  /** which bearer token the request carried, when it authenticated with one */
  bearer?: TokenName;
}

export type AppContext = ParameterizedContext<AppState>;
