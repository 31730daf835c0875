// Two `planbot serve` processes on one PostgreSQL behave as one bot. Signed WeCom app deliveries of progress commands,
// each retried (same MsgId) on the other replica, one replica SIGKILLed mid-run: every acknowledged record is stored,
// none twice.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { openPostgres } from "../../src/store/postgres/open-postgres.js";
import { newAppMsgId } from "../../src/wecom/simulator/callbacks.js";
import { credentialsEnv, newCredentials } from "../../src/wecom/simulator/credentials.js";
import { createCallbackSimulator, type WecomCallbackSimulator } from "../../src/wecom/simulator/wecom-client.js";
import { describeOnPostgres, freshSchemaUrl, testDatabaseUrl } from "../store/engines.js";
import { FIXTURE_KNOWLEDGE } from "../wecom/support/harness.js";

const root = new URL("../../", import.meta.url).pathname;
const MESSAGES = 24;
const KILL_AT = 12;

interface Replica {
  name: string;
  proc: ChildProcess;
  sim: WecomCallbackSimulator;
  alive: boolean;
}

describeOnPostgres("two replicas on one PostgreSQL", () => {
  const creds = newCredentials();
  let dir: string;
  let url: string;
  const replicas: Replica[] = [];

  async function startReplica(name: string): Promise<Replica> {
    const proc = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve"], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        LOG_LEVEL: "info",
        HOST: "127.0.0.1",
        PORT: "0",
        PLANBOT_KNOWLEDGE: FIXTURE_KNOWLEDGE,
        PLANBOT_DATABASE_URL: url,
        PLANBOT_REPORTERS: join(dir, "reporters.yaml"),
        PLANBOT_BOT_WORKER: "off",
        // nothing listens here: no answer may go out actively
        WECOM_API_BASE: "http://127.0.0.1:9",
        ...credentialsEnv(creds),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    proc.stdout?.on("data", (b: Buffer) => {
      out += b.toString();
    });
    proc.stderr?.on("data", (b: Buffer) => {
      out += b.toString();
    });
    await vi.waitFor(() => expect(/"url":"(http:[^"]+)"/.exec(out)?.[1], out.slice(-2000)).toBeTruthy(), {
      timeout: 30_000,
      interval: 50,
    });
    const baseUrl = /"url":"(http:[^"]+)"/.exec(out)?.[1] as string;
    const sim = createCallbackSimulator({ baseUrl, app: creds.app, appTimeoutMs: 5_000 });
    return { name, proc, sim, alive: true };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "planbot-replicas-"));
    writeFileSync(
      join(dir, "reporters.yaml"),
      "reporters:\n  - userid: zhangsan\n    name: 张三\n    department: 数据资源局\n",
    );
    url = freshSchemaUrl(testDatabaseUrl as string).url;
    replicas.push(...(await Promise.all([startReplica("a"), startReplica("b")])));
  }, 60_000);

  afterAll(() => {
    for (const r of replicas) r.proc.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers each command once across replicas: 0 acknowledged records lost, 0 applied twice", async () => {
    const acknowledged = new Set<string>();
    const [a, b] = replicas as [Replica, Replica];
    for (let i = 0; i < MESSAGES; i++) {
      const text = `进展 任务一 已接入部门${100 + i}个`;
      const msgid = newAppMsgId();
      const first = i % 2 === 0 ? a : b;
      const other = first === a ? b : a;
      const order = [first, other].filter((r) => r.alive);
      if (i === KILL_AT) {
        // b dies while a delivery to it is in flight; WeCom's retry reaches a
        const inFlight = b.sim.askApp(text, { userid: "zhangsan", msgid }).catch(() => undefined);
        b.proc.kill("SIGKILL");
        b.alive = false;
        const answered = await inFlight;
        if (answered?.replyText?.includes("已记录进展")) acknowledged.add(text);
      }
      // the delivery and WeCom's retry at once, on both replicas while both live
      const exchanges = await Promise.all(
        order.filter((x) => x.alive).map((r) => r.sim.askApp(text, { userid: "zhangsan", msgid })),
      );
      if (exchanges.some((ex) => ex.replyText?.includes("已记录进展"))) acknowledged.add(text);
      if (i === KILL_AT - 1) {
        // recorded through b just now: a answers with it (no query per question: its cache was told by NOTIFY)
        await vi.waitFor(
          async () =>
            expect((await a.sim.askApp("任务一进展", { userid: "zhangsan" })).replyText).toContain(`${100 + i}`),
          { timeout: 5_000, interval: 20 },
        );
      }
    }
    const db = openPostgres({ url });
    try {
      const stored = db
        .prepare<[], { text: string; n: number }>(
          "SELECT text, count(*) AS n FROM progress WHERE kind = 'report' GROUP BY text",
        )
        .all();
      const times = new Map(stored.map((r) => [r.text, r.n]));
      const lost = [...acknowledged].filter((t) => !times.has(t.replace(/^进展 任务一 /, "")));
      const twice = stored.filter((r) => r.n > 1);
      console.info(
        `failover: ${MESSAGES} commands, ${acknowledged.size} acknowledged, ${stored.length} stored, ` +
          `${lost.length} acknowledged lost, ${twice.length} applied twice`,
      );
      expect(lost).toEqual([]);
      expect(twice).toEqual([]);
      // every command got through but the one whose replica died holding it (its claim waits to be abandoned)
      expect(acknowledged.size).toBeGreaterThanOrEqual(MESSAGES - 1);
    } finally {
      await db.closeAsync();
    }
  }, 180_000);
});
