// The one Prometheus registry and planbot's metrics; other modules call and increment these.
// prom-client is required on first use (synchronously, through its CommonJS build): a command that counts nothing
// never loads it, and a starting server loads it after its first response (see request-context.ts), not before.
import { createRequire } from "node:module";
import type * as Prom from "prom-client";

const require = createRequire(import.meta.url);

/** A value made on first call and kept: the metrics and the registry they are registered on. */
export function once<T>(make: (prom: typeof Prom) => T): () => T {
  let made: T | undefined;
  return () => {
    if (made === undefined) {
      made = make(require("prom-client") as typeof Prom);
      promLoaded = true;
    }
    return made;
  };
}

let promLoaded = false;
/** Whether prom-client is loaded: until then, counting may wait until a response is on its way. */
export const metricsLoaded = (): boolean => promLoaded;

export const metricsRegistry = once((prom) => {
  const registry = new prom.Registry();
  prom.collectDefaultMetrics({ register: registry, prefix: "planbot_" });
  return registry;
});

export const httpRequests = once((prom) => {
  return new prom.Counter({
    name: "planbot_http_requests_total",
    help: "HTTP requests served, by route and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [metricsRegistry()],
  });
});

export const answerLatency = once((prom) => {
  return new prom.Histogram({
    name: "planbot_answer_duration_seconds",
    help: "Time to answer one chat message, by channel",
    labelNames: ["channel"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [metricsRegistry()],
  });
});

/** Outbound pushes (group robot webhook, app message send), by kind and result (ok, retry, failed). */
export const pushes = once((prom) => {
  return new prom.Counter({
    name: "planbot_wecom_pushes_total",
    help: "Messages pushed to WeCom, by kind and result",
    labelNames: ["kind", "result"] as const,
    registers: [metricsRegistry()],
  });
});

/** Anything that went wrong, by kind: bad_signature, stale_timestamp, undecryptable, push_failed, internal… */
export const failures = once((prom) => {
  return new prom.Counter({
    name: "planbot_failures_total",
    help: "Refused requests and failed operations, by kind",
    labelNames: ["kind"] as const,
    registers: [metricsRegistry()],
  });
});

/** The registry with every metric above on it, counted or not yet: what /metrics shows. */
export function scrapedRegistry(): Prom.Registry {
  for (const metric of [httpRequests, answerLatency, pushes, failures]) metric();
  return metricsRegistry();
}
