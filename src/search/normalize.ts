// One normal form for plan text and questions alike: half-width, lower case, simplified characters, digits for 十亿/百亿.
import OpenCC from "opencc-js";

const SCALE: Record<string, string> = { 十: "10", 百: "100", 千: "1000" };
let simplifiedOf: Uint16Array | undefined;

/**
 * A char-by-char traditional→simplified table, built once from OpenCC's dictionary. Char level is enough for
 * matching (phrase-level variants are rare in questions) and costs one array lookup per character.
 */
function simplifiedTable(): Uint16Array {
  if (simplifiedOf) return simplifiedOf;
  const convert = OpenCC.Converter({ from: "t", to: "cn" });
  const table = new Uint16Array(0x10000);
  const chars: string[] = [];
  for (let c = 0x3400; c <= 0x9fff; c++) chars.push(String.fromCharCode(c));
  const converted = convert(chars.join("\n")).split("\n");
  chars.forEach((ch, i) => {
    const to = converted[i];
    if (to && to.length === 1 && to !== ch) table[ch.charCodeAt(0)] = to.charCodeAt(0);
  });
  simplifiedOf = table;
  return table;
}

export function toSimplified(text: string): string {
  const table = simplifiedTable();
  let out: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const to = table[text.charCodeAt(i)];
    if (to) {
      out ??= text.slice(0, i);
      out += String.fromCharCode(to);
    } else if (out !== undefined) out += text[i];
  }
  return out ?? text;
}

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
