// The tokenizer for plan text and questions: overlapping character bigrams for Chinese, words for latin text.
// Bigrams need no dictionary, so department names and new terms (专精特新, 综保办) are found as well as common words,
// and a single wrong character still leaves most of a term's bigrams intact. (Chosen by eval accuracy: see README.)

const CJK = /[\u3400-\u9fff]/;

export type Tokenizer = (normalized: string) => string[];

export function tokenize(normalized: string): string[] {
  const out: string[] = [];
  let run = "";
  let word = "";
  const flushRun = () => {
    if (run.length === 1) out.push(run);
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    run = "";
  };
  const flushWord = (next?: string) => {
    if (word) {
      out.push(word);
      // 10亿 and 100亿 must not look alike: a number keeps the character it counts.
      if (next && /^\d/.test(word)) out.push(`${word}${next}`);
    }
    word = "";
  };
  for (const ch of normalized) {
    if (CJK.test(ch)) {
      flushWord(ch);
      run += ch;
    } else if (/[a-z0-9.]/.test(ch)) {
      flushRun();
      // 2025gdp is a year and a word: split where digits meet letters
      if (/^\d{4}$/.test(word) && /[a-z]/.test(ch)) flushWord();
      // gdp800 is a word and a figure (but 5g stays one word)
      if (/^[a-z]+$/.test(word) && /\d/.test(ch)) flushWord();
      word += ch;
    } else {
      flushRun();
      flushWord();
    }
  }
  flushRun();
  flushWord();
  return out;
}
