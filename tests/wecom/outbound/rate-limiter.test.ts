import { describe, expect, it } from "vitest";
import type { Clock } from "../../../src/wecom/clock.js";
import { SlidingWindowLimiter } from "../../../src/wecom/rate-limiter.js";

/** A clock that only moves when the test says so; sleepers wake when their time is reached. */
function manualClock(start = 0) {
  let now = start;
  const sleepers: Array<{ until: number; wake: () => void }> = [];
  const clock: Clock = {
    now: () => now,
    sleep: (ms) => new Promise((wake) => sleepers.push({ until: now + Math.max(0, ms), wake })),
  };
  const settle = () => new Promise((r) => setImmediate(r));
  return {
    clock,
    async advance(ms: number) {
      now += ms;
      for (const s of sleepers.splice(0)) {
        if (s.until <= now) s.wake();
        else sleepers.push(s);
      }
      for (let i = 0; i < 5; i++) await settle();
    },
    settle,
  };
}

describe("SlidingWindowLimiter", () => {
  it("lets 20 through, queues the 21st until the first leaves the window, and keeps robots apart", async () => {
    const t = manualClock(1_000_000);
    const limiter = new SlidingWindowLimiter({ limit: 20, windowMs: 60_000, clock: t.clock });
    const started: number[] = [];
    const sends = Array.from({ length: 22 }, (_, i) =>
      limiter.acquire("robot-a").then((release) => {
        started.push(i);
        release();
      }),
    );
    for (let i = 0; i < 5; i++) await t.settle();
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i));

    // another robot is not held up by robot-a's full window
    let otherStarted = false;
    void limiter.acquire("robot-b").then((release) => {
      otherStarted = true;
      release();
    });
    for (let i = 0; i < 5; i++) await t.settle();
    expect(otherStarted).toBe(true);

    await t.advance(59_999);
    expect(started).toHaveLength(20);
    await t.advance(1);
    await Promise.all(sends);
    expect(started).toEqual(Array.from({ length: 22 }, (_, i) => i));
  });

  it("counts a send in flight until it is released", async () => {
    const t = manualClock();
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 100, clock: t.clock });
    const release = await limiter.acquire("r");
    let second = false;
    void limiter.acquire("r").then(() => {
      second = true;
    });
    await t.advance(1000);
    expect(second).toBe(false);
    release(); // finished at t=1000: the window runs to 1100
    await t.advance(99);
    expect(second).toBe(false);
    await t.advance(1);
    expect(second).toBe(true);
  });
});
