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

export class TermIndex {
  private readonly building = new Map<number, number[]>();
  private postings = new Map<number, Postings>();
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
      let list = this.building.get(key);
      if (!list) {
        list = [];
        this.building.set(key, list);
      }
      list.push(doc, weight);
    }
    this.lengths.push(length);
    return doc;
  }

  /** Freezes the postings into typed arrays; call once after the last add. */
  seal(): void {
    for (const [key, list] of this.building) {
      const n = list.length / 2;
      const docs = new Int32Array(n);
      const tfs = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        docs[i] = list[2 * i] as number;
        tfs[i] = list[2 * i + 1] as number;
      }
      this.postings.set(key, { docs, tfs });
    }
    this.building.clear();
    this.avgLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, this.lengths.length);
    this.scores = new Float64Array(this.lengths.length);
    this.counts = new Uint16Array(this.lengths.length);
  }

  has(token: string): boolean {
    return this.postings.has(termKey(token));
  }

  search(tokens: string[], accept?: (doc: number) => boolean): TermHit[] {
    const n = this.lengths.length;
    const terms = [...new Set(tokens.map(termKey))]
      .map((key) => this.postings.get(key))
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
