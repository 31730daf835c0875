import { describe, expect, it } from "vitest";
import { createKnownIds } from "../../src/wecom/known-ids.js";

describe("known message ids", () => {
  it("proves a key new only when it was never added and nothing was dropped", () => {
    const known = createKnownIds([["old", 500]], 10);
    expect(known.mayHold("old", 100)).toBe(true);
    expect(known.mayHold("new", 100)).toBe(false);
    known.add("new", 600);
    expect(known.mayHold("new", 100)).toBe(true);
    // An expired key is as good as absent: its row has expired too.
    expect(known.mayHold("old", 500)).toBe(false);
  });

  it("over capacity drops the oldest and then proves nothing until the dropped ones would have expired", () => {
    const known = createKnownIds([], 2);
    known.add("a", 1000);
    known.add("b", 1100);
    known.add("c", 1200);
    expect(known.size).toBe(2);
    expect(known.mayHold("a", 900)).toBe(true); // dropped: may still be in the table
    expect(known.mayHold("never", 999)).toBe(true);
    expect(known.mayHold("never", 1000)).toBe(false);
    expect(known.mayHold("c", 1000)).toBe(true);
  });

  it("starts incomplete when the table held more ids than it keeps, and prune forgets expired keys", () => {
    const known = createKnownIds(
      [
        ["x", 300],
        ["y", 400],
      ],
      5,
      250,
    );
    expect(known.mayHold("z", 249)).toBe(true);
    expect(known.mayHold("z", 250)).toBe(false);
    known.prune(300);
    expect(known.size).toBe(1);
  });
});
