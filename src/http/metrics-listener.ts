// A second listener on 127.0.0.1 that serves only /metrics, without a token (PLANBOT_METRICS_PORT): for a scraper on the same machine.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import Koa from "koa";
import { metricsRoutes } from "./routes/metrics.js";

export interface MetricsListener {
  url: string;
  close(): Promise<void>;
}

export async function startMetricsListener(port: number): Promise<MetricsListener> {
  const app = new Koa();
  const router = metricsRoutes();
  app.use(router.routes()).use(router.allowedMethods());
  // Loopback only, whatever HOST is: this listener has no sign-in.
  const server: Server = app.listen({ host: "127.0.0.1", port });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
