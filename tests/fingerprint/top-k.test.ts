import { describe, expect, it } from 'vitest';
import { topK } from '../../src/fingerprint/top-k.js';
import { seededRandom } from '../support/seeded-random.js';

describe('topK', () => {
  it('gives what a full sort and a cut give, for a total order with ties on the score', () => {
    const random = seededRandom(14);
    for (let n = 0; n < 2_000; n += 1) {
      const items = Array.from({ length: Math.floor(random() * 60) }, (_, seq) => ({ score: Math.floor(random() * 8), seq }));
      const better = (a: { score: number; seq: number }, b: { score: number; seq: number }): boolean => a.score > b.score || (a.score === b.score && a.seq < b.seq);
      const count = Math.floor(random() * 14);
      const length = Math.floor(random() * (items.length + 1));
      const sorted = items.slice(0, length).sort((a, b) => b.score - a.score || a.seq - b.seq).slice(0, count);
      expect(topK(items, length, count, better)).toEqual(sorted);
    }
  });
});
