// Which message ids the seen-ids table may hold, kept in memory so that a new id (nearly every callback) costs no
// table read. Why: in the bot worker that read cost about a third of a callback's CPU, because the background
// writer's commits keep resetting the reading connection's page cache.
//
// The index is complete for this process: the table's unexpired ids when it started, and every id it handled since.
// Ids written by another process on the same file afterwards are not seen; a plain question retried there is
// answered again (harmless), while state changes are always claimed in the table itself.

import { trimOldest } from "./trim-oldest.js";

export interface KnownIds {
  /** false only when the table certainly does not hold this key: then it needs no lookup */
  mayHold(key: string, now: number): boolean;
  add(key: string, expiresAt: number): void;
  /** forgets expired keys */
  prune(now: number): void;
  readonly size: number;
}

/**
 * @param initial keys with their expiry, oldest first (what the table held at start)
 * @param capacity beyond it (by a sixteenth) the oldest keys are dropped; until they would have expired, unknown keys
 *   are looked up
 * @param incompleteUntil the index proves nothing before this time (the table held more than capacity at start)
 */
export function createKnownIds(initial: Iterable<[string, number]>, capacity: number, incompleteUntil = 0): KnownIds {
  /** key → expiry; every id has the same TTL, so insertion order is (nearly) expiry order */
  const ids = new Map<string, number>();
  let blindUntil = incompleteUntil;

  function add(key: string, expiresAt: number): void {
    ids.delete(key);
    ids.set(key, expiresAt);
    trimOldest(ids, capacity, (_, expiry) => {
      blindUntil = Math.max(blindUntil, expiry);
    });
  }

  for (const [key, expiresAt] of initial) add(key, expiresAt);

  return {
    mayHold(key, now) {
      const expiry = ids.get(key);
      return (expiry !== undefined && expiry > now) || now < blindUntil;
    },
    add,
    prune(now) {
      for (const [key, expiry] of ids) {
        if (expiry > now) break;
        ids.delete(key);
      }
    },
    get size() {
      return ids.size;
    },
  };
}
