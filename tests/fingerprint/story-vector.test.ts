import { describe, expect, it } from 'vitest';
import { heavierFirst, normalizeVector, sortHeavierFirst, tfidfOf } from '../../src/fingerprint/story-vector.js';
import { seededRandom } from '../support/seeded-random.js';

describe('sortHeavierFirst', () => {
  it('orders places as sorting with heavierFirst does, ties on the weight included', () => {
    const random = seededRandom(80);
    for (let n = 0; n < 500; n += 1) {
      // Up to 300 places: past the insertion limit too.
      const size = Math.floor(random() * 300);
      const terms = Array.from({ length: size }, (_, i) => `t${Math.floor(random() * 1000)}-${i}`);
      const weights = Float64Array.from({ length: size }, () => Math.floor(random() * 10) / 4);
      const order = Array.from({ length: size }, (_, i) => i);
      const expected = [...order].sort(heavierFirst(terms, weights));
      sortHeavierFirst(order, terms, weights);
      expect(order).toEqual(expected);
    }
  });
});

describe('tfidfOf', () => {
  it('with a prefix, gives what normalizing the first terms of the whole vector gave (crossLanguageVector), to the last bit', () => {
    const random = seededRandom(40);
    for (let n = 0; n < 300; n += 1) {
      const size = Math.floor(random() * 200);
      const keys = Array.from({ length: size }, (_, i) => `k${i}`);
      const counts = Float64Array.from({ length: size }, () => 0.5 + Math.floor(random() * 12) / 2);
      // Some idfs at 0 or below: those terms are left out.
      const idfs = Float64Array.from({ length: size }, () => Math.floor(random() * 40) / 5 - 0.4);
      const whole = tfidfOf(keys, counts, size, idfs, 80, 100_000);
      const prefixed = tfidfOf(keys, counts, size, idfs, 80, 100_000, 40);
      expect([...prefixed]).toEqual([...(whole.size > 40 ? normalizeVector(whole, 40) : whole)]);
    }
  });
});
