import type { DocumentFrequencies } from './document-frequencies.js';
import type { StoryTuning } from './story-index-types.js';
import type { TokenStream } from './tokenize-text.js';
import { shareBarTokens } from './share-bars.js';

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
   * The term as other languages' reports meet it, where it differs from `term` (a language cut
   * shorter than the 5 characters of cross-language.ts).
   */
  crossTerm?: (token: string) => string;
  /** The weight of names in this language, where it differs from StoryTuning.entityWeight. */
  entityWeight?: number;
}

/** A sparse, L2-normalized term vector. */
export type TermVector = Map<string, number>;

/**
 * Weighted term counts of one article: title and lead count more than the body, names and figures
 * more than common words, function words not at all.
 */
/**
 * `crossCounts`, when given and the reader has a `crossTerm`, receives the same counts keyed by
 * the cross-language forms, and `crossTerms` the terms each form stands for (a form may gather
 * several: Turkish stems meet other languages at their first 5 letters).
 */
export function weightedTermCounts(
  title: TokenStream,
  body: TokenStream,
  weighting: TermWeighting,
  reader: TermReader,
  crossCounts?: Map<string, number>,
  crossTerms?: Map<string, string[]>,
): Map<string, number> {
  // Weights are summed per token first, then per term: a word repeated through the text is
  // normalized once (term-forms.ts), not at every occurrence.
  const byToken = new Map<string, number>();
  addTokens(byToken, title, () => weighting.titleWeight, weighting, reader);
  addTokens(byToken, body, (i) => (i < weighting.leadTokens ? weighting.leadWeight : 1), weighting, reader);
  const counts = new Map<string, number>();
  for (const [token, weight] of byToken) {
    const term = reader.term(token);
    counts.set(term, (counts.get(term) ?? 0) + weight);
    if (crossCounts !== undefined && reader.crossTerm !== undefined) {
      const key = reader.crossTerm(token);
      crossCounts.set(key, (crossCounts.get(key) ?? 0) + weight);
      const forms = crossTerms?.get(key);
      if (forms === undefined) crossTerms?.set(key, [term]);
      else if (!forms.includes(term)) forms.push(term);
    }
  }
  return counts;
}

/**
 * tf-idf vector (sublinear tf) of weighted counts, truncated to the strongest terms and normalized.
 * `idf`: a table, or the terms' idfs in the order of `counts` (DocumentFrequencies.idfAndAdd).
 */
export function tfidfVector(counts: Map<string, number>, idf: DocumentFrequencies | ArrayLike<number>, maxTerms: number): TermVector {
  const scored: { term: string; weight: number }[] = [];
  const table = 'idf' in idf ? idf : null;
  let i = 0;
  for (const [term, count] of counts) {
    const weight = (1 + Math.log(count)) * (table === null ? ((idf as ArrayLike<number>)[i] as number) : table.idf(term));
    i += 1;
    if (weight > 0) scored.push({ term, weight });
  }
  // Only terms at or above the maxTerms-th weight can be kept: those are sorted, not all (the order
  // is total, so the first maxTerms are the same).
  let kept = scored;
  if (scored.length > maxTerms && maxTerms > 0) {
    const weights = Float64Array.from(scored, (s) => s.weight).sort();
    const threshold = weights[weights.length - maxTerms] as number;
    kept = scored.filter((s) => s.weight >= threshold);
  }
  kept.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return normalizeVector(kept.slice(0, maxTerms).map(({ term, weight }) => [term, weight]));
}

/** L2-normalizes [term, weight] pairs into a vector (empty stays empty). */
export function normalizeVector(pairs: Iterable<[string, number]>): TermVector {
  const list = [...pairs];
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
  // Not a destructured pair: this runs a dozen times per article and the pair was an allocation each time.
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  let sum = 0;
  for (const [term, w] of small) {
    const other = large.get(term);
    if (other !== undefined) sum += w * other;
  }
  return sum;
}

function addTokens(
  counts: Map<string, number>,
  stream: TokenStream,
  fieldWeight: (index: number) => number,
  weighting: TermWeighting,
  reader: TermReader,
): void {
  const { tokens, entity } = stream;
  const shareBar = shareBarTokens(tokens);
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as string;
    if (!isContentToken(token, reader.stopWords) || (shareBar !== null && shareBar[i] === 1)) continue;
    const first = token.charCodeAt(0);
    const boost = entity[i] !== 1 ? 1 : first >= 48 && first <= 57 ? weighting.numberWeight : (reader.entityWeight ?? weighting.entityWeight);
    const weight = fieldWeight(i) * boost;
    counts.set(token, (counts.get(token) ?? 0) + weight);
  }
}

function isContentToken(token: string, stopWords: ReadonlySet<string>): boolean {
  if (stopWords.has(token)) return false;
  // One letter is a word only where one character is one (a Chinese or Japanese word).
  return token.length > 1 || token.charCodeAt(0) >= 0x2e80 || /\p{N}/u.test(token);
}
