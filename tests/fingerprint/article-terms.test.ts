import { describe, expect, it } from 'vitest';
import { ArticleTerms } from '../../src/fingerprint/article-terms.js';
import { keyHash } from '../../src/fingerprint/weighted-keys.js';
import { tokenHashes } from '../../src/fingerprint/simhash.js';
import { EMPTY_ALIASES } from '../../src/fingerprint/aliases.js';
import { normalizeText } from '../../src/fingerprint/normalize-text.js';
import { DEFAULT_STORY_TUNING } from '../../src/fingerprint/story-tuning.js';
import type { TermReader, TermWeighting } from '../../src/fingerprint/story-vector.js';
import { termReaderFor } from '../../src/fingerprint/term-forms.js';
import { tokenizeText, type TokenStream } from '../../src/fingerprint/tokenize-text.js';
import { seededRandom } from '../support/seeded-random.js';

describe('ArticleTerms', () => {
  it('counts terms and cross-language keys as Maps did, with the lowest idf of a key\'s terms', () => {
    const random = seededRandom(7);
    const counted = new ArticleTerms();
    const words = ['Präsident', 'Söder', 'Polizei', 'Polizisten', 'Belediye', 'başkanı', 'Kılıçdaroğlu', 'Warszawa', 'Rosji', 'Rosja', 'the', 'der', 'und', 'COVID-19', '2,2', 'Mosul', 'Erdoğan', 'Bürgermeister', 'gemeinsam', 'haber', 'dla', 'gobierno', 'Pérez'];
    for (const language of ['de', 'tr', 'pl', 'es', 'en', 'fr', 'ar', 'und']) {
      const reader = termReaderFor(language);
      for (let round = 0; round < 30; round += 1) {
        const text = Array.from({ length: 5 + Math.floor(random() * 120) }, () => words[Math.floor(random() * words.length)] as string).join(' ');
        const title = tokenizeText(normalizeText(text.slice(0, 60)), EMPTY_ALIASES, language);
        const body = tokenizeText(normalizeText(text), EMPTY_ALIASES, language);
        // Half the rounds with the keys tokenHashes gives beside the token hashes (as the index counts).
        const keys = round % 2 === 0 ? null : [new Int32Array(title.tokens.length), new Int32Array(body.tokens.length)];
        if (keys !== null) {
          tokenHashes(title.tokens, title.tokens.length, keys[0] as Int32Array);
          tokenHashes(body.tokens, body.tokens.length, keys[1] as Int32Array);
        }
        counted.count(title, body, DEFAULT_STORY_TUNING, reader, keys?.[0] ?? null, keys?.[1] ?? null);
        for (let i = 0; i < counted.terms.size; i += 1) expect(counted.terms.hashes[i]).toBe(keyHash(counted.terms.keys[i] as string));
        const reference = mapCounts(title, body, DEFAULT_STORY_TUNING, reader);
        expect([...counted.terms.toMap()]).toEqual([...reference.counts]);
        expect(counted.hasCross).toBe(reader.crossTerm !== undefined);
        if (!counted.hasCross) continue;
        expect([...counted.cross.toMap()]).toEqual([...reference.crossCounts]);
        const idfs = Float64Array.from({ length: counted.terms.size }, () => random() * 8);
        expect([...counted.crossIdfs(idfs)]).toEqual([...referenceCrossIdfs(reference.crossCounts, reference.crossTerms, [...reference.counts.keys()], idfs)]);
      }
    }
  });
});

/** The Map-based counting the index used before article-terms.ts (tests/support/weighted-term-counts.ts reads the tables the same way). */
function mapCounts(title: TokenStream, body: TokenStream, weighting: TermWeighting, reader: TermReader): { counts: Map<string, number>; crossCounts: Map<string, number>; crossTerms: Map<string, string[]> } {
  const byToken = new Map<string, number>();
  const addTokens = (stream: TokenStream, fieldWeight: (i: number) => number): void => {
    stream.tokens.forEach((token, i) => {
      if (reader.stopWords.has(token) || !(token.length > 1 || token.charCodeAt(0) >= 0x2e80 || /\p{N}/u.test(token))) return;
      const first = token.charCodeAt(0);
      const boost = stream.entity[i] !== 1 ? 1 : first >= 48 && first <= 57 ? weighting.numberWeight : (reader.entityWeight ?? weighting.entityWeight);
      byToken.set(token, (byToken.get(token) ?? 0) + fieldWeight(i) * boost);
    });
  };
  addTokens(title, () => weighting.titleWeight);
  addTokens(body, (i) => (i < weighting.leadTokens ? weighting.leadWeight : 1));
  const counts = new Map<string, number>();
  const crossCounts = new Map<string, number>();
  const crossTerms = new Map<string, string[]>();
  const addForm = (key: string, term: string, weight: number): void => {
    crossCounts.set(key, (crossCounts.get(key) ?? 0) + weight);
    const forms = crossTerms.get(key);
    if (forms === undefined) crossTerms.set(key, [term]);
    else if (!forms.includes(term)) forms.push(term);
  };
  for (const [token, weight] of byToken) {
    const term = reader.term(token);
    counts.set(term, (counts.get(term) ?? 0) + weight);
    if (reader.crossTerm === undefined) continue;
    const key = reader.crossTerm(token);
    addForm(key, term, weight);
    const variant = reader.crossTermVariant?.(token);
    if (variant !== undefined && variant !== key) addForm(variant, term, weight);
  }
  return { counts, crossCounts, crossTerms };
}

function referenceCrossIdfs(crossCounts: Map<string, number>, crossTerms: Map<string, string[]>, terms: readonly string[], idfs: ArrayLike<number>): Float64Array {
  const idfOf = new Map<string, number>();
  terms.forEach((term, i) => idfOf.set(term, idfs[i] as number));
  const out = new Float64Array(crossCounts.size);
  let i = 0;
  for (const key of crossCounts.keys()) {
    let idf = Infinity;
    for (const term of crossTerms.get(key) ?? []) idf = Math.min(idf, idfOf.get(term) ?? 0);
    out[i] = Number.isFinite(idf) ? idf : 0;
    i += 1;
  }
  return out;
}
