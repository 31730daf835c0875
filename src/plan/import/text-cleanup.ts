// Turns scraped plan text into clean numbered lines, keeping each line's original line number for warnings.
export interface SourceLine {
  /** 1-based line number in the original file */
  line: number;
  text: string;
}

/** Folds the space variants that scraping leaves behind; punctuation stays as printed so quotes stay exact. */
export function normaliseLine(raw: string): string {
  return raw
    .replace(/[\u00a0\u3000\u2002\u2003\u200b\ufeff]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function toSourceLines(text: string): SourceLine[] {
  return text
    .split(/\r?\n/)
    .map((raw, i) => ({ line: i + 1, text: normaliseLine(raw) }))
    .filter((l) => l.text !== "");
}

/** Removes the spaces a scrape puts between digits and 年 ("到 2025 年"), which would break figure matching. */
export function tightenFigures(text: string): string {
  return text.replace(/(\d) +(?=[年月日%\d])/g, "$1").replace(/到 +(?=\d)/g, "到");
}
