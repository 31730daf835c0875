// The search index over every loaded plan's passages, with the coverage figure answers rely on.
import type { ResponsibilityMatrix } from "../plan/schema.js";
import { type Passage, passagesOf } from "./passages.js";
import { TermIndex } from "./term-index.js";
import { tokenize as bigramTokenize, type Tokenizer } from "./tokenize.js";

export interface Hit {
  passage: Passage;
  score: number;
  /** share of the query's distinct terms that the passage contains, 0…1 */
  coverage: number;
  /** how many of the query's distinct terms the passage contains */
  matched: number;
}

export interface PlanIndex {
  passages: Passage[];
  /** query is already normalized */
  search(query: string, filter?: (p: Passage) => boolean): Hit[];
  /** the distinct terms a query is made of (latin words the plans never use are left out) */
  termsOf(query: string): string[];
  /** true when every term of a (normalized) phrase occurs somewhere in the plans */
  knows(phrase: string): boolean;
  /**
   * The longest run of consecutive Chinese bigrams of a query that no plan holds. One wrong character leaves a run
   * of at most 2 (新型显视: 显视); a word the plans never use leaves 3 or more (新能源汽车: 源汽 汽车 车产).
   */
  longestUnknownRun(query: string): number;
  /** the characters that fill the place between `left` and `right` in some plan's bigrams (for typo repair) */
  middles(left: string, right: string): string[];
}

/** Characters of the question's own wording (这些, 我们, 三个…), not of a subject: they never make a word unknown. */
const FUNCTION_CHAR =
  /[这那些个们的了吗呢么哪什怎样是有在和与及或等各每该其我你他她它请问就也都还又把被让给对从向一二两三四五六七八九十几多少]/;

/** Titles (task titles, target metrics, measure titles) weigh twice what body text does. */
const TITLE_WEIGHT = 2;

export function buildPlanIndex(plans: ResponsibilityMatrix[], tokenize: Tokenizer = bigramTokenize): PlanIndex {
  const passages: Passage[] = [];
  for (const plan of plans) passages.push(...passagesOf(plan, passages.length));
  const index = new TermIndex();
  for (const p of passages) {
    index.add([
      { tokens: tokenize(p.title), weight: TITLE_WEIGHT },
      { tokens: tokenize(p.text), weight: 1 },
    ]);
  }
  index.seal();
  let lastSearch: { query: string; hits: Hit[] } | undefined;
  const termsOf = (query: string) => [...new Set(tokenize(query).filter((t) => !/^[a-z]/.test(t) || index.has(t)))];
  return {
    passages,
    termsOf,
    knows: (phrase) => tokenize(phrase).every((t) => index.has(t)),
    middles: (left, right) => index.middles(left, right),
    longestUnknownRun(query) {
      let longest = 0;
      for (const run of query.match(/[\u3400-\u9fff]{2,}/g) ?? []) {
        let current = 0;
        for (let i = 0; i + 1 < run.length; i++) {
          const bigram = run.slice(i, i + 2);
          current = index.has(bigram) || FUNCTION_CHAR.test(bigram) ? 0 : current + 1;
          longest = Math.max(longest, current);
        }
      }
      return longest;
    },
    search(query, filter) {
      // A question's subject is often searched twice in a row (its answer, then which plans hold it): the last
      // unfiltered search is kept, and handed out as a copy, since callers sort what they get.
      if (!filter && lastSearch?.query === query) return [...lastSearch.hits];
      const terms = termsOf(query);
      if (terms.length === 0) return [];
      const hits = index.search(terms, filter ? (doc) => filter(passages[doc] as Passage) : undefined).map((h) => ({
        passage: passages[h.doc] as Passage,
        score: h.score,
        coverage: h.matched / terms.length,
        matched: h.matched,
      }));
      if (!filter) lastSearch = { query, hits: [...hits] };
      return hits;
    },
  };
}
