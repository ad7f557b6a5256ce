import { describe, expect, it } from 'vitest';
import { StopWordLanguages } from '../../src/fingerprint/stop-word-languages.js';
import { stopListLanguages, stopWordsFor } from '../../src/fingerprint/stop-words.js';
import { seededRandom } from '../support/seeded-random.js';

/** The counting StopWordLanguages replaced: each word's languages looked up in a Map of lists. */
function mapHits(lists: readonly ReadonlySet<string>[], words: readonly string[]): number[] {
  const languagesOf = new Map<string, number[]>();
  lists.forEach((list, at) => {
    for (const word of list) languagesOf.set(word, [...(languagesOf.get(word) ?? []), at]);
  });
  const hits = new Array<number>(lists.length).fill(0);
  for (const word of words) for (const at of languagesOf.get(word) ?? []) hits[at] = (hits[at] as number) + 1;
  return hits;
}

describe('StopWordLanguages', () => {
  it('counts the languages of each word as a Map of the stop lists did', () => {
    const lists = stopListLanguages().map(stopWordsFor);
    const table = new StopWordLanguages(lists);
    const all = [...new Set(lists.flatMap((list) => [...list]))];
    const random = seededRandom(17);
    const hashes = new Int32Array(64);
    const word = (): string => {
      const roll = random();
      const known = all[Math.floor(random() * all.length)] as string;
      // Stop words, their prefixes and extensions (same hash bucket neighbours, one letter apart), other words.
      if (roll < 0.5) return known;
      if (roll < 0.65) return known.slice(0, Math.max(1, known.length - 1));
      if (roll < 0.8) return `${known}${String.fromCharCode(97 + Math.floor(random() * 26))}`;
      return String.fromCharCode(...Array.from({ length: 1 + Math.floor(random() * 8) }, () => 0x61 + Math.floor(random() * 0x500)));
    };
    for (let n = 0; n < 3_000; n += 1) {
      const words = Array.from({ length: Math.floor(random() * 41) }, word);
      const hits = new Array<number>(lists.length).fill(0);
      table.countHits(words, hits, hashes);
      expect(hits).toEqual(mapHits(lists, words));
    }
  });

  it('tells apart words of one hash slot and words that are prefixes of others', () => {
    const table = new StopWordLanguages([new Set(['a', 'ab', 'abc']), new Set(['ab', 'b', ''])]);
    const hits = [0, 0];
    table.countHits(['ab', 'abc', 'abcd', 'b', '', 'ba'], hits, new Int32Array(8));
    expect(hits).toEqual([2, 3]);
  });
});
