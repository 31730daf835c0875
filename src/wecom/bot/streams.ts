// Answers still being written, by stream id, so WeCom's stream refresh callbacks can collect them (kept 6 minutes).
export type StreamState = { ready: true; content: string } | { ready: false };

/** WeCom stops refreshing a stream six minutes after the user's message. */
const STREAM_LIFETIME_MS = 6 * 60_000;

export interface StreamBook {
  track(id: string, answer: Promise<string>): void;
  /** undefined when the id is unknown (expired, or started before a restart) */
  state(id: string): StreamState | undefined;
  clear(): void;
}

export function createStreamBook(now: () => number = Date.now): StreamBook {
  const streams = new Map<string, { state: StreamState; expiresAt: number }>();
  // Entries share one lifetime, so the Map's insertion order is expiry order: stop at the first live one.
  const sweep = () => {
    const t = now();
    for (const [id, s] of streams) {
      if (s.expiresAt > t) break;
      streams.delete(id);
    }
  };
  return {
    track(id, answer) {
      sweep();
      if (streams.has(id)) return;
      const entry: { state: StreamState; expiresAt: number } = {
        state: { ready: false },
        expiresAt: now() + STREAM_LIFETIME_MS,
      };
      streams.set(id, entry);
      answer.then(
        (content) => {
          entry.state = { ready: true, content };
        },
        () => {
          streams.delete(id);
        },
      );
    },
    state(id) {
      const s = streams.get(id);
      return s && s.expiresAt > now() ? s.state : undefined;
    },
    clear: () => streams.clear(),
  };
}
