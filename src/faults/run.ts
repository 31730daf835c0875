// The fault-injection suite: real `planbot serve` processes (built dist) on a temp SQLite file, SIGKILLed at random
// points during (a) progress writes over HTTP, (b) chat commands as signed WeCom callbacks and (c) digest sending to a
// misbehaving webhook, restarted each time; then what was acknowledged or sent is compared with what happened.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import YAML from "yaml";
import { z } from "zod";
import { credentialsEnv, newCredentials } from "../wecom/simulator/credentials.js";
import { type AppAnswerCounts, sendAppAnswers } from "./app-answers.js";
import { sendChatCommands } from "./chat-commands.js";
import { countRecords, type RecordCounts } from "./count-records.js";
import {
  countDigests,
  type DigestCounts,
  digestRows,
  digestsSettled,
  faultyBehaviour,
  WebhookProfile,
} from "./digest-sends.js";
import { startFaultWebhook } from "./fault-webhook.js";
import { createKiller, killPoints } from "./killer.js";
import { pause, writeProgressOverHttp } from "./progress-writes.js";
import { letterMarker, seededRandom } from "./seeded-random.js";
import { serveProcess } from "./serve-process.js";

export const FaultSuiteOptions = z.object({
  /** progress writes over HTTP; chat commands are half as many */
  ops: z.coerce.number().int().min(1).default(1000),
  /** chats receiving a digest; default one per 20 operations, at least 3 */
  chats: z.coerce.number().int().min(1).optional(),
  seed: z.coerce.number().int().default(1),
  concurrency: z.coerce.number().int().min(1).max(32).default(4),
  /** one SIGKILL per this many operations (and digest requests), at random points; 0 = no kills */
  opsPerKill: z.coerce.number().int().min(0).default(25),
  /** how the digest's webhook misbehaves */
  webhook: WebhookProfile.default("mixed"),
  /** the phases to run: (a) writes, (b) chat, (c) digest, (d) app answers (as many as writes) */
  phases: z.array(z.enum(["writes", "chat", "digest", "app"])).default(["writes", "chat", "digest", "app"]),
  /** the built code to run (`npm run build` makes ./dist) */
  distDir: z.string().min(1),
  knowledge: z.string().min(1),
  /** keep the temp dir (database, chats and reporters files) for a look afterwards */
  keep: z.boolean().default(false),
});
export type FaultSuiteOptions = z.input<typeof FaultSuiteOptions>;

export interface FaultSuiteReport {
  seed: number;
  webhook: WebhookProfile;
  kills: { writes: number; chat: number; digest: number };
  writes: RecordCounts;
  chat: RecordCounts;
  digest: DigestCounts;
  app: AppAnswerCounts;
  /** the temp dir, when kept */
  dir?: string;
}

