import { selectAscending } from './select-ascending.js';
import type { StoryTuning } from './story-index-types.js';

/** How the second stage weighs a document's words (part of StoryTuning, chosen on measurement). */
export type TermWeighting = Pick<StoryTuning, 'titleWeight' | 'leadWeight' | 'leadTokens' | 'entityWeight' | 'numberWeight'>;

/**
 * How one language's tokens become vector terms: its stop list, and a normalization of the token
 * (light stemming, clitics, diacritics; see term-forms.ts).
 */
export interface TermReader {
  stopWords: ReadonlySet<string>;
  term(token: string): string;
  /** The language-neutral key of a name or figure (term-forms.ts nameKey). */
  name?: (token: string) => string;
  /**
   * The term as other languages' reports meet it, where it differs from `term`: Latin-script
   * languages' cognate-folded 5-character keys (cognates.ts), or the 5-character forms of a language
   * cut shorter or stemmed (Polish, Turkish).
   */
  crossTerm?: (token: string) => string;
  /**
   * A second cross-language key of the token, where its language writes one letter for sounds that
   * other languages spell apart (German ä / ö: term-forms.ts); undefined, or the crossTerm, for most.
   */
  crossTermVariant?: (token: string) => string | undefined;
  /** The weight of names in this language, where it differs from StoryTuning.entityWeight. */
  entityWeight?: number;
}

/**
 * A sparse, L2-normalized term vector. Hot loops read a Map's terms and weights in step, a
 * `values()` iterator advanced beside `keys()` (both walk the one insertion order): a microbench on
 * 150-term Maps ran ~5× faster than `keys()` then `get()` (a hash and a probe per term, on a cold
 * Map a second trip to its table) and ~2× faster than `for (const [term, w] of map)`, whose
 * optimized code still allocates an entry array per step.
 */
export type TermVector = Map<string, number>;

/**
 * tf-idf vector (sublinear tf) of weighted counts, truncated to the strongest terms and normalized.
 * The counts are the first `size` of side-by-side `keys` and `counts` (article-terms.ts WeightedKeys,
 * in insertion order), `idfs` their idfs in the same order (DocumentFrequencies.idfAndAdd).
 * `scale`: weights rounded to 1/scale as they are set (what rounding the vector afterwards gave,
 * without setting every term twice). With `prefix` (< maxTerms), what `normalizeVector(that vector,
 * prefix)` gives, without building the whole vector's Map first.
 */
export function tfidfOf(keys: readonly string[], counts: ArrayLike<number>, size: number, idfs: ArrayLike<number>, maxTerms: number, scale = 0, prefix = Infinity): TermVector {
  // Terms and weights side by side, the order as an index list: no object per term and no pair
  // array per kept term (this runs twice per original article; its garbage fed the scavenger).
  const terms: string[] = [];
  const weights = new Float64Array(size);
  for (let i = 0; i < size; i += 1) {
    const weight = (1 + Math.log(counts[i] as number)) * (idfs[i] as number);
    if (weight > 0) {
      weights[terms.length] = weight;
      terms.push(keys[i] as string);
    }
  }
  const scored = terms.length;
  // Only terms at or above the maxTerms-th weight can be kept: those are sorted, not all (the order
  // is total, so the first maxTerms are the same).
  let threshold = -Infinity;
  if (scored > maxTerms && maxTerms > 0) threshold = selectAscending(weights.slice(0, scored), scored - maxTerms);
  const kept: number[] = [];
  for (let k = 0; k < scored; k += 1) if ((weights[k] as number) >= threshold) kept.push(k);
  sortHeavierFirst(kept, terms, weights);
  // As normalizeVector: the norm summed in this order, then each weight divided by it.
  const keep = Math.min(kept.length, Math.max(0, maxTerms));
  let norm = 0;
  for (let k = 0; k < keep; k += 1) {
    const w = weights[kept[k] as number] as number;
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  const out: TermVector = new Map();
  if (norm === 0) return out;
  if (keep > prefix) {
    // As normalizePrefix over the vector's rounded weights: the first `prefix` of them, their norm
    // summed in order, each divided by it.
    for (let k = 0; k < prefix; k += 1) weights[kept[k] as number] = rounded((weights[kept[k] as number] as number) / norm, scale);
    let prefixNorm = 0;
    for (let k = 0; k < prefix; k += 1) {
      const w = weights[kept[k] as number] as number;
      prefixNorm += w * w;
    }
    prefixNorm = Math.sqrt(prefixNorm);
    if (prefixNorm === 0) return out;
    for (let k = 0; k < prefix; k += 1) out.set(terms[kept[k] as number] as string, (weights[kept[k] as number] as number) / prefixNorm);
    return out;
  }
  for (let k = 0; k < keep; k += 1) out.set(terms[kept[k] as number] as string, rounded((weights[kept[k] as number] as number) / norm, scale));
  return out;
}

/**
 * Compares places in side-by-side term and weight arrays: the heavier first, ties by the smaller
 * term. A total order, so any sort of the same terms gives the same order (assignments depend on it).
 */
export function heavierFirst(terms: readonly string[], weights: ArrayLike<number>): (a: number, b: number) => number {
  return (a, b) => (weights[b] as number) - (weights[a] as number) || ((terms[a] as string) < (terms[b] as string) ? -1 : (terms[a] as string) > (terms[b] as string) ? 1 : 0);
}

/**
 * Sorts places in side-by-side term and weight arrays as `order.sort(heavierFirst(terms, weights))`
 * does (the order is total over distinct terms, so any sort gives the same order), by binary
 * insertion with the comparison written inline: the vectors sorted per article hold ~80 places,
 * and a comparator call per comparison was most of their sorting's cost.
 */
export function sortHeavierFirst(order: number[], terms: readonly string[], weights: ArrayLike<number>): void {
  const n = order.length;
  if (n > INLINE_SORT_LIMIT) {
    order.sort(heavierFirst(terms, weights));
    return;
  }
  for (let i = 1; i < n; i += 1) {
    const item = order[i] as number;
    const weight = weights[item] as number;
    const term = terms[item] as string;
    let lo = 0;
    let hi = i;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = order[mid] as number;
      const otherWeight = weights[other] as number;
      // As heavierFirst: heavier first (a difference of 0 or NaN falls to the terms), then the smaller term.
      if (weight > otherWeight || (!(weight < otherWeight) && term < (terms[other] as string))) hi = mid;
      else lo = mid + 1;
    }
    for (let j = i; j > lo; j -= 1) order[j] = order[j - 1] as number;
    order[lo] = item;
  }
}

