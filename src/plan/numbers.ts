// Reads the figures plans and people write: arabic numbers and Chinese numerals (两个百分点, 任务十二).
const digit: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Value of a Chinese numeral up to 九千九百九十九 (十, 二十五, 一百), or null when it is not one. */
export function chineseNumeral(text: string): number | null {
  if (text === "") return null;
  let total = 0;
  let pending = 0;
  let seenAny = false;
  for (const ch of text) {
    const d = digit[ch];
    if (d !== undefined) {
      pending = d;
      seenAny = true;
      continue;
    }
    const scale = ch === "十" ? 10 : ch === "百" ? 100 : ch === "千" ? 1000 : 0;
    if (scale === 0) return null;
    total += (pending === 0 && !seenAny ? 1 : pending) * scale;
    pending = 0;
    seenAny = true;
  }
  return seenAny ? total + pending : null;
}

/** Value of "500", "3.0", "1,100", "１２" or a Chinese numeral (九, 二十三, 一百零五). */
export function parseFigure(text: string): number | null {
  const plain = text.normalize("NFKC").trim().replace(/,/g, "");
  if (/^\d+(\.\d+)?$/.test(plain)) return Number(plain);
  return chineseNumeral(plain);
}
