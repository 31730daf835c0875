import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import YAML from "yaml";
import { EnvSchema } from "../../src/config/env.js";
import { newCredentials } from "../../src/wecom/simulator/credentials.js";
import { FIXTURE_KNOWLEDGE } from "../wecom/support/harness.js";

const root = new URL("../../", import.meta.url).pathname;
const read = (f: string) => readFileSync(join(root, f), "utf8");
const pkg = JSON.parse(read("package.json")) as { scripts: Record<string, string> };

/** The JSON-array instruction of the final stage of the Dockerfile, e.g. CMD ["node", …]. */
function finalInstruction(dockerfile: string, name: string): string[] {
  const lines = dockerfile.split("\n").filter((l) => l.startsWith(`${name} [`));
  return JSON.parse((lines.at(-1) ?? "").slice(name.length + 1)) as string[];
}

describe("Dockerfile and docker-compose.yml", () => {
  const dockerfile = read("Dockerfile");
  const compose = YAML.parse(read("docker-compose.yml")) as {
    services: Record<string, { env_file: string; volumes: string[]; restart: string; healthcheck: { test: string[] } }>;
  };

  it("starts the image with exactly what npm start runs", () => {
    expect(finalInstruction(dockerfile, "CMD").join(" ")).toBe(pkg.scripts.start);
  });

  it("runs from node:20-slim as a non-root user, with production dependencies and a data volume", () => {
    expect(dockerfile.match(/^FROM node:20-slim/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^VOLUME \["\/app\/data"\]$/m);
    expect(dockerfile).toMatch(/HOST=0\.0\.0\.0/);
  });

  it("the compose service reads .env, keeps data/ in a volume, restarts, and checks /healthz", () => {
    const service = compose.services.planbot;
    expect(service?.env_file).toBe(".env");
    expect(service?.volumes).toContain("./data:/app/data");
    expect(service?.restart).toBe("unless-stopped");
    expect(service?.healthcheck.test.join(" ")).toContain("/healthz");
    expect(dockerfile).toMatch(/^HEALTHCHECK [^\n]*\\\n\s+CMD \[[^\n]*\/healthz/m);
  });

  it(".env.example documents every configuration name", () => {
    const example = read(".env.example");
    for (const name of Object.keys(EnvSchema.shape)) expect(example).toMatch(new RegExp(`^${name}=`, "m"));
  });
});

describe("planbot serve (the image's start command)", () => {
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  afterEach(() => {
    child?.kill("SIGKILL");
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function serve(env: Record<string, string>) {
    dir = mkdtempSync(join(tmpdir(), "planbot-serve-"));
    const proc = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve"], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        LOG_LEVEL: "info",
        HOST: "127.0.0.1",
        PORT: "0",
        PLANBOT_KNOWLEDGE: FIXTURE_KNOWLEDGE,
        PLANBOT_DB: join(dir, "db.sqlite"),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = proc;
    let out = "";
    proc.stdout?.on("data", (b: Buffer) => {
      out += b.toString();
    });
    proc.stderr?.on("data", (b: Buffer) => {
      out += b.toString();
    });
    const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
    return { proc, output: () => out, exited };
  }

  it("listens, says how to connect WeCom in local mode, serves /healthz and stops cleanly on SIGTERM", async () => {
    const s = serve({});
    await expect.poll(() => /"url":"(http:[^"]+)"/.exec(s.output())?.[1], { timeout: 20_000 }).toBeTruthy();
    const url = /"url":"(http:[^"]+)"/.exec(s.output())?.[1];
    expect(s.output()).toContain("To connect WeCom");
    expect(s.output()).toContain("local mode: the dashboard, /try, /api/ask and /metrics are open without sign-in");
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    s.proc.kill("SIGTERM");
    expect(await s.exited).toBe(0);
  });

  it("with WeCom keys, never logs them", async () => {
    const creds = newCredentials();
    const s = serve({ WECOM_BOT_TOKEN: creds.bot.token, WECOM_BOT_AES_KEY: creds.bot.aesKey });
    await expect.poll(() => s.output(), { timeout: 20_000 }).toContain("intelligent bot callbacks enabled");
    expect(s.output()).toContain("closed: the dashboard, /try and /api/ask need a signed-in user");
    // only the bot: nobody can sign in, and the log says why
    expect(s.output()).toContain("nobody can sign in");
    s.proc.kill("SIGTERM");
    await s.exited;
    expect(s.output()).not.toContain(creds.bot.token);
    expect(s.output()).not.toContain(creds.bot.aesKey);
  });

  it("refuses to start on a half-configured integration, listing every problem", async () => {
    const s = serve({ WECOM_BOT_TOKEN: "x", PORT: "not-a-port" });
    expect(await s.exited).toBe(1);
    expect(s.output()).toContain("intelligent bot is half configured");
    expect(s.output()).toContain("PORT");
  });
});
