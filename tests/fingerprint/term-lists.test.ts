import { describe, expect, it } from 'vitest';
import type { SlabList } from '../../src/fingerprint/posting-slab.js';
import { TermLists } from '../../src/fingerprint/term-lists.js';
import { keyHash } from '../../src/fingerprint/weighted-keys.js';
import { seededRandom } from '../support/seeded-random.js';

describe('TermLists', () => {
  it('finds what a Map of lists finds and retains in the Map order, through growth and shrinking', () => {
    for (const seed of [3, 16, 29]) {
      const random = seededRandom(seed);
      const table = new TermLists();
      const expected = new Map<string, SlabList>();
      // Seed 29 hashes every term to a handful of values: places are told apart by the term alone.
      const hashOf = (term: string): number => (seed === 29 ? keyHash(term) & 7 : keyHash(term));
      for (let step = 0; step < 6_000; step += 1) {
        const roll = random();
        const term = `${random() < 0.1 ? 'T' : 't'}${Math.floor(random() * (seed === 29 ? 300 : 3_000))}`;
        if (roll < 0.6) {
          const list = table.take(term, hashOf(term));
          const known = expected.get(term);
          if (known === undefined) {
            expect(list.size).toBe(0);
            expected.set(term, list);
          } else expect(list).toBe(known);
          list.size += 1;
        } else if (roll < 0.995) {
          expect(table.get(term, hashOf(term))).toBe(expected.get(term));
        } else {
          // Drops about half the lists, as a compaction drops the emptied ones.
          const seen: SlabList[] = [];
          table.retain((list) => {
            seen.push(list);
            return list.size % 2 === 0;
          });
          const order = [...expected.values()];
          expect(seen.length).toBe(order.length);
          seen.forEach((list, i) => expect(list).toBe(order[i]));
          for (const [key, list] of expected) if (list.size % 2 !== 0) expected.delete(key);
        }
      }
      for (const [term, list] of expected) expect(table.get(term, hashOf(term))).toBe(list);
      expect(table.get('absent', hashOf('absent'))).toBeUndefined();
    }
  });
});
