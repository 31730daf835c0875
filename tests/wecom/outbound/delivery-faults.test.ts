// Delivery faults of issue 14: slow webhooks, crashes mid-send, crashes with a failing webhook.
import { type ChildProcess, spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadEnv } from "../../../src/config/env.js";
import { type FaultWebhook, startFaultWebhook, type WebhookBehaviour } from "../../../src/faults/fault-webhook.js";
import { openRuntime, type Runtime } from "../../../src/runtime.js";
import { createOutbox } from "../../../src/wecom/outbox.js";
import { sendDigestNow } from "../../../src/wecom/send-digest.js";
import { writeChats, writeKnowledge } from "./knowledge-fixture.js";

const root = resolve(import.meta.dirname, "../../..");
const DAY = "2025-03-10";
const KEY = "robot-key-faults";
let hook: FaultWebhook | undefined;
let runtime: Runtime | undefined;
let child: ChildProcess | undefined;

afterEach(async () => {
  child?.kill("SIGKILL");
  child = undefined;
  runtime?.close();
  runtime = undefined;
  await hook?.stop();
  hook = undefined;
});

async function setup(behave: (n: number) => WebhookBehaviour) {
  hook = await startFaultWebhook(behave);
  const { dir, root: dataRoot } = writeKnowledge();
  const chats = [{ name: "推进群", webhookUrl: hook.robotUrl(KEY), digestTime: "09:00" }];
  const env = {
    PLANBOT_KNOWLEDGE: dir,
    PLANBOT_DB: join(dataRoot, "planbot.sqlite"),
    PLANBOT_CHATS: writeChats(dataRoot, chats),
    WECOM_API_BASE: hook.url,
  };
  return { hook, env, open: () => (runtime = openRuntime(loadEnv(env, "/nonexistent.env"))) };
}

const twoParts = { buildDigest: () => ({ parts: ["第一部分", "第二部分"] }) };

/**
 * Starts the child that sends the digest, and kills it with SIGKILL once the webhook has had `requests` requests
 * (and `afterMs` more, to land between a failed attempt and its retry a second later).
 */
async function killMidSend(h: FaultWebhook, env: Record<string, string>, requests: number, afterMs = 0) {
  child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "fixtures/send-digest-child.ts")], {
    cwd: root,
    env: { ...process.env, ...env, LOG_LEVEL: "silent" },
    stdio: "ignore",
  });
  const exited = new Promise<void>((done) => child?.once("exit", () => done()));
  await h.waitForRequests(requests);
  if (afterMs > 0) await new Promise((r) => setTimeout(r, afterMs));
  child.kill("SIGKILL");
  await exited;
  child = undefined;
}

const later = (ms: number) => ({ now: () => Date.now() + ms, sleep: async () => {} });

describe("delivery faults", () => {
  it("a webhook that shows the message but answers late is not sent the same part again", async () => {
    const { hook, open } = await setup(() => ({ kind: "slow", ms: 600 }));
    const rt = open();
    const [result] = await sendDigestNow(
      rt,
      { date: DAY },
      {
        ...twoParts,
        sender: { timeoutMs: 300, retry: { maxAttempts: 5, baseMs: 1, maxMs: 2 } },
        worker: { backoff: { baseMs: 0, maxMs: 0 } },
      },
    );
    // The first part's answer never came in time: it may have been shown, so it is not sent again (a machine under
    // load may even time out before the request is out: then it is not shown at all, never twice).
    expect(hook.shown.filter((m) => m.content === "第一部分").length).toBeLessThanOrEqual(1);
    expect(createOutbox(rt.db).list()[0]).toMatchObject({ status: "unknown", attempts: 1 });
    expect(result?.errors.join()).not.toContain(KEY);
  });

  it("after SIGKILL mid-send, the part that was on its way is not shown again, and the rest goes out", async () => {
    const { hook, env, open } = await setup((n) => (n === 1 ? { kind: "hang" } : { kind: "ok" }));
    await killMidSend(hook, env, 1);
    expect(hook.shown.map((m) => m.content)).toEqual(["第一部分"]);
    // Even long after any lease, the restarted sender does not repeat it.
    await sendDigestNow(open(), { date: DAY }, { ...twoParts, clock: later(60 * 60_000) });
    expect(hook.shown.map((m) => m.content)).toEqual(["第一部分", "第二部分"]);
    const rows = createOutbox(runtime?.db ?? open().db).list({ chat: "推进群" });
    expect(rows.map((r) => r.status)).toEqual(["unknown", "sent"]);
    expect(rows[0]?.lastError).toContain("may have been shown");
  });

  it("after SIGKILL while a failing webhook is being retried, the restarted sender tries again at once", async () => {
    const { hook, env, open } = await setup((n) => (n <= 3 ? { kind: "http500" } : { kind: "ok" }));
    await killMidSend(hook, env, 3, 300);
    expect(hook.shown).toHaveLength(0);
    const [result] = await sendDigestNow(open(), { date: DAY }, twoParts);
    expect(hook.shown.map((m) => m.content)).toEqual(["第一部分", "第二部分"]);
    expect(result?.parts).toEqual({ sent: 2, pending: 0, failed: 0, unknown: 0 });
  });
});
