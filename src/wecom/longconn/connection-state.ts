// The long connection's state as /healthz and /metrics report it: authenticated, connecting, reconnecting, down
// (and since when), or standby while another replica holds the bot's one connection.
import { metricsRegistry, once } from "../../http/metrics.js";

export type ConnectionPhase = "connecting" | "authenticated" | "reconnecting" | "down" | "standby";

export interface ConnectionStatus {
  state: ConnectionPhase;
  /** ISO time of the last change of state */
  since: string;
  /** reconnect attempts since the last successful authentication */
  attempts: number;
  /** why it is down or reconnecting, when known */
  reason?: string;
}

const PHASES: ConnectionPhase[] = ["connecting", "authenticated", "reconnecting", "down", "standby"];

// Registered on the service's registry when the first connection state is made.
const gauges = once((prom) => ({
  phase: new prom.Gauge({
    name: "planbot_wecom_longconn_state",
    help: "The intelligent bot's long connection: 1 for the state it is in now, 0 for the others",
    labelNames: ["state"] as const,
    registers: [metricsRegistry()],
  }),
  since: new prom.Gauge({
    name: "planbot_wecom_longconn_state_since_seconds",
    help: "Unix time at which the long connection entered its current state",
    registers: [metricsRegistry()],
  }),
  reconnects: new prom.Counter({
    name: "planbot_wecom_longconn_reconnects_total",
    help: "Reconnect attempts of the long connection",
    registers: [metricsRegistry()],
  }),
}));

export interface ConnectionState {
  status(): ConnectionStatus;
  set(state: ConnectionPhase, reason?: string): void;
  reconnecting(attempt: number, reason?: string): void;
}

export function createConnectionState(now: () => number = Date.now): ConnectionState {
  let current: ConnectionStatus = { state: "connecting", since: new Date(now()).toISOString(), attempts: 0 };
  const publish = () => {
    const { phase: phaseGauge, since: sinceGauge } = gauges();
    for (const phase of PHASES) phaseGauge.set({ state: phase }, phase === current.state ? 1 : 0);
    sinceGauge.set(Date.parse(current.since) / 1000);
  };
  publish();
  return {
    status: () => ({ ...current }),
    set(state, reason) {
      const attempts = state === "authenticated" || state === "standby" ? 0 : current.attempts;
      // Only a change of state moves "since": a second "down" keeps the time it first went down.
      const since = state === current.state ? current.since : new Date(now()).toISOString();
      current = { state, since, attempts, ...(reason ? { reason } : {}) };
      publish();
    },
    reconnecting(attempt, reason) {
      gauges().reconnects.inc();
      const since = current.state === "reconnecting" ? current.since : new Date(now()).toISOString();
      current = { state: "reconnecting", since, attempts: attempt, ...(reason ? { reason } : {}) };
      publish();
    },
  };
}
