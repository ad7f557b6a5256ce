import { describe, expect, it } from 'vitest';
import { cognateFold, crossLanguageKey } from '../../src/fingerprint/cognates.js';
import { seededRandom } from '../support/seeded-random.js';

/** cognateFold as it was written first (a string built a letter at a time): the reference. */
function referenceFold(word: string, limit = Infinity): string {
  let out = '';
  for (let i = 0; i < word.length && out.length < limit; i += 1) {
    let ch = word[i] as string;
    const next = word[i + 1] ?? '';
    if (ch === 's' && next === 'c' && word[i + 2] === 'h') {
      ch = 'sh';
      i += 2;
    } else if (ch === 'c') {
      if (next === 'h') {
        ch = 'ch';
        i += 1;
      } else if (next === 'k') {
        ch = 'k';
        i += 1;
      } else ch = next === 'e' || next === 'i' || next === 'y' ? 's' : 'k';
    } else if ((ch === 'p' || ch === 't') && next === 'h') {
      ch = ch === 'p' ? 'f' : 't';
      i += 1;
    } else if (ch === 'z') ch = 's';
    else if (ch === 'w') ch = 'v';
    else if (ch === 'y') ch = 'i';
    if (out.endsWith(ch)) continue;
    out += ch;
  }
  return out.length > limit ? out.slice(0, limit) : out;
}

describe('cognateFold on code units', () => {
  it('folds as the letter-by-letter reference on random words, limits and letters outside a–z', () => {
    const random = seededRandom(2026);
    // The letters the rules read, doubled and in runs, and a few others (non-ASCII, a surrogate pair).
    const letters = ['s', 'c', 'h', 'k', 'p', 't', 'z', 'w', 'y', 'e', 'i', 'a', 'o', 'n', 'r', 'ü', 'ß', '\ud83d\ude00', 'S', '1', '_'];
    let checked = 0;
    for (let n = 0; n < 60_000; n += 1) {
      const length = Math.floor(random() * (n % 50 === 0 ? 1_200 : 14));
      let word = '';
      for (let k = 0; k < length; k += 1) word += letters[Math.floor(random() * (random() < 0.7 ? 10 : letters.length))] as string;
      for (const limit of [Infinity, 5, 4, 1, 0, 7]) {
        expect(cognateFold(word, limit)).toBe(referenceFold(word, limit));
        checked += 1;
      }
    }
    expect(checked).toBe(360_000);
    expect(cognateFold('schock')).toBe('shok');
    expect(cognateFold('philippinen', 5)).toBe(referenceFold('philippinen', 5));
  });

  it('gives crossLanguageKey the same keys', () => {
    for (const term of ['koalition', 'coalition', 'polizei', 'police', 'schschsch', 'chch', 'cccc', 'thth', 'zentrum', 'centre', 'erdoğan', '2.2', 'isis_daesh', '']) {
      const expected = /^[a-z]+$/.test(term) ? referenceFold(term, 5) : crossLanguageKey(term);
      expect(crossLanguageKey(term)).toBe(expected);
    }
  });
});
