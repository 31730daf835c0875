// The intelligent bot over WeCom's long connection: the official SDK (@wecom/aibot-node-sdk) dials out, authenticates,
// keeps the heartbeat and reconnects with backoff; this file only connects its events to planbot's callbacks and
// to the connection state that /healthz and /metrics report.
import { type Logger as SdkLogger, WSAuthFailureError, WSClient } from "@wecom/aibot-node-sdk";
import type { ChatResponder } from "../../http/chat-responder.js";
import { type Logger, logger } from "../../log.js";
import type { SeenMessages } from "../seen-messages.js";
import { createLongConnCallbacks, describe, type LongConnCallbackDeps } from "./callbacks.js";
import { type ConnectionState, type ConnectionStatus, createConnectionState } from "./connection-state.js";

export interface LongConnConfig {
  botId: string;
  secret: string;
  wsUrl: string;
}

export interface LongConnOptions
  extends LongConnConfig,
    Pick<LongConnCallbackDeps, "choose" | "feedback" | "fileReports"> {
  seen: SeenMessages;
  respond: ChatResponder;
  /** wait this long for an answer before a "still working" frame (default 2 s, as the callback bot) */
  budgetMs?: number;
  /** the SDK's backoff base: 1 s doubling to 30 s (tests shorten it) */
  reconnectBaseMs?: number;
  /** the SDK's heartbeat interval (default 30 s) */
  heartbeatMs?: number;
}

export interface LongConnection {
  client: WSClient;
  status(): ConnectionStatus;
  /** dials (again, after stop) */
  start(): void;
  /** hangs up and stops reconnecting; state "standby" (another replica may hold the connection) or "down" */
  stop(as?: "standby" | "down"): void;
  /** lets the replies under way finish (up to a few seconds), then stops */
  close(): Promise<void>;
}

/** How long close() waits for replies under way: WeCom acknowledges within 5 s, the SDK gives up after that. */
const DRAIN_MS = 6000;

/** The SDK logs through planbot's logger; its debug lines carry message bodies, so they stay at debug. */
function sdkLogger(log: Logger): SdkLogger {
  const line =
    (level: "debug" | "info" | "warn" | "error") =>
    (message: string, ...args: unknown[]) =>
      log[level]({ sdk: args.length > 0 ? args.map(String) : undefined }, message);
  return { debug: line("debug"), info: line("info"), warn: line("warn"), error: line("error") };
}

export function createLongConnection(o: LongConnOptions): LongConnection {
  const log = logger.child({ channel: "wecom-longconn" });
  const state: ConnectionState = createConnectionState();
  const client = new WSClient({
    botId: o.botId,
    secret: o.secret,
    wsUrl: o.wsUrl,
    // A server keeps trying: the state says "reconnecting" meanwhile, with the attempt count.
    maxReconnectAttempts: -1,
    reconnectInterval: o.reconnectBaseMs ?? 1000,
    heartbeatInterval: o.heartbeatMs ?? 30_000,
    logger: sdkLogger(log),
  });
  const callbacks = createLongConnCallbacks({
    client,
    seen: o.seen,
    respond: o.respond,
    log,
    budgetMs: o.budgetMs ?? 2000,
    ...(o.choose ? { choose: o.choose } : {}),
    ...(o.feedback ? { feedback: o.feedback } : {}),
    ...(o.fileReports ? { fileReports: o.fileReports } : {}),
  });
  let lastReason: string | undefined;

  client.on("connected", () => state.set("connecting"));
  client.on("authenticated", () => {
    log.info("long connection authenticated");
    state.set("authenticated");
  });
  client.on("disconnected", (reason) => {
    lastReason = reason;
    if (state.status().state === "authenticated") state.set("connecting", reason);
  });
  client.on("reconnecting", (attempt) => state.reconnecting(attempt, lastReason));
  client.on("error", (err) => {
    // Out of authentication attempts: the id or secret is wrong, and only an operator can fix that.
    if (err instanceof WSAuthFailureError) state.set("down", "WECOM_BOT_ID / WECOM_BOT_SECRET refused");
    else lastReason = err.message;
  });
  client.on("event.disconnected_event", () => {
    // WeCom closed this connection because another one subscribed for the same bot; the SDK does not redial.
    log.warn("long connection replaced by another connection for the same bot");
    state.set("down", "another connection subscribed for this bot");
  });
  /** callbacks under way, so that a shutdown lets their final frames be acknowledged */
  const inflight = new Set<Promise<void>>();
  const track = (work: Promise<void>, what: string) => {
    const settled = work.catch((err: unknown) => log.error({ err: describe(err) }, `${what} callback failed`));
    inflight.add(settled);
    void settled.finally(() => inflight.delete(settled));
  };
  client.on("message", (frame) => track(callbacks.onUserMessage(frame), "message"));
  client.on("event", (frame) => track(callbacks.onEvent(frame), "event"));

  /** whether start() was called since the last stop(): the SDK warns on a disconnect that has nothing to close */
  let dialing = false;
  function stop(as: "standby" | "down" = "down"): void {
    if (dialing) client.disconnect();
    dialing = false;
    state.set(as, as === "standby" ? "another replica holds the connection" : "stopped");
  }

  return {
    client,
    status: state.status,
    start() {
      dialing = true;
      state.set("connecting");
      client.connect();
    },
    stop,
    async close() {
      let timer: NodeJS.Timeout | undefined;
      const timeUp = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, DRAIN_MS);
      });
      await Promise.race([Promise.all(inflight), timeUp]);
      clearTimeout(timer);
      stop();
    },
  };
}
