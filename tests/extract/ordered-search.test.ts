import { describe, expect, it } from 'vitest';
import { createOrderedSearch } from '../../src/extract/text/ordered-search.js';

describe('createOrderedSearch', () => {
  it('answers as includes does, needles in order, out of order, repeated or missing (seeded)', () => {
    let seed = 3;
    const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let k = 0; k < 300; k++) {
      let haystack = '';
      for (let i = 0; i < 200; i++) haystack += 'abcab'[Math.floor(rnd() * 5)];
      const search = createOrderedSearch(haystack);
      for (let q = 0; q < 40; q++) {
        const start = Math.floor(rnd() * haystack.length);
        const needle = rnd() < 0.2 ? `${haystack.slice(start, start + 3)}x` : haystack.slice(start, start + 1 + Math.floor(rnd() * 8));
        expect(search(needle), JSON.stringify([haystack, needle])).toBe(haystack.includes(needle));
      }
    }
  });
});
