// The time source outbound delivery waits on: real by default, replaceable so tests run at fixed dates without waiting.

export interface Clock {
  /** milliseconds since the epoch */
  now(): number;
  /** resolves after `ms` milliseconds of this clock's time */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
