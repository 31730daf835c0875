// Phase (d): app answers sent actively (message/send) by a child process that is SIGKILLed and restarted, against
// the WeCom simulator answering 5xx, slowly, or cutting connections before or after delivering; counts per answer
// how often the user was shown it. The simulator honours enable_duplicate_check as WeCom does.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import Database from "better-sqlite3";
import { type SimulatedFault, startWecomSimulatorApi } from "../wecom/simulator/api-server.js";
import { newCredentials } from "../wecom/simulator/credentials.js";
import { killPoints } from "./killer.js";
import { letterMarker, type SeededRandom } from "./seeded-random.js";

export function appAnswerText(runId: string, i: number): string {
  return `**故障注入 ${runId} 回答${letterMarker(i)}**`;
}

export interface AppAnswerCounts {
  answers: number;
  /** never shown to the user */
  lost: number;
  /** shown more than once */
  duplicated: number;
  /** given up ('failed') */
  failed: number;
  /** repeats WeCom (the simulator) dropped by its duplicate check */
  droppedAsDuplicate: number;
  requests: number;
  kills: number;
}

/** 55 % ok, 15 % slow (0.1–2 s), 10 % 5xx, 10 % cut before delivering, 10 % cut after delivering. */
function appFault(random: SeededRandom): SimulatedFault | undefined {
  const x = random.next();
  if (x < 0.55) return undefined;
  if (x < 0.7) return { kind: "slow", ms: random.int(100, 2000) };
  if (x < 0.8) return { kind: "http500" };
  if (x < 0.9) return { kind: "drop" };
  return { kind: "dropAfterAccept" };
}

export async function sendAppAnswers(o: {
  distDir: string;
  dbFile: string;
  answers: number;
  kills: number;
  random: SeededRandom;
  runId: string;
}): Promise<AppAnswerCounts> {
  if (o.answers === 0) {
    return { answers: 0, lost: 0, duplicated: 0, failed: 0, droppedAsDuplicate: 0, requests: 0, kills: 0 };
  }
  const creds = newCredentials().app;
  let messageRequests = 0;
  const points = killPoints(o.random, o.answers, o.kills);
  let child: ChildProcess | undefined;
  let kills = 0;
  const api = await startWecomSimulatorApi({
    corps: [{ corpId: creds.corpId, corpSecret: creds.secret, agentId: creds.agentId }],
    faultFor: (route) => (route === "message" ? appFault(o.random) : undefined),
    onRecord: (r) => {
      if (r.route !== "message") return;
      messageRequests++;
      if (points.has(messageRequests) && child) {
        const victim = child;
        setTimeout(() => victim.kill("SIGKILL"), o.random.int(0, 20));
      }
    },
  });
  const env = {
    PATH: process.env.PATH ?? "",
    LOG_LEVEL: "silent",
    FAULTS_DB: o.dbFile,
    FAULTS_API: api.url,
    FAULTS_CORP_ID: creds.corpId,
    FAULTS_SECRET: creds.secret,
    FAULTS_AGENT: creds.agentId,
    FAULTS_COUNT: String(o.answers),
    FAULTS_RUN: o.runId,
  };
  try {
    const deadline = Date.now() + 120_000 + o.answers * 200;
    for (let finished = false; !finished && Date.now() < deadline; ) {
      const started = spawn(process.execPath, [join(o.distDir, "faults/app-answer-child.js")], {
        env,
        stdio: ["ignore", "pipe", "inherit"],
      });
      child = started;
      let out = "";
      started.stdout?.on("data", (d) => {
        out += String(d);
      });
      const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
        started.once("exit", (_code, sig) => resolve(sig)),
      );
      if (signal === "SIGKILL") kills++;
      finished = out.includes("done");
    }
  } finally {
    child?.kill("SIGKILL");
    await api.stop();
  }
  const db = new Database(o.dbFile, { readonly: true });
  const failed = (
    db.prepare("SELECT COUNT(*) AS n FROM wecom_outbox WHERE kind = 'app' AND status = 'failed'").get() as {
      n: number;
    }
  ).n;
  db.close();
  const shown = new Map<string, number>();
  for (const m of api.appMessages()) shown.set(m.content ?? "", (shown.get(m.content ?? "") ?? 0) + 1);
  let lost = 0;
  let duplicated = 0;
  for (let i = 0; i < o.answers; i++) {
    const times = shown.get(appAnswerText(o.runId, i)) ?? 0;
    if (times === 0) lost++;
    duplicated += Math.max(0, times - 1);
  }
  return {
    answers: o.answers,
    lost,
    duplicated,
    failed,
    droppedAsDuplicate: api.received.filter((r) => r.duplicate).length,
    requests: messageRequests,
    kills,
  };
}
