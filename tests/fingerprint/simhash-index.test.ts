import { describe, expect, it } from 'vitest';
import { SimhashIndex } from '../../src/fingerprint/index.js';
import { seededRandom } from './helpers.js';

interface H {
  hi: number;
  lo: number;
}

function popcount(x: number): number {
  let v = x >>> 0;
  let n = 0;
  while (v !== 0) {
    n += v & 1;
    v >>>= 1;
  }
  return n;
}

function flipBits(h: H, bits: number, random: () => number): H {
  let { hi, lo } = h;
  const chosen = new Set<number>();
  while (chosen.size < bits) chosen.add(Math.floor(random() * 64));
  for (const b of chosen) {
    if (b < 32) lo ^= 1 << b;
    else hi ^= 1 << (b - 32);
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

describe('SimhashIndex', () => {
  for (const k of [0, 1, 3, 6]) {
    it(`finds exactly the brute-force neighbours within ${k} bits`, () => {
      const random = seededRandom(1000 + k);
      const index = new SimhashIndex(k);
      const stored: H[] = [];
      // Clusters of near fingerprints plus random ones, so there are many pairs near the threshold.
      for (let c = 0; c < 150; c += 1) {
        const base = { hi: Math.floor(random() * 2 ** 32), lo: Math.floor(random() * 2 ** 32) };
        for (let m = 0; m < 8; m += 1) {
          const h = flipBits(base, Math.floor(random() * (k + 3)), random);
          index.add(h, stored.length);
          stored.push(h);
        }
      }
      for (let q = 0; q < 300; q += 1) {
        const source = stored[Math.floor(random() * stored.length)] as H;
        const probe = flipBits(source, Math.floor(random() * (k + 2)), random);
        const expected = stored
          .map((h, ref) => ({ ref, distance: popcount(h.hi ^ probe.hi) + popcount(h.lo ^ probe.lo) }))
          .filter((m) => m.distance <= k)
          .sort((a, b) => a.distance - b.distance || a.ref - b.ref);
        expect(index.query(probe)).toEqual(expected);
      }
    });
  }

  it('forgets removed entries, also across compaction', () => {
    const random = seededRandom(99);
    const index = new SimhashIndex(3);
    const stored: H[] = [];
    for (let i = 0; i < 5000; i += 1) {
      const h = { hi: Math.floor(random() * 2 ** 32), lo: Math.floor(random() * 2 ** 32) };
      stored.push(h);
      index.add(h, i);
    }
    for (let i = 0; i < 4000; i += 1) index.remove(i);
    expect(index.size).toBe(1000);
    expect(index.query(stored[10] as H)).toEqual([]);
    expect(index.query(stored[4500] as H)).toEqual([{ ref: 4500, distance: 0 }]);
  });
});
