// One normal form for plan text and questions alike: half-width, lower case, simplified characters, digits for 十亿/百亿.
import OpenCC from "opencc-js";

const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });
const SCALE: Record<string, string> = { 十: "10", 百: "100", 千: "1000" };

export function normalizeText(text: string): string {
  return (
    toSimplified(text.normalize("NFKC").toLowerCase())
      // 百亿元 and 100亿元 are one figure; a plan may write either, and so may a user.
      .replace(
        /(^|[^一二两三四五六七八九十百千万\d])([十百千])(?=亿|万)/g,
        (_m: string, pre: string, s: string) => `${pre}${SCALE[s]}`,
      )
      .replace(/\s+/g, " ")
      .trim()
  );
}
