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
}

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
  const termsOf = (query: string) => [...new Set(tokenize(query).filter((t) => !/^[a-z]/.test(t) || index.has(t)))];
  return {
    passages,
    termsOf,
    knows: (phrase) => tokenize(phrase).every((t) => index.has(t)),
    search(query, filter) {
      const terms = termsOf(query);
      if (terms.length === 0) return [];
      const hits = index.search(terms, filter ? (doc) => filter(passages[doc] as Passage) : undefined);
      return hits.map((h) => ({
        passage: passages[h.doc] as Passage,
        score: h.score,
        coverage: h.matched / terms.length,
        matched: h.matched,
      }));
    },
  };
}
