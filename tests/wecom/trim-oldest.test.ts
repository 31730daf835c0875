import { describe, expect, it } from "vitest";
import { trimOldest } from "../../src/wecom/trim-oldest.js";

describe("trimOldest", () => {
  it("lets a map grow a sixteenth past what it keeps, then drops the oldest down to it", () => {
    const map = new Map<number, string>();
    const dropped: number[] = [];
    for (let i = 0; i < 34; i++) {
      map.set(i, `v${i}`);
      trimOldest(map, 32, (k) => dropped.push(k));
    }
    expect(map.size).toBe(34);
    expect(dropped).toEqual([]);
    map.set(34, "v34");
    trimOldest(map, 32, (k) => dropped.push(k));
    expect(dropped).toEqual([0, 1, 2]);
    expect([...map.keys()].slice(0, 2)).toEqual([3, 4]);
    expect(map.size).toBe(32);
  });

  it("holds a small map to its size exactly", () => {
    const map = new Map([
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
    trimOldest(map, 2);
    expect([...map.keys()]).toEqual(["b", "c"]);
  });
});
