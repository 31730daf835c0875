// A minimal Koa app around the dashboard routes alone, for tests and the benchmark (the service mounts the same router).
import type { AddressInfo } from "node:net";
import Koa from "koa";
import type { Runtime } from "../runtime.js";
import { dashboardRoutes } from "./routes.js";

export interface RunningDashboard {
  url: string;
  close(): Promise<void>;
}

export async function startDashboardServer(runtime: Runtime, host = "127.0.0.1", port = 0): Promise<RunningDashboard> {
  const app = new Koa();
  const router = dashboardRoutes(runtime);
  app.use(router.routes());
  app.use(router.allowedMethods());
  const server = app.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
