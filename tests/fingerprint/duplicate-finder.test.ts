import { describe, expect, it } from 'vitest';
import { bottomK, headingsAgree, U32Slabs } from '../../src/fingerprint/duplicate-finder.js';
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

/** headingsAgree as written before the merge (a binary search of both lists per title word): the reference. */
function searchedHeadingsAgree(a: { titleWords: Uint32Array; leadWords: Uint32Array }, b: { titleWords: Uint32Array; leadWords: Uint32Array }): boolean {
  if (a.titleWords.length === 0 || b.titleWords.length === 0) return false;
  const has = (sorted: Uint32Array, value: number): boolean => {
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = sorted[mid] as number;
      if (v === value) return true;
      if (v < value) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
  let both = 0;
  for (const word of a.titleWords) if (has(b.titleWords, word)) both += 1;
  if (both / (a.titleWords.length + b.titleWords.length - both) >= 0.3) return true;
  const covered = (title: Uint32Array, other: { titleWords: Uint32Array; leadWords: Uint32Array }): boolean => {
    let found = 0;
    for (const word of title) if (has(other.titleWords, word) || has(other.leadWords, word)) found += 1;
    return found >= 0.6 * title.length;
  };
  return covered(a.titleWords, b) || covered(b.titleWords, a);
}

describe('headingsAgree', () => {
  it('answers as binary searches of the other title and lead did, on random sorted word lists', () => {
    const random = seededRandom(16);
    // Sorted distinct hashes drawn from a small vocabulary, so titles and leads share some words.
    const words = (length: number, vocabulary: number): Uint32Array => Uint32Array.from(new Set(Array.from({ length }, () => Math.floor(random() * vocabulary) * 2654435761 % 2 ** 32))).sort();
    let agreed = 0;
    for (let n = 0; n < 20_000; n += 1) {
      const vocabulary = [8, 20, 60, 400][n % 4] as number;
      const a = { titleWords: words(Math.floor(random() * 20), vocabulary), leadWords: words(Math.floor(random() * 40), vocabulary) };
      const b = { titleWords: words(Math.floor(random() * 20), vocabulary), leadWords: words(Math.floor(random() * 40), vocabulary) };
      const expected = searchedHeadingsAgree(a, b);
      expect(headingsAgree(a, b), JSON.stringify([[...a.titleWords], [...a.leadWords], [...b.titleWords], [...b.leadWords]])).toBe(expected);
      if (expected) agreed += 1;
    }
    // Both answers occur often enough to be compared.
    expect(agreed).toBeGreaterThan(2_000);
    expect(agreed).toBeLessThan(18_000);
  });
});
