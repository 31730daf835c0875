import { describe, expect, it } from "vitest";
import { multiRowInsert } from "../../src/store/postgres/multi-row-insert.js";

describe("multiRowInsert", () => {
  const upsert =
    "INSERT INTO t (a, b, state, c) VALUES ($1, $2, 'done', $3) ON CONFLICT (a, b) DO UPDATE SET c = excluded.c";

  it("writes the row's tuple once per row, numbering each row's parameters on", () => {
    expect(multiRowInsert(upsert)?.(3)).toBe(
      "INSERT INTO t (a, b, state, c) VALUES ($1, $2, 'done', $3), ($4, $5, 'done', $6), ($7, $8, 'done', $9) " +
        "ON CONFLICT (a, b) DO UPDATE SET c = excluded.c",
    );
    expect(multiRowInsert(upsert)?.(1)).toBe(upsert);
  });

  it("leaves alone what it cannot widen safely", () => {
    expect(multiRowInsert("UPDATE t SET a = $1 WHERE b = $2")).toBeUndefined();
    expect(multiRowInsert("INSERT INTO t (a, b) VALUES ($2, $1)")).toBeUndefined(); // out of order
    expect(multiRowInsert("INSERT INTO t (a) VALUES ($1) ON CONFLICT (a) DO UPDATE SET b = $2")).toBeUndefined();
    expect(multiRowInsert("INSERT INTO t (a) SELECT x FROM u")).toBeUndefined();
  });
});
