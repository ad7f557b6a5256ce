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

  it('forgets removed entries and reuses their room, staying exact', () => {
    const random = seededRandom(99);
    const index = new SimhashIndex(3);
    const live = new Map<number, { hash: H; handle: number }>();
    let ref = 0;
    // Churn: add in bursts, remove the oldest, and check a few probes against brute force.
    for (let round = 0; round < 40; round += 1) {
      for (let i = 0; i < 200; i += 1) {
        const base = live.size > 0 && random() < 0.3 ? ([...live.values()][Math.floor(random() * live.size)] as { hash: H }).hash : { hi: Math.floor(random() * 2 ** 32), lo: Math.floor(random() * 2 ** 32) };
        const hash = flipBits(base, Math.floor(random() * 4), random);
        live.set(ref, { hash, handle: index.add(hash, ref) });
        ref += 1;
      }
      for (const [r, { handle }] of [...live].slice(0, 150)) {
        index.remove(handle);
        live.delete(r);
      }
      for (let q = 0; q < 20; q += 1) {
        const probe = ([...live.values()][Math.floor(random() * live.size)] as { hash: H }).hash;
        const expected = [...live]
          .map(([r, { hash }]) => ({ ref: r, distance: popcount(hash.hi ^ probe.hi) + popcount(hash.lo ^ probe.lo) }))
          .filter((m) => m.distance <= 3)
          .sort((a, b) => a.distance - b.distance || a.ref - b.ref);
        expect(index.query(probe)).toEqual(expected);
      }
    }
    expect(index.size).toBe(live.size);
  });
});

describe('SimhashIndex reserve and removeRef', () => {
  it('answers as an index grown one add at a time and emptied by handles', () => {
    const random = seededRandom(31);
    const base: H[] = Array.from({ length: 300 }, () => ({ hi: Math.floor(random() * 2 ** 32), lo: Math.floor(random() * 2 ** 32) }));
    const hashes: H[] = Array.from({ length: 12_000 }, (_, i) => flipBits(base[i % base.length] as H, Math.floor(random() * 5), random));
    const grown = new SimhashIndex(3);
    const reserved = new SimhashIndex(3);
    reserved.reserve(hashes.length);
    const handles = hashes.map((h, ref) => grown.add(h, ref));
    hashes.forEach((h, ref) => reserved.add(h, ref));
    for (let ref = 0; ref < hashes.length; ref += 3) {
      grown.remove(handles[ref] as number);
      reserved.removeRef(hashes[ref] as H, ref);
    }
    expect(reserved.size).toBe(grown.size);
    for (const h of base) expect(reserved.query(h)).toEqual(grown.query(h));
  });
});
