import { join } from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { registerDigest } from "../../../src/cli/commands/digest.js";
import { loadEnv } from "../../../src/config/env.js";
import { openRuntime, type Runtime } from "../../../src/runtime.js";
import { startDigestSchedule } from "../../../src/schedule/start-digest-schedule.js";
import { sendDigestNow } from "../../../src/wecom/send-digest.js";
import { startWecomSimulatorApi, type WecomSimulatorApi } from "../../../src/wecom/simulator/api-server.js";
import { PLAN_SLUG, PLAN_TITLE, writeChats, writeKnowledge } from "./knowledge-fixture.js";

const KEY_A = "robot-key-group-a";
const KEY_B = "robot-key-group-b";
let sim: WecomSimulatorApi | undefined;
let runtime: Runtime | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  process.exitCode = undefined;
  runtime?.close();
  runtime = undefined;
  await sim?.stop();
  sim = undefined;
});

let envVars: Record<string, string> = {};
async function setup(chats?: unknown[]) {
  sim = await startWecomSimulatorApi({ robots: { [KEY_A]: "推进群", [KEY_B]: "办公室" } });
  const { dir, root } = writeKnowledge();
  const chatsFile = writeChats(
    root,
    chats ?? [
      { name: "推进群", webhookKey: KEY_A, digestTime: "09:00", plan: PLAN_SLUG },
      { name: "办公室", webhookUrl: `${sim.url}/cgi-bin/webhook/send?key=${KEY_B}`, digestTime: "17:30" },
    ],
  );
  envVars = {
    PLANBOT_KNOWLEDGE: dir,
    PLANBOT_DB: join(root, "planbot.sqlite"),
    PLANBOT_CHATS: chatsFile,
    WECOM_API_BASE: sim.url,
  };
  const env = loadEnv(envVars);
  runtime = openRuntime(env);
  return { sim, runtime };
}

const quick = {
  sender: { retry: { maxAttempts: 2, baseMs: 1, maxMs: 2 } },
  worker: { backoff: { baseMs: 0, maxMs: 0 } },
};

describe("planbot digest --send (sendDigestNow)", () => {
  it("builds the progress digest, delivers it to one chat, records its window, and never sends it twice", async () => {
    const { sim, runtime } = await setup();
    const [result] = await sendDigestNow(runtime, { chat: "推进群", date: "2025-03-10" }, quick);
    expect(result).toMatchObject({ chat: "推进群", day: "2025-03-10", status: "enqueued", errors: [] });
    expect(result?.parts.sent).toBeGreaterThan(0);
    const got = sim.chatMessages("推进群");
    expect(got).toHaveLength(result?.parts.sent ?? -1);
    expect(got[0]?.content).toContain(PLAN_TITLE);
    expect(got[0]?.content).toContain("2025-03-10");
    expect(sim.chatMessages("办公室")).toHaveLength(0);
    expect(runtime.store.digestRun("推进群", "2025-03-10")).toBeDefined();

    const [again] = await sendDigestNow(runtime, { chat: "推进群", date: "2025-03-10" }, quick);
    expect(again).toMatchObject({ status: "already", parts: { sent: got.length, pending: 0, failed: 0 } });
    expect(sim.chatMessages("推进群")).toHaveLength(got.length);
  });

  it("without --chat sends to every chat, the full-URL one included", async () => {
    const { sim, runtime } = await setup();
    const results = await sendDigestNow(runtime, { date: "2025-03-10" }, quick);
    expect(results.map((r) => [r.chat, r.status])).toEqual([
      ["推进群", "enqueued"],
      ["办公室", "enqueued"],
    ]);
    expect(sim.chatMessages("办公室").length).toBeGreaterThan(0);
  });

  it("a WeCom outage leaves the digest pending with its error; the next run delivers it once", async () => {
    const { sim, runtime } = await setup();
    sim.injectFault("webhook", { kind: "http500" }, 2);
    const hour = 3_600_000;
    const later = { ...quick, worker: { backoff: { baseMs: hour, maxMs: hour } } };
    const [failed] = await sendDigestNow(runtime, { chat: "推进群", date: "2025-03-10" }, later);
    expect(failed?.parts.pending).toBeGreaterThan(0);
    expect(failed?.errors.join()).toContain("HTTP 500");
    expect(failed?.errors.join()).not.toContain(KEY_A);
    expect(sim.chatMessages()).toHaveLength(0);

    // two hours on, the retry is due
    const clock = { now: () => Date.now() + 2 * hour, sleep: async () => {} };
    const [retried] = await sendDigestNow(runtime, { chat: "推进群", date: "2025-03-10" }, { ...quick, clock });
    expect(retried).toMatchObject({ status: "already", parts: { pending: 0, failed: 0 } });
    expect(sim.chatMessages("推进群")).toHaveLength(retried?.parts.sent ?? -1);
  });

  it("names the configured chats when --chat is unknown, and asks for a chats file when there is none", async () => {
    const { runtime } = await setup();
    await expect(sendDigestNow(runtime, { chat: "不存在" }, quick)).rejects.toThrow(/推进群, 办公室/);
    runtime.env.PLANBOT_CHATS = undefined;
    await expect(sendDigestNow(runtime, {}, quick)).rejects.toThrow(/PLANBOT_CHATS/);
  });

  it("a chats file naming an unknown plan is refused before anything is sent", async () => {
    // refused as the runtime opens, listed with any other configuration problem (runtime.ts)
    await expect(
      setup([{ name: "推进群", webhookKey: KEY_A, digestTime: "09:00", plan: "no-such-plan" }]),
    ).rejects.toThrow(/no-such-plan/);
    expect(sim?.chatMessages("推进群")).toEqual([]);
  });
});

