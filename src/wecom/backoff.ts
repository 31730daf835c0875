// Retry delays: exponential growth with jitter, so many failing senders do not retry in lockstep.

export interface BackoffOptions {
  /** delay before the first retry, before jitter */
  baseMs: number;
  /** no delay exceeds this, before jitter */
  maxMs: number;
  /** 0..1 random source, replaceable for tests */
  random?: () => number;
}

/** Delay before retry number `retry` (1 = first retry): base·2^(retry-1), capped, then scaled by a random 50–100%. */
export function backoffDelay(retry: number, options: BackoffOptions): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, retry - 1));
  const random = options.random ?? Math.random;
  return Math.round(exponential * (0.5 + 0.5 * random()));
}
