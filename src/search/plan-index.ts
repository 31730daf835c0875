// The search index over every loaded plan's passages (MiniSearch), with the coverage figure answers rely on.
import MiniSearch from "minisearch";
import type { ResponsibilityMatrix } from "../plan/schema.js";
import { type Passage, passagesOf } from "./passages.js";
import { tokenize } from "./tokenize.js";

export interface Hit {
  passage: Passage;
  score: number;
  /** share of the query's distinct terms that the passage contains, 0…1 */
  coverage: number;
  matched: string[];
}

export interface PlanIndex {
  passages: Passage[];
  /** query is already normalized */
  search(query: string, filter?: (p: Passage) => boolean): Hit[];
  /** the distinct terms a query is made of */
  termsOf(query: string): string[];
}

export function buildPlanIndex(plans: ResponsibilityMatrix[]): PlanIndex {
  const passages: Passage[] = [];
  for (const plan of plans) passages.push(...passagesOf(plan, passages.length));
  // Latin words the plans use (gdp, 5g): any other latin word in a question is noise for a Chinese plan.
  const latinVocabulary = new Set<string>();
  const indexTokenize = (text: string) => {
    const tokens = tokenize(text);
    for (const t of tokens) if (/^[a-z]/.test(t)) latinVocabulary.add(t);
    return tokens;
  };
  const mini = new MiniSearch<Passage>({
    fields: ["title", "text"],
    storeFields: [],
    tokenize: indexTokenize,
    searchOptions: { boost: { title: 2 }, combineWith: "OR", tokenize: (terms) => terms.split(" ") },
    processTerm: (t) => t,
  });
  mini.addAll(passages);
  const termsOf = (query: string) => [
    ...new Set(tokenize(query).filter((t) => !/^[a-z]/.test(t) || latinVocabulary.has(t))),
  ];
  return {
    passages,
    termsOf,
    search(query, filter) {
      const terms = termsOf(query);
      if (terms.length === 0) return [];
      const results = mini.search(terms.join(" "), filter ? { filter: (r) => filter(passages[r.id] as Passage) } : {});
      return results.map((r) => ({
        passage: passages[r.id] as Passage,
        score: r.score,
        coverage: r.queryTerms.length / terms.length,
        matched: r.queryTerms,
      }));
    },
  };
}