describe("startDigestSchedule (serve)", () => {
  it("after downtime delivers today's missed digest once, and not again on the next start", async () => {
    const { sim, runtime } = await setup();
    // 10:00 in Shanghai: the 09:00 chat's digest was missed, the 17:30 one is not due yet
    const clock = { now: () => Date.parse("2025-03-10T10:00:00+08:00"), sleep: async () => {} };
    const first = await startDigestSchedule(runtime, { ...quick, clock });
    await vi.waitFor(() => expect(first.delivery.outbox.list({ status: "pending" })).toHaveLength(0));
    await first.stop();
    const sent = sim.chatMessages("推进群").length;
    expect(sent).toBeGreaterThan(0);
    expect(sim.chatMessages("办公室")).toHaveLength(0);

    const second = await startDigestSchedule(runtime, { ...quick, clock });
    await second.delivery.worker.drain();
    await second.stop();
    expect(sim.chatMessages("推进群")).toHaveLength(sent);
    expect(second.schedule?.nextRuns().map((r) => r.at.toISOString())).toEqual([
      "2025-03-11T01:00:00.000Z",
      "2025-03-10T09:30:00.000Z",
    ]);
  });

  it("is off, without error, when no chats file is configured", async () => {
    const { runtime } = await setup();
    runtime.env.PLANBOT_CHATS = undefined;
    const running = await startDigestSchedule(runtime);
    expect(running.schedule).toBeNull();
    await running.stop();
  });
});

describe("planbot digest --send (command line)", () => {
  const run = async (...args: string[]) => {
    const out: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    const program = new Command().exitOverride();
    registerDigest(program);
    await program.parseAsync(["node", "planbot", "digest", ...args]);
    vi.restoreAllMocks();
    return out.join("");
  };

  it("sends through the outbox to the named chat and says so; a second run sends nothing", async () => {
    const { sim } = await setup();
    for (const [k, v] of Object.entries(envVars)) vi.stubEnv(k, v);
    runtime?.close(); // the command opens its own runtime on the same database
    runtime = undefined;
    const out = await run("--send", "--chat", "推进群", "--date", "2025-03-10");
    const n = sim.chatMessages("推进群").length;
    expect(n).toBeGreaterThan(0);
    expect(out).toContain(`推进群 2025-03-10: sent ${n}/${n}`);
    expect(process.exitCode).toBeUndefined();
    const again = await run("--send", "--chat", "推进群", "--date", "2025-03-10");
    expect(again).toContain("already in the outbox");
    expect(sim.chatMessages("推进群")).toHaveLength(n);
  });

  it("refuses --plan with --send", async () => {
    await setup();
    for (const [k, v] of Object.entries(envVars)) vi.stubEnv(k, v);
    await expect(run("--send", "--plan", PLAN_SLUG)).rejects.toThrow(/chats file/);
  });
});
