// Derives the traditional→simplified character pairs from OpenCC: used by the generator script and its test only.
import OpenCC from "opencc-js";

export function simplifiedPairsFromOpenCC(): string {
  const convert = OpenCC.Converter({ from: "t", to: "cn" });
  const chars: string[] = [];
  for (let c = 0x3400; c <= 0x9fff; c++) chars.push(String.fromCharCode(c));
  const converted = convert(chars.join("\n")).split("\n");
  let pairs = "";
  chars.forEach((ch, i) => {
    const to = converted[i];
    if (to && to.length === 1 && to !== ch) pairs += ch + to;
  });
  return pairs;
}
