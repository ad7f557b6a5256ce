import { describe, expect, it } from 'vitest';
import { bottomK, U32Slabs } from '../../src/fingerprint/duplicate-finder.js';
import { seededRandom } from '../support/seeded-random.js';

/** The sketch as sorting all values and taking the first k distinct gives it. */
function sortedBottomK(hashes: Uint32Array, k: number): number[] {
  const out: number[] = [];
  for (const h of [...hashes].sort((a, b) => a - b)) {
    if (out.length >= k) break;
    if (out[out.length - 1] !== h) out.push(h);
  }
  return out;
}

describe('bottomK', () => {
  it('gives the k smallest distinct values ascending, repeats and short lists included', () => {
    const random = seededRandom(64);
    const slabs = new U32Slabs();
    for (let n = 0; n < 2_000; n += 1) {
      const length = Math.floor(random() * 400);
      // A narrow range on some lists, so values repeat.
      const range = random() < 0.3 ? 200 : 2 ** 32;
      const hashes = Uint32Array.from({ length }, () => Math.floor(random() * range));
      const k = [0, 1, 5, 64, 100][n % 5] as number;
      const expected = sortedBottomK(hashes, k);
      expect([...bottomK(hashes, k)]).toEqual(expected);
      expect([...bottomK(hashes, k, slabs)]).toEqual(expected);
    }
  });

  it('gives the sorted sketch when few or many values lie low (the selection among low values and its fallback)', () => {
    const random = seededRandom(65);
    const slabs = new U32Slabs();
    const kinds: ((length: number) => number)[] = [
      () => Math.floor(random() * 2 ** 32),
      // All high: nothing below the limit.
      () => 2 ** 31 + Math.floor(random() * 2 ** 31),
      // Few distinct low values, repeated, among high ones.
      () => (random() < 0.5 ? Math.floor(random() * 40) : 2 ** 31 + Math.floor(random() * 2 ** 31)),
      // Just around the limit of a list's length.
      (length) => Math.max(0, Math.min(2 ** 32 - 1, Math.floor((128 / length) * 2 ** 32) + Math.floor(random() * 64) - 32)),
      // Low values, some repeated.
      () => Math.floor(random() * 2 ** 26) & ~0xff,
    ];
    for (let n = 0; n < 3_000; n += 1) {
      const length = 100 + Math.floor(random() * 400);
      const kind = kinds[n % kinds.length] as (length: number) => number;
      const hashes = Uint32Array.from({ length }, () => kind(length));
      const k = [64, 64, 1, 20, 63, 100][n % 6] as number;
      const expected = sortedBottomK(hashes, k);
      expect([...bottomK(hashes, k)]).toEqual(expected);
      expect([...bottomK(hashes, k, slabs)]).toEqual(expected);
    }
  });
});
