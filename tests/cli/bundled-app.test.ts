// The bundled app (dist/app, scripts/bundle-app.ts) is what `npm start`, the bin and the image run: it must behave
// as the sources do, including the parts that find files relative to a module (the bot's worker thread, the
// dashboard's assets, the knowledge snapshot's code identity).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleApp } from "../../scripts/bundle-app.js";
import { SCHEMA_FILES } from "../../src/plan/knowledge-snapshot.js";
import { newCredentials } from "../../src/wecom/simulator/credentials.js";
import { createCallbackSimulator } from "../../src/wecom/simulator/wecom-client.js";

const root = new URL("../../", import.meta.url).pathname;
// inside the package, as dist/app is: the bundle finds node_modules and the dashboard's assets from where it sits
const outdir = join(root, "dist", `bundle-test-${process.pid}`);
const dir = mkdtempSync(join(tmpdir(), "planbot-bundle-"));
const env = {
  PATH: process.env.PATH ?? "",
  LOG_LEVEL: "info",
  PLANBOT_KNOWLEDGE: "knowledge",
  PLANBOT_DB: join(dir, "db.sqlite"),
};

const run = (args: string[]) => spawnSync(process.execPath, args, { cwd: root, env, encoding: "utf8" });

beforeAll(() => bundleApp(outdir), 60_000);
afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

describe("the bundled app", () => {
  it("answers `planbot ask` exactly as the sources do", () => {
    for (const q of ["上市公司目标是多少", "第三项任务谁牵头", "经贸发展局牵头哪些任务"]) {
      const bundled = run([join(outdir, "planbot.js"), "ask", q]);
      const sources = run(["--import", "tsx", "src/cli/main.ts", "ask", q]);
      expect(bundled.status, bundled.stderr).toBe(0);
      expect(bundled.stdout.length).toBeGreaterThan(10);
      expect(bundled.stdout).toBe(sources.stdout);
    }
  }, 60_000);

  it("carries the digest of the knowledge schema's sources, so a schema change still makes snapshots stale", () => {
    const hash = createHash("sha256");
    for (const f of SCHEMA_FILES) hash.update(readFileSync(join(root, "src/plan", f.replace(/\.js$/, ".ts"))));
    const digest = hash.digest("hex");
    const code = readdirSync(outdir)
      .filter((f) => f.endsWith(".js"))
      .map((f) => readFileSync(join(outdir, f), "utf8"))
      .join("\n");
    expect(code).toContain(digest);
  });

  describe("serve", () => {
    let child: ChildProcess | undefined;
    let output = "";
    const creds = newCredentials();
    afterAll(() => child?.kill("SIGKILL"));

    it("answers a signed bot callback through the bundled worker thread, and serves the dashboard's assets", async () => {
      child = spawn(process.execPath, [join(outdir, "planbot.js"), "serve"], {
        cwd: root,
        env: {
          ...env,
          HOST: "127.0.0.1",
          PORT: "0",
          WECOM_BOT_TOKEN: creds.bot.token,
          WECOM_BOT_AES_KEY: creds.bot.aesKey,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout?.on("data", (b: Buffer) => {
        output += b.toString();
      });
      child.stderr?.on("data", (b: Buffer) => {
        output += b.toString();
      });
      await expect.poll(() => /"url":"(http:[^"]+)"/.exec(output)?.[1], { timeout: 20_000 }).toBeTruthy();
      const baseUrl = /"url":"(http:[^"]+)"/.exec(output)?.[1] as string;

      const sim = createCallbackSimulator({ baseUrl, bot: creds.bot, streamPollMs: 20 });
      const chat = await sim.askBot("上市公司目标是多少");
      expect(chat.problems).toEqual([]);
      expect(chat.finished).toBe(true);
      const cli = run([join(outdir, "planbot.js"), "ask", "上市公司目标是多少"]);
      const firstLine = cli.stdout.split("\n")[0] as string;
      expect(firstLine.length).toBeGreaterThan(5);
      expect(chat.answer).toContain(firstLine);

      const css = await fetch(`${baseUrl}/assets/dashboard.css`);
      expect(css.status).toBe(200);
      expect(await css.text()).toBe(readFileSync(join(root, "src/dashboard/static/dashboard.css"), "utf8"));
      expect(output).not.toContain(creds.bot.aesKey);
    }, 60_000);
  });
});
