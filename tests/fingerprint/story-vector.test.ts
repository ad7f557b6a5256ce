import { describe, expect, it } from 'vitest';
import { heavierFirst, sortHeavierFirst } from '../../src/fingerprint/story-vector.js';
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
