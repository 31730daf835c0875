// A compact inverted index of terms → passages with BM25 scoring, built for many plans at once.
// Terms are numbers (a CJK bigram is its two char codes), postings are typed arrays sorted by passage id.
// A query walks the postings of its rarest terms up to a budget; its commoner terms are looked up by binary
// search in the best candidates only, so a question costs about the same at any corpus size.

const K1 = 1.2;
const B = 0.75;
/** how many best candidates get their common terms checked */
const CANDIDATES = 200;
/** postings walked per query before the remaining (commoner) terms are only checked */
const POSTINGS_BUDGET = 6_000;

export interface IndexedField {
  tokens: string[];
  weight: number;
}

export interface TermHit {
  doc: number;
  score: number;
  /** distinct query terms the passage holds */
  matched: number;
}

interface Postings {
  docs: Int32Array;
  tfs: Float32Array;
}

const latinIds = new Map<string, number>();

/** The number a token is indexed under: bigrams and single characters by char code, other tokens interned. */
export function termKey(token: string): number {
  const a = token.charCodeAt(0);
  if (token.length === 1) return a;
  if (token.length === 2 && a >= 0x3400 && a <= 0x9fff) return a * 0x10000 + token.charCodeAt(1);
  let id = latinIds.get(token);
  if (id === undefined) {
    id = 2 ** 33 + latinIds.size;
    latinIds.set(token, id);
  }
  return id;
}

/** A growable Int32Array: the index is built from a few large buffers rather than a small array per term. */
class IntColumn {
  data = new Int32Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
}

export class TermIndex {
  /** term key → dense term id */
  private readonly termIds = new Map<number, number>();
  /** while building: one (term, doc, weight) triple per distinct term of a document */
  private readonly pairTerm = new IntColumn();
  private readonly pairDoc = new IntColumn();
  private readonly pairWeight = new IntColumn();
  private df = new IntColumn();
  /** after sealing: a term's postings are docs[starts[id]…starts[id+1]), sorted by doc */
  private starts = new Int32Array(1);
  private docs = new Int32Array(0);
  private weights = new Float32Array(0);
  private lengths: number[] = [];
  private avgLength = 1;
  private scores = new Float64Array(0);
  private counts = new Uint16Array(0);

  get size(): number {
    return this.lengths.length;
  }

  /** Adds a document; its id is its insertion order. */
  add(fields: IndexedField[]): number {
    const doc = this.lengths.length;
    const tf = new Map<number, number>();
    let length = 0;
    for (const f of fields) {
      for (const t of f.tokens) {
        const key = termKey(t);
        tf.set(key, (tf.get(key) ?? 0) + f.weight);
      }
      length += f.tokens.length;
    }
    for (const [key, weight] of tf) {
      let id = this.termIds.get(key);
      if (id === undefined) {
        id = this.termIds.size;
        this.termIds.set(key, id);
        this.df.push(0);
      }
      this.df.data[id] = (this.df.data[id] as number) + 1;
      this.pairTerm.push(id);
      this.pairDoc.push(doc);
      this.pairWeight.push(weight);
    }
    this.lengths.push(length);
    return doc;
  }

