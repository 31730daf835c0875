// Idempotency keys as payment APIs keep them (Stripe's model): the first response to a request is stored under the
// client's key, with a hash of the request, in the same transaction as what the request wrote. A retry with the
// same key and request gets that response again and writes nothing; another request under the key is refused.
import { createHash } from "node:crypto";
import type { Db } from "./database.js";
import { holderIsGone, thisProcessHolder } from "./process-holder.js";

export type KeyClaim =
  /** the key is new (or its holder was abandoned): this request runs, then complete() or release() */
  | { kind: "new" }
  /** the key's request ran before: its stored response */
  | { kind: "replay"; status: number; body: unknown }
  /** the key was used for a different request */
  | { kind: "mismatch" }
  /** the key's request is still running (another connection or process holds it) */
  | { kind: "running" };

export interface IdempotencyKeys {
  claim(scope: string, key: string, requestSha256: string): KeyClaim;
  /** Stores the response under a claimed key; call inside the transaction that stores what the request wrote. */
  complete(scope: string, key: string, status: number, body: unknown): void;
  /** Frees a claimed key whose request wrote nothing (refused or invalid): the client may send it again. */
  release(scope: string, key: string): void;
}

export interface IdempotencyOptions {
  /** how long a key is kept after its first use (Stripe: 24 h) */
  ttlMs?: number;
  /** a running claim older than this was left by a crashed process: nothing of it was committed, so it is taken over */
  abandonedAfterMs?: number;
  now?: () => number;
  /** this process, as process-holder.ts names it (tests name other processes) */
  holder?: string;
  /** whether a claim's holder is certainly gone; default: a process on this host that no longer runs */
  isGone?: (holder: string) => boolean;
}

export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

/** The same JSON value whatever the order of object keys: what a request's hash is taken of. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

interface Row {
  request_sha256: string;
  state: "running" | "done";
  status: number | null;
  response: string | null;
  claimed_at: number;
  holder: string | null;
}

export function createIdempotencyKeys(db: Db, options: IdempotencyOptions = {}): IdempotencyKeys {
  const ttlMs = options.ttlMs ?? IDEMPOTENCY_TTL_MS;
  const abandonedAfterMs = options.abandonedAfterMs ?? 60_000;
  const now = options.now ?? Date.now;
  const holder = options.holder ?? thisProcessHolder;
  const isGone = options.isGone ?? ((h: string) => holderIsGone(h, holder));
  const expire = db.prepare<[number]>("DELETE FROM idempotency_keys WHERE expires_at <= ?");
  const select = db.prepare<[string, string], Row>(
    "SELECT request_sha256, state, status, response, claimed_at, holder FROM idempotency_keys WHERE scope = ? AND key = ?",
  );
  const insert = db.prepare<[string, string, string, number, number, string]>(
    `INSERT INTO idempotency_keys (scope, key, request_sha256, state, claimed_at, expires_at, holder)
     VALUES (?, ?, ?, 'running', ?, ?, ?)`,
  );
  const retake = db.prepare<[number, string, string, string]>(
    "UPDATE idempotency_keys SET claimed_at = ?, holder = ? WHERE scope = ? AND key = ? AND state = 'running'",
  );
  const done = db.prepare<[number, string, string, string]>(
    "UPDATE idempotency_keys SET state = 'done', status = ?, response = ? WHERE scope = ? AND key = ? AND state = 'running'",
  );
  const remove = db.prepare<[string, string]>(
    "DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND state = 'running'",
  );

  // IMMEDIATE: two processes claiming one key take the write lock in turn, so only one sees it new.
  const claimTx = db.transaction((scope: string, key: string, sha: string): KeyClaim => {
    const t = now();
    expire.run(t);
    const row = select.get(scope, key);
    if (!row) {
      insert.run(scope, key, sha, t, t + ttlMs, holder);
      return { kind: "new" };
    }
    if (row.request_sha256 !== sha) return { kind: "mismatch" };
    if (row.state === "done")
      return { kind: "replay", status: row.status ?? 200, body: JSON.parse(row.response ?? "null") };
    // A claim is taken over when its process is certainly gone (this host, no such process) or it is old enough
    // that a process elsewhere must have died: nothing of its request was committed either way.
    const gone = row.holder !== null && isGone(row.holder);
    if (!gone && row.claimed_at > t - abandonedAfterMs) return { kind: "running" };
    retake.run(t, holder, scope, key);
    return { kind: "new" };
  });

  return {
    claim: (scope, key, sha) => claimTx.immediate(scope, key, sha),
    complete(scope, key, status, body) {
      if (done.run(status, JSON.stringify(body), scope, key).changes !== 1) {
        throw new Error(`idempotency key ${key} was not held by this request`);
      }
    },
    release: (scope, key) => {
      remove.run(scope, key);
    },
  };
}
