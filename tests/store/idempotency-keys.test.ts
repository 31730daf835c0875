// The key store alone: expiry after its time, and a running claim left by a crash taken over once abandoned.
import { afterEach, expect, it } from "vitest";
import { createIdempotencyKeys, requestHash } from "../../src/store/idempotency-keys.js";
import { type TempDb, tempDb } from "./helpers.js";

let t: TempDb;
afterEach(() => t.cleanup());

it("keeps a key for its time, and lets an abandoned claim be taken over", () => {
  t = tempDb();
  let now = 1_000_000;
  const keys = createIdempotencyKeys(t.db, { ttlMs: 10_000, abandonedAfterMs: 1_000, now: () => now });
  const sha = requestHash({ b: 1, a: [1, { d: 2, c: 3 }] });
  expect(sha).toBe(requestHash({ a: [1, { c: 3, d: 2 }], b: 1 }));
  expect(keys.claim("s", "k", sha).kind).toBe("new");
  expect(keys.claim("s", "k", sha).kind).toBe("running");
  now += 1_001; // the process holding it died: nothing of its request was committed
  expect(keys.claim("s", "k", sha).kind).toBe("new");
  keys.complete("s", "k", 201, { id: 1 });
  expect(keys.claim("s", "k", sha)).toEqual({ kind: "replay", status: 201, body: { id: 1 } });
  expect(keys.claim("s", "k", requestHash({ other: true })).kind).toBe("mismatch");
  now += 10_000;
  expect(keys.claim("s", "k", requestHash({ other: true })).kind).toBe("new");
});

it("takes over at once a claim whose process is gone, and never one whose process still runs", () => {
  t = tempDb();
  const sha = requestHash({ task: 3 });
  const gone = new Set<string>();
  const as = (holder: string) => createIdempotencyKeys(t.db, { holder, isGone: (h) => gone.has(h) });
  expect(as("host:101:1").claim("s", "k", sha).kind).toBe("new");
  // another process asks while the first still runs: it must wait (409), however the first is doing
  expect(as("host:202:1").claim("s", "k", sha).kind).toBe("running");
  gone.add("host:101:1"); // SIGKILLed mid-request: nothing of it was committed
  expect(as("host:202:1").claim("s", "k", sha).kind).toBe("new");
  // the new holder is alive: a third process waits again
  expect(as("host:303:1").claim("s", "k", sha).kind).toBe("running");
});
