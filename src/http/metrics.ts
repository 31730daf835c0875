// The one Prometheus registry and planbot's metrics; other modules import and increment these.
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: "planbot_" });

export const httpRequests = new Counter({
  name: "planbot_http_requests_total",
  help: "HTTP requests served, by route and status",
  labelNames: ["method", "route", "status"] as const,
  registers: [registry],
});

export const answerLatency = new Histogram({
  name: "planbot_answer_duration_seconds",
  help: "Time to answer one chat message, by channel",
  labelNames: ["channel"] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

/** Outbound pushes (group robot webhook, app message send), by kind and result (ok, retry, failed). */
export const pushes = new Counter({
  name: "planbot_wecom_pushes_total",
  help: "Messages pushed to WeCom, by kind and result",
  labelNames: ["kind", "result"] as const,
  registers: [registry],
});

/** Anything that went wrong, by kind: bad_signature, stale_timestamp, undecryptable, push_failed, internal… */
export const failures = new Counter({
  name: "planbot_failures_total",
  help: "Refused requests and failed operations, by kind",
  labelNames: ["kind"] as const,
  registers: [registry],
});
