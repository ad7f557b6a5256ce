import { COMMON_NEWS_WORDS } from './word-lists.js';

/** JSON form of the learned document frequencies. */
export interface DocumentFrequencySnapshot {
  /** Number of documents counted (after decay). */
  docs: number;
  /** [term, count] pairs in insertion order. */
  terms: [string, number][];
}

/** Limits that keep the table bounded however long the crawler runs. */
export interface DocumentFrequencyLimits {
  /** Terms kept; the rarest are pruned beyond 110 % of this. */
  maxTerms: number;
  /** When the document count passes this, every count is halved (old news weighs less). */
  decayAt: number;
}

/** Default limits: ~40k terms is under 1 MB of JSON and covers a long crawl's working vocabulary. */
export const DEFAULT_DF_LIMITS: DocumentFrequencyLimits = { maxTerms: 40_000, decayAt: 100_000 };

// A background of pseudo-documents: with ten articles seen, learned idf is noise, so the prior
// dominates; after a few thousand articles the learned counts do.
const PRIOR_DOCS = 400;
const COMMON_WORD_FRACTION = 0.15;
const PRUNE_TO = 0.8;

/**
 * Document frequencies learned from the articles seen, blended with a fixed prior, giving the idf
 * of the story vectors. Deterministic: pruning and decay depend only on the input order.
 */
export class DocumentFrequencies {
  private documents: number;
  /**
   * Each term's slot in `values`, in insertion order (the order pruning and snapshots follow). The
   * counts are kept apart because decayed counts are halves: as Map values each update boxed a new
   * heap number (a restart's replay of 4,000 articles made a million of them).
   */
  private readonly slots = new Map<string, number>();
  private values = new Float64Array(1024);
  private used = 0;
  private readonly free: number[] = [];
  private limits: DocumentFrequencyLimits;

  /**
   * `commonWords`: words given a background prior (word-lists.ts, English news vocabulary); null
   * for a language they are not words of.
   */
  constructor(
    snapshot: DocumentFrequencySnapshot | null = null,
    limits: DocumentFrequencyLimits = DEFAULT_DF_LIMITS,
    private readonly commonWords: ReadonlySet<string> | null = COMMON_NEWS_WORDS,
  ) {
    this.limits = limits;
    this.documents = snapshot?.docs ?? 0;
    for (const [term, count] of snapshot?.terms ?? []) this.set(term, count);
  }

  /** Inverse document frequency of a term, smoothed by the prior. */
  idf(term: string): number {
    return this.idfOf(term, this.countOf(term));
  }

  /** Counts one document's distinct terms. */
  addDocument(terms: Iterable<string>): void {
    this.documents += 1;
    for (const term of terms) this.set(term, this.countOf(term) + 1);
    this.bound();
  }

  /**
   * The idf of each of one document's distinct terms, as `idf` gives it before the document is
   * counted, then counts it (as addDocument). One lookup per term serves both: the count is set
   * while its entry is still in the cache (the two passes over a table of 40k+ terms were 8-10 %
   * of the story stage).
   */
  idfAndAdd(terms: readonly string[]): Float64Array {
    const out = new Float64Array(terms.length);
    for (let i = 0; i < terms.length; i += 1) {
      const term = terms[i] as string;
      const slot = this.slots.get(term);
      const learned = slot === undefined ? 0 : (this.values[slot] as number);
      out[i] = this.idfOf(term, learned);
      if (slot === undefined) this.insert(term, 1);
      else this.values[slot] = learned + 1;
    }
    this.documents += 1;
    this.bound();
    return out;
  }

  private idfOf(term: string, learned: number): number {
    const prior = this.commonWords !== null && this.commonWords.has(term) ? PRIOR_DOCS * COMMON_WORD_FRACTION : 0;
    return Math.log((this.documents + PRIOR_DOCS + 1) / (learned + prior + 1));
  }

  private bound(): void {
    if (this.slots.size > this.limits.maxTerms * 1.1) this.prune();
    if (this.documents > this.limits.decayAt) this.decay();
  }

  /** Documents counted (after decay). */
  get docs(): number {
    return this.documents;
  }

  /** Changes the limits (the next addDocument applies them). */
  setLimits(limits: DocumentFrequencyLimits): void {
    this.limits = limits;
  }

  /** Number of distinct terms held. */
  get size(): number {
    return this.slots.size;
  }

  /** JSON-serialisable copy. */
  snapshot(): DocumentFrequencySnapshot {
    return { docs: this.documents, terms: [...this.slots].map(([term, slot]): [string, number] => [term, this.values[slot] as number]) };
  }

  /**
   * Drops the rarest terms (ties: the older entry first) down to 80 % of the limit, so a table that
   * keeps learning new words prunes once per fifth of its size, not on every document.
   */
  private prune(): void {
    // The kept terms are the first `keep` in the order (count descending, older first): every term
    // above the count of the keep-th one, then terms at that count in insertion order while room
    // is left. Found from a sorted copy of the counts, without sorting (and allocating) entries.
    const keep = Math.floor(this.limits.maxTerms * PRUNE_TO);
    if (keep <= 0) {
      this.slots.clear();
      this.used = 0;
      this.free.length = 0;
      return;
    }
    if (keep >= this.slots.size) return;
    const sorted = new Float64Array(this.slots.size);
    let n = 0;
    for (const slot of this.slots.values()) sorted[n++] = this.values[slot] as number;
    sorted.sort();
    const threshold = sorted[sorted.length - keep] as number;
    let above = 0;
    for (let i = sorted.length - 1; i >= 0 && (sorted[i] as number) > threshold; i -= 1) above += 1;
    let atThreshold = keep - above;
    for (const [term, slot] of this.slots) {
      const count = this.values[slot] as number;
      if (count > threshold) continue;
      if (count === threshold && atThreshold > 0) atThreshold -= 1;
      else this.remove(term, slot);
    }
  }

  private decay(): void {
    this.documents = this.documents / 2;
    for (const [term, slot] of [...this.slots]) {
      const next = (this.values[slot] as number) / 2;
      if (next < 0.5) this.remove(term, slot);
      else this.values[slot] = next;
    }
  }

  private countOf(term: string): number {
    const slot = this.slots.get(term);
    return slot === undefined ? 0 : (this.values[slot] as number);
  }

  /** Sets a term's count (a new term goes last in the order, as Map.set puts it). */
  private set(term: string, count: number): void {
    const slot = this.slots.get(term);
    if (slot === undefined) this.insert(term, count);
    else this.values[slot] = count;
  }

  private insert(term: string, count: number): void {
    let slot = this.free.pop();
    if (slot === undefined) {
      if (this.used === this.values.length) {
        const grown = new Float64Array(this.values.length * 2);
        grown.set(this.values);
        this.values = grown;
      }
      slot = this.used;
      this.used += 1;
    }
    this.values[slot] = count;
    this.slots.set(term, slot);
  }

  private remove(term: string, slot: number): void {
    this.slots.delete(term);
    this.free.push(slot);
  }
}