  /** Groups the triples by term into two flat arrays (a counting sort); call once after the last add. */
  seal(): void {
    const terms = this.termIds.size;
    const starts = new Int32Array(terms + 1);
    for (let id = 0; id < terms; id++) starts[id + 1] = (starts[id] as number) + (this.df.data[id] as number);
    const total = this.pairTerm.length;
    const docs = new Int32Array(total);
    const weights = new Float32Array(total);
    const next = starts.slice(0, terms);
    for (let i = 0; i < total; i++) {
      const id = this.pairTerm.data[i] as number;
      const at = next[id] as number;
      docs[at] = this.pairDoc.data[i] as number;
      weights[at] = this.pairWeight.data[i] as number;
      next[id] = at + 1;
    }
    this.starts = starts;
    this.docs = docs;
    this.weights = weights;
    for (const column of [this.pairTerm, this.pairDoc, this.pairWeight, this.df]) {
      column.data = new Int32Array(0);
      column.length = 0;
    }
    this.avgLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, this.lengths.length);
    this.scores = new Float64Array(this.lengths.length);
    this.counts = new Uint16Array(this.lengths.length);
  }

  private postingsOf(key: number): Postings | undefined {
    const id = this.termIds.get(key);
    if (id === undefined) return undefined;
    const from = this.starts[id] as number;
    const to = this.starts[id + 1] as number;
    return { docs: this.docs.subarray(from, to), tfs: this.weights.subarray(from, to) };
  }

  has(token: string): boolean {
    return this.termIds.has(termKey(token));
  }

  /** Chinese bigrams by first character: built on first use (a mistyped character), from the term keys. */
  private followers: Map<number, number[]> | undefined;

  /** The characters c for which both `left`+c and c+`right` are terms (the ways to fill one character's place). */
  middles(left: string, right: string): string[] {
    if (!this.followers) {
      this.followers = new Map();
      for (const key of this.termIds.keys()) {
        if (key < 0x3400 * 0x10000 || key >= 2 ** 33) continue;
        const first = Math.floor(key / 0x10000);
        const list = this.followers.get(first) ?? [];
        list.push(key % 0x10000);
        this.followers.set(first, list);
      }
    }
    const after = this.followers.get(left.charCodeAt(0)) ?? [];
    return after.map((c) => String.fromCharCode(c)).filter((c) => this.has(c + right));
  }

  search(tokens: string[], accept?: (doc: number) => boolean): TermHit[] {
    const n = this.lengths.length;
    const terms = [...new Set(tokens.map(termKey))]
      .map((key) => this.postingsOf(key))
      .filter((p): p is Postings => p !== undefined)
      .sort((a, b) => a.docs.length - b.docs.length);
    if (terms.length === 0 || n === 0) return [];
    // Walk the rarest terms' postings up to a budget; the commoner ones are only checked in the best candidates.
    const walked: Postings[] = [];
    const checked: Postings[] = [];
    let total = 0;
    for (const p of terms) {
      if (walked.length === 0 || total + p.docs.length <= POSTINGS_BUDGET) {
        walked.push(p);
        total += p.docs.length;
      } else checked.push(p);
    }
    const touched: number[] = [];
    for (const p of walked) {
      const idf = this.idf(p.docs.length);
      const { docs, tfs } = p;
      // Even the rarest term may be in most passages: then any passage is as weak a match as another, and a
      // budget's worth of them stands for the rest.
      const end = Math.min(docs.length, POSTINGS_BUDGET);
      for (let i = 0; i < end; i++) {
        const d = docs[i] as number;
        if (this.counts[d] === 0) touched.push(d);
        this.scores[d] = (this.scores[d] as number) + idf * this.saturate(tfs[i] as number, d);
        this.counts[d] = (this.counts[d] as number) + 1;
      }
    }
    // Keep the best candidates only: by how many query terms they hold, then by score. Most of a large corpus
    // shares one common term with any question; building and sorting all of those would cost more than the walk.
    const byMatched = new Uint32Array(walked.length + 1);
    const candidates: number[] = [];
    for (const d of touched) {
      if (!accept || accept(d)) {
        candidates.push(d);
        const m = this.counts[d] as number;
        byMatched[m] = (byMatched[m] ?? 0) + 1;
      } else {
        this.scores[d] = 0;
        this.counts[d] = 0;
      }
    }
    let cut = walked.length;
    for (let kept = byMatched[cut] ?? 0; cut > 1 && kept < CANDIDATES; ) kept += byMatched[--cut] ?? 0;
    const hits: TermHit[] = [];
    for (const d of candidates) {
      const matched = this.counts[d] as number;
      if (matched >= cut) hits.push({ doc: d, score: this.scores[d] as number, matched });
      this.scores[d] = 0;
      this.counts[d] = 0;
    }
    if (hits.length > CANDIDATES) {
      hits.sort((a, b) => b.matched - a.matched || b.score - a.score);
      hits.length = CANDIDATES;
    }
    if (checked.length > 0) {
      for (const h of hits) {
        for (const p of checked) {
          const at = binarySearch(p.docs, h.doc);
          if (at < 0) continue;
          h.matched++;
          h.score += this.idf(p.docs.length) * this.saturate(p.tfs[at] as number, h.doc);
        }
      }
    }
    return hits.sort((a, b) => b.score - a.score);
  }

  private idf(df: number): number {
    return Math.log(1 + (this.lengths.length - df + 0.5) / (df + 0.5));
  }

  private saturate(tf: number, doc: number): number {
    const len = this.lengths[doc] as number;
    return (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / this.avgLength));
  }
}

function binarySearch(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid] as number;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
