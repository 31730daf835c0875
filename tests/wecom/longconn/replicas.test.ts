// Two planbot processes on one SQLite file, one bot: WeCom keeps one long connection per bot, so one process holds it
// (the lease) and the other stands by; when the holder dies the other takes over within seconds, and a message
// delivered again after the takeover is not handled twice (the shared seen-messages table).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LongConnSimulator, startLongConnSimulator } from "../../../src/wecom/simulator/longconn-server.js";
import { FIXTURE_KNOWLEDGE } from "../support/harness.js";

const bot = { botId: "aib-replicas-bot", secret: "replicas-secret" };
let sim: LongConnSimulator;
let dir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  sim = await startLongConnSimulator({ bots: [bot] });
  dir = mkdtempSync(join(tmpdir(), "planbot-replicas-"));
  writeFileSync(
    join(dir, "reporters.yaml"),
    "reporters:\n  - userid: zhangsan\n    name: 张三\n    department: 数据资源局\n",
  );
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await sim.stop();
});

/** `planbot serve` in its own process; resolves with its URL once it listens. */
function serve(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve", "--port", "0"], {
    env: {
      ...process.env,
      LOG_LEVEL: "info",
      PLANBOT_KNOWLEDGE: FIXTURE_KNOWLEDGE,
      PLANBOT_DB: join(dir, "planbot.sqlite"),
      PLANBOT_REPORTERS: join(dir, "reporters.yaml"),
      PLANBOT_BOT_WORKER: "off",
      WECOM_BOT_ID: bot.botId,
      WECOM_BOT_SECRET: bot.secret,
      WECOM_BOT_WS_URL: sim.url,
      WECOM_BOT_LEASE_S: "1",
    },
    stdio: ["ignore", "inherit", "pipe"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let buffered = "";
    // planbot logs to stderr
    child.stderr?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const listening = /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*"msg":"planbot listening"/.exec(buffered);
      if (listening?.[1]) resolve({ child, url: listening[1] });
    });
    child.once("exit", (code) => reject(new Error(`planbot serve exited with ${code}`)));
  });
}

async function longConnState(url: string): Promise<string> {
  const body = (await (await fetch(`${url}/healthz`)).json()) as { wecom: { longConnection: { state: string } } };
  return body.wecom.longConnection.state;
}

async function until(probe: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never: ${what}`);
}

describe("two replicas, one bot", () => {
  it("one holds the connection, the other takes over when it dies; a redelivery is handled once", async () => {
    const a = await serve();
    await sim.waitForAuthentications(1, 20_000);
    const b = await serve();
    await until(async () => (await longConnState(b.url)) === "standby", "the second replica stands by");
    expect(await longConnState(a.url)).toBe("authenticated");
    expect(sim.connected()).toBe(1);

    const report = { userid: "zhangsan", chatid: "g-rep", msgid: "msg-durable-1" };
    const first = sim.sendText("进展 任务一 已接入部门12个", report);
    const firstReply = (await sim.waitForReply(first, undefined, 20_000)).at(-1)?.body.stream.content;
    expect(firstReply).toContain("已记录进展");

    a.child.kill("SIGKILL");
    await sim.waitForAuthentications(2, 20_000);
    await until(async () => (await longConnState(b.url)) === "authenticated", "the second replica takes over");

    const again = sim.sendText("进展 任务一 已接入部门12个", report);
    const againReply = (await sim.waitForReply(again, undefined, 20_000)).at(-1)?.body.stream.content;
    expect(againReply).toBe(firstReply);
    const db = new Database(join(dir, "planbot.sqlite"), { readonly: true });
    try {
      expect(db.prepare("SELECT COUNT(*) AS n FROM progress").get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  }, 60_000);
});
