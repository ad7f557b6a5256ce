import { selectAscending } from './select-ascending.js';
import { TermCounts } from './term-counts.js';
import { WeightedKeys } from './weighted-keys.js';
import { COMMON_NEWS_WORDS } from './word-lists.js';

/** JSON form of the learned document frequencies. */
export interface DocumentFrequencySnapshot {
  /** Number of documents counted (after decay). */
  docs: number;
  /** [term, count] pairs in insertion order. */
  terms: [string, number][];
}

/** A table as an image is read into it: its terms and their counts side by side, in insertion order (no [term, count] pair per term). */
export interface DocumentFrequencyColumns {
  docs: number;
  terms: readonly string[];
  counts: ArrayLike<number>;
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

/** COMMON_NEWS_WORDS and its kin by language as hash tables (DocumentFrequencies.commonKeys). */
const COMMON_KEYS = new WeakMap<ReadonlySet<string>, WeightedKeys>();

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
  /** Counts by term, in insertion order (term-counts.ts: a Map's order, fewer cache misses per probe). */
  private readonly counts: TermCounts;
  private limits: DocumentFrequencyLimits;

  /**
   * `commonWords`: words given a background prior (word-lists.ts, English news vocabulary); null
   * for a language they are not words of.
   */
  constructor(
    snapshot: DocumentFrequencySnapshot | DocumentFrequencyColumns | null = null,
    limits: DocumentFrequencyLimits = DEFAULT_DF_LIMITS,
    private readonly commonWords: ReadonlySet<string> | null = COMMON_NEWS_WORDS,
  ) {
    this.limits = limits;
    this.documents = snapshot?.docs ?? 0;
    this.counts = snapshot !== null && 'counts' in snapshot ? TermCounts.fromColumns(snapshot.terms, snapshot.counts) : new TermCounts(snapshot?.terms ?? []);
  }

  /** Inverse document frequency of a term, smoothed by the prior. */
  idf(term: string): number {
    return this.idfOf(term, this.counts.get(term));
  }

  /** Counts one document's distinct terms. */
  addDocument(terms: Iterable<string>): void {
    this.documents += 1;
    for (const term of terms) this.counts.increment(term);
    this.bound();
  }

  /**
   * The idf of each of one document's distinct terms, as `idf` gives it before the document is
   * counted, then counts it (as addDocument). One lookup per term serves both: the count is set
   * while its entry is still in the cache (the two passes over a table of 40k+ terms were 8-10 %
   * of the story stage). `count`: the first so many of `terms` (a reused array may hold more);
   * `hashes`: the terms' keyHashes (weighted-keys.ts), when the caller has them.
   */
  idfAndAdd(terms: readonly string[], count = terms.length, hashes: Int32Array | null = null): Float64Array {
    const out = new Float64Array(count);
    const common = hashes === null || this.commonWords === null ? null : commonKeys(this.commonWords);
    if (hashes !== null) this.counts.warm(hashes, count);
    for (let i = 0; i < count; i += 1) {
      const term = terms[i] as string;
      if (hashes === null) {
        out[i] = this.idfOf(term, this.counts.increment(term));
        continue;
      }
      const hash = hashes[i] as number;
      out[i] = this.idfFor(common !== null && common.placeOf(term, hash) >= 0, this.counts.incrementHashed(term, hash >>> 0));
    }
    this.documents += 1;
    this.bound();
    return out;
  }

  private idfOf(term: string, learned: number): number {
    return this.idfFor(this.commonWords !== null && this.commonWords.has(term), learned);
  }

  private idfFor(common: boolean, learned: number): number {
    const prior = common ? PRIOR_DOCS * COMMON_WORD_FRACTION : 0;
    return Math.log((this.documents + PRIOR_DOCS + 1) / (learned + prior + 1));
  }

  private bound(): void {
    if (this.counts.size > this.limits.maxTerms * 1.1) this.prune();
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
    return this.counts.size;
  }

  /** JSON-serialisable copy. */
  snapshot(): DocumentFrequencySnapshot {
    return { docs: this.documents, terms: this.counts.entries() };
  }

  /**
   * Drops the rarest terms (ties: the older entry first) down to 80 % of the limit, so a table that
   * keeps learning new words prunes once per fifth of its size, not on every document.
   */
  private prune(): void {
    // The kept terms are the first `keep` in the order (count descending, older first): every term
    // above the count of the keep-th one, then terms at that count in insertion order while room
    // is left. That count is selected from a copy of the counts, not sorted out of it: sorting the
    // ~10,000-50,000 counts of a table was most of a prune, and prunes ~3 % of a restart's replay.
    const keep = Math.floor(this.limits.maxTerms * PRUNE_TO);
    if (keep <= 0) {
      this.counts.clear();
      return;
    }
    if (keep >= this.counts.size) return;
    const counts = new Float64Array(this.counts.size);
    let at = 0;
    this.counts.forEachCount((count) => {
      counts[at] = count;
      at += 1;
    });
    const threshold = selectAscending(counts, counts.length - keep);
    let above = 0;
    for (let i = 0; i < counts.length; i += 1) if ((counts[i] as number) > threshold) above += 1;
    let atThreshold = keep - above;
    this.counts.rewrite((count) => {
      if (count > threshold) return count;
      if (count === threshold && atThreshold > 0) {
        atThreshold -= 1;
        return count;
      }
      return null;
    });
  }

  private decay(): void {
    this.documents = this.documents / 2;
    this.counts.rewrite((count) => {
      const next = count / 2;
      return next < 0.5 ? null : next;
    });
  }
}

/**
 * Common words as a table probed by a term's keyHash (weighted-keys.ts), built once per word set:
 * with the hashes given, a term is not hashed again (by V8, for a Set probe) to find its prior.
 */
function commonKeys(words: ReadonlySet<string>): WeightedKeys {
  let keys = COMMON_KEYS.get(words);
  if (keys === undefined) {
    keys = new WeightedKeys();
    for (const word of words) keys.add(word, 1);
    COMMON_KEYS.set(words, keys);
  }
  return keys;
}
