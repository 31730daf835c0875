// Folds the code points PDF fonts map glyphs to back to the characters the author typed: CJK radicals (工 → U+2F2F ⼯,
// 长 → U+2ED3 ⻓) and the horizontal bar for the dash (2025―2027): else 长江 and ⻓江 are different words downstream.

/** CJK Radicals Supplement → the unified ideograph each stands for (Unicode's EquivalentUnifiedIdeograph.txt). */
const SUPPLEMENT: Record<string, string> = {
  "\u2E8C": "小",
  "\u2E8D": "小",
  "\u2E8E": "兀",
  "\u2E97": "心",
  "\u2E9D": "月",
  "\u2EA0": "民",
  "\u2EA9": "王",
  "\u2EAB": "目",
  "\u2EAE": "竹",
  "\u2EB2": "罒",
  "\u2EBC": "月",
  "\u2EC3": "襾",
  "\u2EC4": "西",
  "\u2EC5": "见",
  "\u2EC6": "角",
  "\u2EC8": "讠",
  "\u2EC9": "贝",
  "\u2ECB": "车",
  "\u2ECC": "辶",
  "\u2ECD": "辶",
  "\u2ECF": "阝",
  "\u2ED1": "長",
  "\u2ED3": "长",
  "\u2ED4": "门",
  "\u2ED6": "阝",
  "\u2ED8": "青",
  "\u2ED9": "韦",
  "\u2EDA": "页",
  "\u2EDB": "风",
  "\u2EDC": "飞",
  "\u2EDD": "食",
  "\u2EE0": "饣",
  "\u2EE2": "马",
  "\u2EE3": "骨",
  "\u2EE5": "鱼",
  "\u2EE6": "鸟",
  "\u2EE7": "卤",
  "\u2EE8": "麦",
  "\u2EE9": "黄",
  "\u2EEA": "黾",
  "\u2EEC": "齐",
  "\u2EEE": "齿",
  "\u2EF0": "龙",
  "\u2EF3": "龟",
};

/**
 * Variant forms a simplified-Chinese font's glyph can map back to (Chromium prints 户 from Noto Sans CJK SC and the
 * PDF says 戶): the character the mainland author typed. Only variants that never differ in meaning.
 */
const VARIANTS: Record<string, string> = { 戶: "户", 戸: "户", 內: "内", 爲: "为", 溫: "温", 敎: "教" };

/** Kangxi radicals have a compatibility decomposition (NFKC); the supplement's do not, hence the table. */
export function foldPdfGlyphs(text: string): string {
  return text
    .replace(/\u2015/g, "\u2014")
    .replace(/[\u2F00-\u2FD5]/g, (c) => c.normalize("NFKC"))
    .replace(/[\u2E80-\u2EF3]/g, (c) => SUPPLEMENT[c] ?? c)
    .replace(/[戶戸內爲溫敎]/g, (c) => VARIANTS[c] ?? c);
}