/** The first plan under the knowledge folder: its slug and task numbers. */
function firstPlan(knowledge: string): { slug: string; tasks: number[] } {
  for (const entry of readdirSync(knowledge, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    try {
      const matrix = JSON.parse(readFileSync(join(knowledge, entry.name, "matrix.json"), "utf8"));
      const tasks = (matrix.tasks as Array<{ no: number }>).map((t) => t.no);
      if (tasks.length > 0) return { slug: matrix.slug, tasks };
    } catch {
      // not a plan folder
    }
  }
  throw new Error(`no plan (matrix.json with tasks) under ${knowledge}`);
}

export async function runFaultSuite(input: FaultSuiteOptions): Promise<FaultSuiteReport> {
  const o = FaultSuiteOptions.parse(input);
  const random = seededRandom(o.seed);
  const runId = letterMarker(o.seed + 26 ** 3);
  const dir = mkdtempSync(join(tmpdir(), "planbot-faults-"));
  const dbFile = join(dir, "planbot.sqlite");
  const plan = firstPlan(o.knowledge);
  const creds = newCredentials();
  const userid = "faults-admin";
  const reporters = join(dir, "reporters.yaml");
  writeFileSync(reporters, YAML.stringify({ reporters: [{ userid, name: "故障注入", role: "admin" }] }));
  const hook = await startFaultWebhook(faultyBehaviour(seededRandom(o.seed + 1), o.webhook));
  const chatCount = o.phases.includes("digest") ? (o.chats ?? Math.max(3, Math.round(o.ops / 20))) : 0;
  const keyOfChat = new Map(
    Array.from({ length: chatCount }, (_, i) => [`故障群${letterMarker(i)}`, `faults-key-${i}`] as const),
  );
  const chatsFile = join(dir, "chats.yaml");
  writeFileSync(
    chatsFile,
    YAML.stringify({
      chats: [...keyOfChat].map(([name, key]) => ({
        name,
        webhookUrl: hook.robotUrl(key),
        digestTime: "00:00",
        plan: plan.slug,
      })),
    }),
  );
  const token = "faults-admin-token-0123456789";
  const proc = await serveProcess(o.distDir, {
    PLANBOT_DB: dbFile,
    PLANBOT_KNOWLEDGE: o.knowledge,
    PLANBOT_ADMIN_TOKEN: token,
    PLANBOT_REPORTERS: reporters,
    PLANBOT_BOT_WORKER: "off",
    // retries of refused digest parts within a fraction of a second, so a run ends in minutes
    PLANBOT_OUTBOX_RETRY_MS: "200",
    WECOM_API_BASE: hook.url,
    ...credentialsEnv(creds),
  });
  const killCount = (n: number) => (o.opsPerKill === 0 ? 0 : Math.max(2, Math.round(n / o.opsPerKill)));
  const runs = (phase: (typeof o.phases)[number]) => o.phases.includes(phase);
  /** kills the service a few milliseconds after operation i starts, when i is a kill point: mid-request */
  const killAtPoints = (killer: ReturnType<typeof createKiller>, points: Set<number>) => (i: number) => {
    if (points.has(i)) killer.killAfter(random.int(0, 20));
  };
  try {
    await proc.start();
    // (a) progress over HTTP
    const writeKiller = createKiller(proc);
    const written = await writeProgressOverHttp({
      url: () => proc.url,
      token,
      plan: plan.slug,
      tasks: plan.tasks,
      ops: runs("writes") ? o.ops : 0,
      concurrency: o.concurrency,
      random,
      runId,
      onOperation: killAtPoints(writeKiller, killPoints(random, o.ops, killCount(o.ops))),
    });
    const writeKills = await writeKiller.settle();

    // (b) chat commands as WeCom callbacks
    const chatOps = runs("chat") ? Math.max(1, Math.round(o.ops / 2)) : 0;
    const chatKiller = createKiller(proc);
    const commanded = await sendChatCommands({
      url: proc.url,
      creds,
      userid,
      tasks: plan.tasks,
      ops: chatOps,
      concurrency: o.concurrency,
      random,
      runId,
      onOperation: killAtPoints(chatKiller, killPoints(random, chatOps, killCount(chatOps))),
    });
    const chatKills = await chatKiller.settle();

    // (c) digests: from now on the service has the chats file, so each start catches up today's digests;
    // kills land as the webhook receives chosen requests, i.e. while a part is on its way.
    const withChats = () => ({ PLANBOT_CHATS: chatsFile });
    await proc.kill();
    const digestKiller = createKiller(proc, withChats);
    for (const n of killPoints(random, chatCount, killCount(chatCount))) {
      void hook.waitForRequests(n).then(() => digestKiller.killAfter(random.int(0, 20)));
    }
    await proc.start(withChats());
    const deadline = Date.now() + 60_000 + chatCount * 2000;
    while (Date.now() < deadline) {
      // settle waits for a kill scheduled after a request, so the parts are not judged before it lands
      await digestKiller.settle();
      if (digestsSettled(dbFile, chatCount)) break;
      await pause(100);
    }
    const digestKills = await digestKiller.settle();
    await proc.stop();

    // (d) app answers, sent by a child process of their own against the WeCom simulator
    const appAnswers = runs("app") ? o.ops : 0;
    const app = await sendAppAnswers({
      distDir: o.distDir,
      dbFile: join(dir, "app-answers.sqlite"),
      answers: appAnswers,
      kills: killCount(appAnswers),
      random,
      runId,
    });

    return {
      seed: o.seed,
      webhook: o.webhook,
      kills: { writes: writeKills, chat: chatKills, digest: digestKills },
      writes: countRecords(dbFile, written, `故障注入 ${runId} 接口`),
      chat: countRecords(dbFile, commanded, `故障注入 ${runId} 聊天`),
      digest: countDigests(digestRows(dbFile), hook, keyOfChat),
      app,
      ...(o.keep ? { dir } : {}),
    };
  } finally {
    if (proc.running) await proc.kill();
    await hook.stop();
    if (!o.keep) rmSync(dir, { recursive: true, force: true });
  }
}
