import { describe, expect, it } from 'vitest';
import { keyHash, WeightedKeys } from '../../src/fingerprint/weighted-keys.js';
import { seededRandom } from '../support/seeded-random.js';

describe('WeightedKeys', () => {
  it('holds what a Map of summed weights holds, in the same order, through growth and reuse', () => {
    const random = seededRandom(14);
    const table = new WeightedKeys();
    for (let round = 0; round < 40; round += 1) {
      const expected = new Map<string, number>();
      table.clear();
      const n = Math.floor(random() * 2_000);
      const places: number[] = [];
      const added: string[] = [];
      const vocabulary = 1 + Math.floor(random() * 600);
      for (let i = 0; i < n; i += 1) {
        // Short keys collide in the low bits often; a few share a prefix or differ in case.
        const key = `${random() < 0.1 ? 'K' : 'k'}${Math.floor(random() * vocabulary)}`;
        const weight = [1, 1.5, 0.75, 4, 2][Math.floor(random() * 5)] as number;
        expected.set(key, (expected.get(key) ?? 0) + weight);
        places.push(table.add(key, weight));
        added.push(key);
      }
      expect(places.map((place) => table.keys[place])).toEqual(added);
      expect(table.size).toBe(expected.size);
      expect([...table.toMap()]).toEqual([...expected]);
      for (const key of expected.keys()) expect(table.keys[table.placeOf(key, keyHash(key))]).toBe(key);
      expect(table.placeOf('absent', keyHash('absent'))).toBe(-1);
    }
  });
});
