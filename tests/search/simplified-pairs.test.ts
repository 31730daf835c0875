import { describe, expect, it } from "vitest";
import { simplifiedPairsFromOpenCC } from "../../scripts/simplified-pairs-source.js";
import { SIMPLIFIED_PAIRS } from "../../src/search/simplified-pairs.js";

describe("the generated traditional→simplified table", () => {
  it("is what OpenCC gives today (regenerate with scripts/generate-simplified-table.ts)", () => {
    expect(SIMPLIFIED_PAIRS).toBe(simplifiedPairsFromOpenCC());
  });
});
