// A chat command's record and its message id's "done" mark are committed together: a crash after the command ran
// cannot apply it again when WeCom retries the message, and a failure before the mark leaves no record.
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { createChatResponder } from "../../src/http/chat-responder.js";
import type { Runtime } from "../../src/runtime.js";
import { createSeenMessages, openSeenMessagesDb } from "../../src/wecom/seen-messages.js";
import { type RuntimeFixture, runtimeFixture } from "../progress/runtime-fixture.js";
import { startOtherProcess } from "../store/processes.js";

let fx: RuntimeFixture;
let rt: Runtime;
let clock = 1_000_000;
const now = () => clock;
const message = { text: "进展 任务1:专精特新企业累计达到520家", userid: "zhang", channel: "wecom-bot" } as const;

beforeEach(() => {
  fx = runtimeFixture();
  rt = fx.open();
  clock = 1_000_000;
});
afterEach(() => {
  rt.close();
  fx.cleanup();
});

/** The seen ids of one process: its own connection for plain replies, the store's for state changes. */
const seenOfProcess = (holder?: string) =>
  createSeenMessages(openSeenMessagesDb(fx.db), { now, durableDb: rt.db, ...(holder ? { holder } : {}) });

it("a crash after the command ran does not apply it again on WeCom's retry", async () => {
  const respond = createChatResponder(rt.handleMessage, () => {});
  const crashed = seenOfProcess();
  let ran = false;
  crashed.once(
    "wecom-bot",
    "m1",
    async (commit) => {
      await respond(message, { commit: (reply) => commit?.(reply.markdown) });
      ran = true;
      return new Promise<string>(() => {}); // the process dies here, before the seen-ids module marks the id done
    },
    { durable: true },
  );
  // the first command of a runtime loads what answering needs: wait for it to have run, however long that takes
  await vi.waitFor(() => expect(ran).toBe(true), { timeout: 10_000, interval: 5 });
  expect(rt.store.count()).toBe(1);
  clock += 61_000; // WeCom retries after the pending claim would count as abandoned
  const restarted = seenOfProcess();
  const retry = restarted.once("wecom-bot", "m1", async () => (await respond(message)).markdown, { durable: true });
  expect(retry.kind).toBe("stored");
  if (retry.kind === "stored") expect(retry.reply).toContain("已记录进展 #1");
  expect(rt.store.count()).toBe(1);
});

it("a failure between the record and the mark leaves neither, so the retry records once", async () => {
  const respond = createChatResponder(rt.handleMessage, () => {});
  const seen = seenOfProcess();
  const failing = seen.once(
    "wecom-bot",
    "m1",
    async () =>
      (
        await respond(message, {
          commit: () => {
            throw new Error("disk full while marking the message done");
          },
        })
      ).markdown,
    { durable: true },
  );
  if (failing.kind !== "running") throw new Error("expected the first delivery to run");
  await expect(failing.reply).rejects.toThrow(/disk full/);
  expect(rt.store.count()).toBe(0);
  const retry = seen.once(
    "wecom-bot",
    "m1",
    async (commit) => (await respond(message, { commit: (r) => commit?.(r.markdown) })).markdown,
    {
      durable: true,
    },
  );
  if (retry.kind !== "running") throw new Error("expected the retry to run");
  expect(await retry.reply).toContain("已记录进展 #1");
  expect(rt.store.count()).toBe(1);
});

it("a process killed after claiming the command, before it ran, leaves it to WeCom's retry at once, applied once", async () => {
  const respond = createChatResponder(rt.handleMessage, () => {});
  const killed = await startOtherProcess();
  // the claim as that process wrote it, before it was SIGKILLed while producing (nothing of it committed)
  seenOfProcess(killed.holder).once("wecom-bot", "m1", () => new Promise<string>(() => {}), { durable: true });
  await killed.kill();
  const restarted = seenOfProcess();
  const apply = async (commit?: (reply: string) => void) =>
    (await respond(message, { commit: (r) => commit?.(r.markdown) })).markdown;
  // no time passes: the retry comes seconds later, long before the claim would count as abandoned
  const retry = restarted.once("wecom-bot", "m1", apply, { durable: true });
  if (retry.kind !== "running") throw new Error(`expected the retry to run, got ${retry.kind}`);
  expect(await retry.reply).toContain("已记录进展 #1");
  expect(seenOfProcess().once("wecom-bot", "m1", apply, { durable: true }).kind).toBe("stored");
  expect(rt.store.count()).toBe(1);
});
