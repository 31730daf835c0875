import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { markdownBytes, splitMarkdown } from "../../../src/wecom/split-markdown.js";

describe("splitMarkdown", () => {
  it("keeps a short message whole", () => {
    expect(splitMarkdown("# 日报\n- 任务一：进行中")).toEqual(["# 日报\n- 任务一：进行中"]);
  });

  it("splits at line boundaries by UTF-8 bytes, not characters", () => {
    // each line: 10 Chinese characters = 30 bytes
    const line = "一二三四五六七八九十";
    const text = Array.from({ length: 10 }, () => line).join("\n");
    const parts = splitMarkdown(text, 100);
    // 3 lines + 2 newlines = 92 bytes fit; a 4th line would make 123
    expect(parts.map((p) => p.split("\n").length)).toEqual([3, 3, 3, 1]);
    for (const p of parts) expect(markdownBytes(p)).toBeLessThanOrEqual(100);
    expect(parts.join("\n")).toBe(text);
  });

  it("cuts a single over-long line between characters, never inside one", () => {
    const parts = splitMarkdown("汉".repeat(50), 10);
    expect(parts.every((p) => p === "汉汉汉" || p === "汉" || p === "汉汉")).toBe(true);
    expect(parts.join("")).toBe("汉".repeat(50));
  });

  it("drops blank lines at part edges and returns nothing for blank input", () => {
    expect(splitMarkdown("\n\n  \n")).toEqual([]);
    expect(splitMarkdown("a\n\n\nb", 4)).toEqual(["a", "b"]);
  });

  it("property: every part fits, no line is cut, and the text is kept", () => {
    const lineArb = fc.string({ unit: fc.constantFrom("a", "汉", "é", "😀", " ", "*", "#"), maxLength: 40 });
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 60 }), fc.integer({ min: 4, max: 300 }), (lines, max) => {
        const text = lines.join("\n");
        const parts = splitMarkdown(text, max);
        for (const p of parts) expect(markdownBytes(p)).toBeLessThanOrEqual(max);
        const fits = lines.every((l) => markdownBytes(l) <= max);
        const nonBlank = (s: string) => s.split("\n").filter((l) => l.trim() !== "");
        if (fits) {
          // whole lines only: the non-blank lines come back exactly, in order
          expect(parts.flatMap(nonBlank)).toEqual(nonBlank(text));
        } else {
          expect(parts.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
        }
      }),
      { numRuns: 500 },
    );
  });
});
