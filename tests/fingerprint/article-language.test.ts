import { describe, expect, it } from 'vitest';
import { stopWordHits } from '../../src/fingerprint/article-language.js';
import { stopListLanguages, stopWordsFor } from '../../src/fingerprint/stop-words.js';
import { seededRandom } from './helpers.js';

/** stopWordHits as it was before the signature bits (a Map lookup per word): the reference. */
function mapHits(words: readonly string[], languagesOf: ReadonlyMap<string, number[]>): number[] {
  const hits = new Array<number>(stopListLanguages().length).fill(0);
  for (const word of words) for (const at of languagesOf.get(word) ?? []) hits[at] = (hits[at] as number) + 1;
  return hits;
}

describe('stopWordHits', () => {
  it('counts what a Map lookup per word counts, on random samples of stop words and other words', () => {
    const random = seededRandom(1412);
    const stopWords = [...new Set(stopListLanguages().flatMap((language) => [...stopWordsFor(language)]))];
    const languagesOf = new Map<string, number[]>();
    stopListLanguages().forEach((language, at) => {
      for (const word of stopWordsFor(language)) languagesOf.set(word, [...(languagesOf.get(word) ?? []), at]);
    });
    const letters = 'abcdefghijklmnopqrstuvwxyzäöüßéèñçłśżğışабвгдежзийклмнопрстуфхцчшщыэюяابتثجحخدذرزسشصضطظعغفقكلمنهوی中国人';
    const samples: string[][] = [];
    for (let n = 0; n < 2000; n += 1) {
      const words: string[] = [];
      for (let i = 0; i < 40; i += 1) {
        if (random() < 0.4) words.push(stopWords[Math.floor(random() * stopWords.length)] as string);
        else {
          let word = '';
          const length = 1 + Math.floor(random() * 9);
          for (let c = 0; c < length; c += 1) word += letters[Math.floor(random() * letters.length)] as string;
          words.push(word);
        }
      }
      samples.push(words);
    }
    // Every stop word at once: none may be ruled out by its signature.
    samples.push(stopWords);
    for (const words of samples) expect(stopWordHits(words)).toEqual(mapHits(words, languagesOf));
  });
});
