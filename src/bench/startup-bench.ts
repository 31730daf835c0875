// Start-up as a user meets it (issue 15): process wall time of `planbot ask` with the bundled plan, and of
// `planbot serve` until /healthz answers, each beside `node -e 0` measured in the same run (the machine's floor).
// Measured on the bundled app that `npm start` and the bin run, and once more on tsc's unbundled output, to show what
// the bundle (scripts/bundle-app.ts) buys.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../app/planbot.js", import.meta.url));
const UNBUNDLED_CLI = fileURLToPath(new URL("../cli/main.js", import.meta.url));
const RUNS = 7;
/** a started server that never answers /healthz is given up on after this long */
const SERVE_LIMIT_MS = 20_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Wall time of one process run to its exit, in ms. */
function timed(args: string[], env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
  return performance.now() - start;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Wall time from spawning `planbot serve` to its first 200 from /healthz, in ms; the process is then stopped. */
async function serveReady(env: NodeJS.ProcessEnv, cli = CLI): Promise<number> {
  const port = await freePort();
  const start = performance.now();
  const child = spawn(process.execPath, [cli, "serve", "--port", String(port)], { env, stdio: "ignore" });
  try {
    while (performance.now() - start < SERVE_LIMIT_MS) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return performance.now() - start;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`serve did not answer /healthz within ${SERVE_LIMIT_MS} ms`);
  } finally {
    child.kill("SIGKILL");
  }
}

export async function runStartupBench(): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), "planbot-startup-"));
  // Local mode, the bundled plan, a fresh database: what `npm start` and `planbot ask` meet on a new checkout.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PLANBOT_KNOWLEDGE: "knowledge",
    PLANBOT_DB: join(dir, "planbot.sqlite"),
    LOG_LEVEL: "warn",
  };
  try {
    timed([CLI, "ask", "上市公司目标是多少"], env); // creates the database once, as a first run does
    const floor: number[] = [];
    const ask: number[] = [];
    const serve: number[] = [];
    const unbundledAsk: number[] = [];
    const unbundledServe: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      floor.push(timed(["-e", "0"], env));
      ask.push(timed([CLI, "ask", "上市公司目标是多少"], env));
      serve.push(await serveReady(env));
      unbundledAsk.push(timed([UNBUNDLED_CLI, "ask", "上市公司目标是多少"], env));
      unbundledServe.push(await serveReady(env, UNBUNDLED_CLI));
    }
    const ratio = (xs: number[], unbundled: number[]) => (median(xs) / median(unbundled)).toFixed(2);
    const row = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)})`;
    return {
      "node -e 0 (floor)": row(floor),
      "planbot ask": `${row(ask)}; above the floor ${(median(ask) - median(floor)).toFixed(0)} ms (goal: answered within 300 ms)`,
      "planbot serve → /healthz": `${row(serve)}; above the floor ${(median(serve) - median(floor)).toFixed(0)} ms (goal: ready within 300 ms)`,
      "unbundled ask (dist/cli)": `${row(unbundledAsk)}; bundled ÷ unbundled ${ratio(ask, unbundledAsk)}`,
      "unbundled serve → /healthz (dist/cli)": `${row(unbundledServe)}; bundled ÷ unbundled ${ratio(serve, unbundledServe)}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
