// What every request carries through the middleware chain.
import type { ParameterizedContext } from "koa";
import type { Logger } from "../log.js";

export interface AppState {
  requestId: string;
  /** the request's child logger (carries the request id) */
  log: Logger;
}

export type AppContext = ParameterizedContext<AppState>;
