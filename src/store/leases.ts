// Leases: something only one process may do at a time (hold the bot's long connection) belongs to the process that
// took the lease and keeps renewing it; when the holder dies, its lease expires and another process takes it over.
// The interface is the store's, not SQLite's: a PostgreSQL store implements the same three calls.
import type { Db } from "./database.js";

export interface Leases {
  /** takes the lease when it is free, expired or already ours; true when we hold it until now + ttlMs */
  acquire(name: string, holder: string, ttlMs: number, now?: number): boolean;
  /** extends our lease; false when it is no longer ours (it expired and someone else took it) */
  renew(name: string, holder: string, ttlMs: number, now?: number): boolean;
  /** gives the lease up at once (a clean shutdown), so that another process need not wait for it to expire */
  release(name: string, holder: string): void;
}

export function createSqliteLeases(db: Db): Leases {
  // One statement: insert, or take over an expired lease, or extend our own. changes = 0 means another holds it.
  const acquire = db.prepare<{ name: string; holder: string; now: number; until: number }>(
    `INSERT INTO service_leases (name, holder, expires_at, acquired_at) VALUES (@name, @holder, @until, @now)
     ON CONFLICT (name) DO UPDATE SET holder = @holder, expires_at = @until,
       acquired_at = CASE WHEN service_leases.holder = @holder THEN service_leases.acquired_at ELSE @now END
     WHERE service_leases.holder = @holder OR service_leases.expires_at <= @now`,
  );
  const renew = db.prepare<{ name: string; holder: string; now: number; until: number }>(
    "UPDATE service_leases SET expires_at = @until WHERE name = @name AND holder = @holder AND expires_at > @now",
  );
  const release = db.prepare<[string, string]>("DELETE FROM service_leases WHERE name = ? AND holder = ?");
  return {
    acquire: (name, holder, ttlMs, now = Date.now()) =>
      acquire.run({ name, holder, now, until: now + ttlMs }).changes === 1,
    renew: (name, holder, ttlMs, now = Date.now()) =>
      renew.run({ name, holder, now, until: now + ttlMs }).changes === 1,
    release(name, holder) {
      release.run(name, holder);
    },
  };
}
