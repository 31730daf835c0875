// Runs the built `planbot serve` (dist/app/planbot.js, what `npm start` runs) as a child process that the fault suite can SIGKILL and restart.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

export interface ServeProcess {
  url: string;
  /** starts the service (again), with `extraEnv` on top of the base environment, once /healthz answers */
  start(extraEnv?: Record<string, string>): Promise<void>;
  /** SIGKILL, no goodbye: the crash the suite is about */
  kill(): Promise<void>;
  /** SIGTERM and wait: a clean stop */
  stop(): Promise<void>;
  readonly running: boolean;
  /** how many times it was started */
  readonly starts: number;
}

/** A port free right now on 127.0.0.1 (kept across restarts so clients need not learn a new one). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no free port");
  return address.port;
}

export async function serveProcess(distDir: string, env: Record<string, string>): Promise<ServeProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let starts = 0;
  let stderr = "";

  const waitHealthy = async () => {
    for (let i = 0; i < 400; i++) {
      if (!child || child.exitCode !== null) throw new Error(`planbot serve exited on start: ${stderr.slice(-2000)}`);
      try {
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("planbot serve did not answer /healthz within 20 s");
  };

  const proc: ServeProcess = {
    url,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    get starts() {
      return starts;
    },
    async start(extraEnv = {}) {
      stderr = "";
      const started = spawn(process.execPath, [join(distDir, "app/planbot.js"), "serve", "--port", String(port)], {
        env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", ...env, ...extraEnv },
        stdio: ["ignore", "ignore", "pipe"],
      });
      started.stderr?.on("data", (d) => {
        stderr = (stderr + String(d)).slice(-4000);
      });
      exited = new Promise<void>((resolve) => started.once("exit", () => resolve()));
      child = started;
      starts++;
      await waitHealthy();
    },
    async kill() {
      child?.kill("SIGKILL");
      await exited;
    },
    async stop() {
      child?.kill("SIGTERM");
      await exited;
    },
  };
  return proc;
}
