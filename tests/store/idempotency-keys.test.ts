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
