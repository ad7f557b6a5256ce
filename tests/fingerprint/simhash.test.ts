import { describe, expect, it } from 'vitest';
import { hammingDistance, simhash64, simhashFromHex, simhashToHex } from '../../src/fingerprint/index.js';
import { simhashShingles, tokenHashes } from '../../src/fingerprint/simhash.js';
import { keyHash } from '../../src/fingerprint/weighted-keys.js';
import { fmix32 } from '../../src/fingerprint/hash32.js';
import { makeVocabulary, randomWords, seededRandom } from './helpers.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

describe('simhash64', () => {
  const random = seededRandom(20170308);
  const vocabulary = makeVocabulary(random, 5000);
  const texts = Array.from({ length: 200 }, () => randomWords(random, vocabulary, 300));

  it('gives identical texts distance 0, whatever their spacing and case', () => {
    for (const words of texts.slice(0, 20)) {
      const text = words.join(' ');
      expect(hammingDistance(simhash64(text), simhash64(text))).toBe(0);
      expect(hammingDistance(simhash64(text), simhash64(`  ${text.toUpperCase()}\n`))).toBe(0);
    }
  });

  it('moves by at most 3 bits (median) when one word of a 300-word text changes', () => {
    const distances = texts.map((words, i) => {
      const edited = [...words];
      edited[Math.floor(random() * edited.length)] = vocabulary[(i * 7919) % vocabulary.length] as string;
      return hammingDistance(simhash64(words.join(' ')), simhash64(edited.join(' ')));
    });
    expect(median(distances)).toBeLessThanOrEqual(3);
  });

  it('puts unrelated texts about 32 bits apart on average', () => {
    const distances: number[] = [];
    for (let i = 0; i + 1 < texts.length; i += 2) {
      distances.push(hammingDistance(simhash64((texts[i] as string[]).join(' ')), simhash64((texts[i + 1] as string[]).join(' '))));
    }
    const mean = distances.reduce((a, b) => a + b, 0) / distances.length;
    expect(mean).toBeGreaterThan(29);
    expect(mean).toBeLessThan(35);
  });

  it('uses all 64 bits', () => {
    let seenHigh = 0n;
    let seenLow = 0n;
    for (const words of texts.slice(0, 50)) {
      const h = simhash64(words.join(' '));
      seenHigh |= h >> 32n;
      seenLow |= h & 0xffffffffn;
    }
    expect(seenHigh).toBe(0xffffffffn);
    expect(seenLow).toBe(0xffffffffn);
  });
});

describe('hammingDistance', () => {
  it('counts each differing bit once, across both 32-bit halves', () => {
    expect(hammingDistance(0n, 0xffffffffffffffffn)).toBe(64);
    expect(hammingDistance(1n << 63n, 0n)).toBe(1);
    expect(hammingDistance(1n << 32n, 1n)).toBe(2);
    expect(hammingDistance(0x0f0f0f0f0f0f0f0fn, 0x0f0f0f0f0f0f0f0en)).toBe(1);
  });
});

describe('simhashToHex', () => {
  it('writes 16 lowercase hex digits that parse back', () => {
    for (const h of [0n, 1n, 0xdeadbeefn, 0xffffffffffffffffn, 0x8000000000000000n]) {
      const hex = simhashToHex(h);
      expect(hex).toMatch(/^[0-9a-f]{16}$/);
      expect(simhashFromHex(hex)).toBe(h);
    }
  });

  it('never throws on arbitrary input', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 300; i += 1) {
      const length = Math.floor(random() * 200);
      const text = String.fromCodePoint(...Array.from({ length }, () => Math.floor(random() * 0x2ffff)).filter((c) => c < 0xd800 || c > 0xdfff));
      expect(simhashToHex(simhash64(text))).toMatch(/^[0-9a-f]{16}$/);
    }
  });
});

describe('simhash bit counts', () => {
  it('sets the bits a feature-by-feature count sets', () => {
    const random = seededRandom(64);
    for (let n = 0; n < 300; n += 1) {
      const features = new Uint32Array(Math.floor(random() * 700));
      const bias = random();
      for (let i = 0; i < features.length; i += 1) features[i] = random() < bias ? 0xffffffff : Math.floor(random() * 2 ** 32);
      const ones = new Array<number>(64).fill(0);
      for (const hi of features) {
        const lo = fmix32((hi ^ 0x5bd1e995) >>> 0);
        for (let b = 0; b < 32; b += 1) {
          ones[b] = (ones[b] as number) + ((hi >>> b) & 1);
          ones[b + 32] = (ones[b + 32] as number) + ((lo >>> b) & 1);
        }
      }
      let hi = 0;
      let lo = 0;
      for (let b = 0; b < 32; b += 1) {
        if ((ones[b] as number) * 2 > features.length) hi |= 1 << b;
        if ((ones[b + 32] as number) * 2 > features.length) lo |= 1 << b;
      }
      expect(simhashShingles(features)).toEqual(features.length === 0 ? { hi: 0, lo: 0 } : { hi: hi >>> 0, lo: lo >>> 0 });
    }
  });
});

describe('tokenHashes with keys', () => {
  it('gives the same token hashes, and each token\'s keyHash beside them', () => {
    const random = seededRandom(31);
    const alphabet = ['a', 'z', 'é', 'ß', 'ı', 'я', 'ب', '中', '9', "'", '\u{1F600}'];
    for (let round = 0; round < 200; round += 1) {
      const tokens = Array.from({ length: Math.floor(random() * 50) }, () => Array.from({ length: Math.floor(random() * 14) }, () => alphabet[Math.floor(random() * alphabet.length)] as string).join(''));
      const keys = new Int32Array(tokens.length + 3);
      const count = Math.floor(random() * (tokens.length + 2));
      const hashes = tokenHashes(tokens, count, keys);
      expect([...hashes]).toEqual([...tokenHashes(tokens, count)]);
      expect([...keys.subarray(0, hashes.length)]).toEqual(tokens.slice(0, hashes.length).map(keyHash));
    }
  });
});
