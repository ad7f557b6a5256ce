import { describe, expect, it } from 'vitest';
import { TermCounts } from '../../src/fingerprint/term-counts.js';
import { seededRandom } from '../support/seeded-random.js';

/** Terms from a small alphabet (collisions of length and first letters), some non-Latin, some long. */
function randomTerm(random: () => number): string {
  const alphabet = ['a', 'b', 'é', 'ş', 'ж', '中', 'ی', '1'];
  const length = random() < 0.05 ? 20 + Math.floor(random() * 20) : Math.floor(random() * 6);
  let term = '';
  for (let i = 0; i < length; i += 1) term += alphabet[Math.floor(random() * alphabet.length)] as string;
  return term;
}

describe('TermCounts', () => {
  it('holds what a Map holds, in its order, through sets, increments, drops and rewrites', () => {
    const random = seededRandom(2026);
    for (let round = 0; round < 20; round += 1) {
      const table = new TermCounts();
      const map = new Map<string, number>();
      for (let step = 0; step < 6_000; step += 1) {
        const roll = random();
        const term = randomTerm(random);
        if (roll < 0.6) expect(table.increment(term)).toBe(map.get(term) ?? 0);
        else if (roll < 0.65) table.set(term, 2.5);
        else if (roll < 0.997) expect(table.get(term)).toBe(map.get(term) ?? 0);
        else {
          // As a prune or a decay: drops and new counts, in one pass over the order.
          const cut = Math.floor(random() * 4);
          const rewrite = (count: number): number | null => (count <= cut ? null : count / 2);
          table.rewrite(rewrite);
          for (const [key, count] of [...map]) {
            const next = rewrite(count);
            if (next === null) map.delete(key);
            else map.set(key, next);
          }
        }
        if (roll < 0.6) map.set(term, (map.get(term) ?? 0) + 1);
        else if (roll < 0.65) map.set(term, 2.5);
      }
      expect(table.size).toBe(map.size);
      expect(table.entries()).toEqual([...map]);
      const counts: number[] = [];
      table.forEachCount((count) => counts.push(count));
      expect(counts).toEqual([...map.values()]);
      expect(new TermCounts(map).entries()).toEqual([...map]);
      expect(TermCounts.fromColumns([...map.keys()], [...map.values()]).entries()).toEqual([...map]);
      table.clear();
      expect(table.size).toBe(0);
      expect(table.get('a')).toBe(0);
    }
  });
});