/** Places sorted by insertion at most (more go to Array.prototype.sort: insertion moves grow with the square). */
const INLINE_SORT_LIMIT = 256;

/**
 * L2-normalizes [term, weight] pairs into a vector (empty stays empty); of a vector, its first
 * `count` terms (in its order) without copying them into pairs first, rounded to 1/`scale` when
 * given (as tfidfOf).
 */
export function normalizeVector(pairs: Iterable<[string, number]> | TermVector, count = Infinity, scale = 0): TermVector {
  if (pairs instanceof Map) return normalizePrefix(pairs, count, scale);
  const list = [...pairs].slice(0, count);
  let norm = 0;
  for (const [, w] of list) norm += w * w;
  norm = Math.sqrt(norm);
  const out: TermVector = new Map();
  if (norm === 0) return out;
  for (const [term, w] of list) out.set(term, w / norm);
  return out;
}

/** Dot product of two sparse vectors (cosine when both are normalized). */
export function dotProduct(a: TermVector, b: TermVector): number {
  // The small side's terms and weights read in step (see TermVector).
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  let sum = 0;
  const weights = small.values();
  for (const term of small.keys()) {
    const w = weights.next().value as number;
    const other = large.get(term);
    if (other !== undefined) sum += w * other;
  }
  return sum;
}

/** A weight rounded to 1/scale (scale 0: as it is). */
/**
 * Weights are kept to 5 decimals in memory as in the snapshot and the image (which writes each as
 * the integer k of k / WEIGHT_SCALE), so a restore continues exactly.
 */
export const WEIGHT_SCALE = 100_000;

/** `weight` to the precision of `scale` (WEIGHT_SCALE: 5 decimals); as it is when `scale` is 0. */
export function rounded(weight: number, scale: number): number {
  return scale === 0 ? weight : Math.round(weight * scale) / scale;
}

/** normalizeVector of a vector's first `count` terms: the same sums in the same order. */
function normalizePrefix(vector: TermVector, count: number, scale: number): TermVector {
  let norm = 0;
  let k = 0;
  for (const w of vector.values()) {
    if (k >= count) break;
    norm += w * w;
    k += 1;
  }
  norm = Math.sqrt(norm);
  const out: TermVector = new Map();
  if (norm === 0) return out;
  k = 0;
  const weights = vector.values();
  for (const term of vector.keys()) {
    if (k >= count) break;
    out.set(term, rounded((weights.next().value as number) / norm, scale));
    k += 1;
  }
  return out;
}
