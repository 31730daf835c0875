// Leases on one SQLite file shared by two connections (as two processes share it): one holder at a time, renewal,
// takeover after expiry, release.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Db, openDatabase } from "../../src/store/database.js";
import { createSqliteLeases } from "../../src/store/leases.js";

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function twoConnections() {
  const file = join(mkdtempSync(join(tmpdir(), "planbot-leases-")), "planbot.sqlite");
  const a = openDatabase(file);
  const b = openDatabase(file);
  opened.push(a, b);
  return { a: createSqliteLeases(a), b: createSqliteLeases(b) };
}

describe("leases", () => {
  it("have one holder at a time; the holder renews, the other waits", () => {
    const { a, b } = twoConnections();
    expect(a.acquire("bot", "A", 1000, 0)).toBe(true);
    expect(b.acquire("bot", "B", 1000, 10)).toBe(false);
    expect(a.renew("bot", "A", 1000, 900)).toBe(true);
    // Renewed at 900 until 1900: still A's at 1500.
    expect(b.acquire("bot", "B", 1000, 1500)).toBe(false);
    expect(a.acquire("bot", "A", 1000, 1600)).toBe(true);
  });

  it("pass to another holder once expired; the old holder's renewal then fails", () => {
    const { a, b } = twoConnections();
    expect(a.acquire("bot", "A", 1000, 0)).toBe(true);
    expect(b.acquire("bot", "B", 1000, 1000)).toBe(true);
    expect(a.renew("bot", "A", 1000, 1001)).toBe(false);
    expect(a.acquire("bot", "A", 1000, 1500)).toBe(false);
  });

  it("are free at once when released, and only by their holder", () => {
    const { a, b } = twoConnections();
    a.acquire("bot", "A", 60_000, 0);
    b.release("bot", "B");
    expect(b.acquire("bot", "B", 60_000, 1)).toBe(false);
    a.release("bot", "A");
    expect(b.acquire("bot", "B", 60_000, 2)).toBe(true);
    // Another lease name is another lease.
    expect(a.acquire("other", "A", 60_000, 3)).toBe(true);
  });
});
