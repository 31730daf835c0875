// Each chat's digest for a day is built into the outbox once and each part sent once, whichever replicas' schedules
// fire together; a replica that dies holding a part leaves it to another, which sends it after the lease.
import { afterEach, expect, it, vi } from "vitest";
import { enqueueDigestFor } from "../../src/schedule/digest-schedule.js";
import { createProgressStore } from "../../src/store/progress-store.js";
import type { ChatConfig } from "../../src/wecom/chats.js";
import { createOutbox, type OutboxRow } from "../../src/wecom/outbox.js";
import { createOutboxWorker } from "../../src/wecom/outbox-worker.js";
import { describeEachEngine, type EngineDb } from "../store/engines.js";

const chat = { name: "推进群", webhookKey: "robot-key-1", digestTime: "09:00" } as ChatConfig;
const DAY = "2025-03-10";

describeEachEngine("a digest across replicas", (engine) => {
  let e: EngineDb | undefined;
  afterEach(async () => {
    await e?.cleanup();
    e = undefined;
  });

  it("is stored once when both schedules fire, and each part is sent once though the first sender died", async () => {
    e = engine.open();
    const dbs = [e.db, e.another()];
    let clock = Date.parse("2025-03-10T01:00:00Z");
    let built = 0;
    const replicas = dbs.map((db) => {
      const store = createProgressStore(db);
      const outbox = createOutbox(db);
      return {
        store,
        outbox,
        enqueue: () =>
          enqueueDigestFor(
            {
              outbox,
              now: () => clock,
              buildDigest: () => {
                built++;
                return {
                  parts: ["## 日报 1", "## 日报 2", "## 日报 3"],
                  onStored: () =>
                    store.recordDigestRun({
                      chat: chat.name,
                      date: DAY,
                      since: "a",
                      until: "b",
                      parts: 3,
                      sha256: `r${built}`,
                    }),
                };
              },
            },
            chat,
            DAY,
          ),
      };
    });
    const outcomes = await Promise.all(replicas.map((r) => r.enqueue()));
    expect(outcomes.map((o) => o.status).sort()).toEqual(["already", "enqueued"]);
    expect(replicas[1]?.store.digestRun(chat.name, DAY)?.parts).toBe(3);
    expect(replicas[0]?.outbox.list()).toHaveLength(3);

    const sent: string[] = [];
    const clockOf = { now: () => clock, sleep: async () => {} };
    // replica 0 takes part 1 and dies before WeCom answers
    const dying = createOutboxWorker({
      outbox: replicas[0]?.outbox as ReturnType<typeof createOutbox>,
      clock: clockOf,
      leaseMs: 60_000,
      deliver: () => new Promise(() => {}),
    });
    void dying.drain();
    await vi.waitFor(() => expect(replicas[1]?.outbox.list()[0]?.attempts).toBe(1), { interval: 5 });
    const survivor = createOutboxWorker({
      outbox: replicas[1]?.outbox as ReturnType<typeof createOutbox>,
      clock: clockOf,
      leaseMs: 60_000,
      deliver: async (row: OutboxRow) => {
        sent.push(row.content);
        return { ok: true };
      },
    });
    await survivor.drain();
    expect(sent).toEqual([]); // part 1 is leased to the dead replica, and parts go out in order
    clock += 60_000;
    await survivor.drain();
    expect(sent).toEqual(["## 日报 1", "## 日报 2", "## 日报 3"]);
    expect(replicas[0]?.outbox.list({ status: "sent" })).toHaveLength(3);
  });
});
