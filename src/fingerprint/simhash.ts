import { EMPTY_ALIASES, type AliasTable } from './aliases.js';
import { combineHash32, fmix32, FNV_OFFSET, FNV_PRIME, hashString32, popcount32 } from './hash32.js';
import { normalizeText } from './normalize-text.js';
import { tokenizeText } from './tokenize-text.js';

/** A 64-bit fingerprint as two unsigned 32-bit halves (what the index stores and compares). */
export interface Hash64 {
  hi: number;
  lo: number;
}

/** Word-shingle length of the simhash features (chosen on measurement, see docs/notes/stories.md). */
export const SHINGLE_SIZE = 3;

/**
 * 64-bit simhash (Charikar 2002) of a text: normalized, alias-mapped word 3-shingles, each voting
 * on all 64 bits. Similar texts get fingerprints at a small Hamming distance; unrelated texts
 * differ in about 32 bits. The empty text hashes to 0.
 */
export function simhash64(text: string, aliases: AliasTable = EMPTY_ALIASES): bigint {
  return hash64ToBigInt(simhashShingles(shingleHashes(tokenizeText(normalizeText(text), aliases).tokens)));
}

/** Simhash of precomputed shingle hashes (see shingleHashes). */
export function simhashShingles(features: Uint32Array): Hash64 {
  if (features.length === 0) return { hi: 0, lo: 0 };
  // Every feature weighs 1, so a bit is set when more than half of the features set it. Ones are
  // counted in byte lanes: h<b> holds, in its four bytes, the counts of bits b, b+8, b+16 and b+24
  // of the hi half (l<b> the same of lo), so one add counts four bits; the lanes are emptied into
  // `ones` before a byte can overflow (every 255 features; a lane stays below 2^32). Same counts, 8 adds per
  // half instead of 32.
  const ones = new Int32Array(64);
  let h0 = 0, h1 = 0, h2 = 0, h3 = 0, h4 = 0, h5 = 0, h6 = 0, h7 = 0;
  let l0 = 0, l1 = 0, l2 = 0, l3 = 0, l4 = 0, l5 = 0, l6 = 0, l7 = 0;
  let pending = 0;
  for (let f = 0; f < features.length; f += 1) {
    const x = features[f] as number;
    const y = fmix32((x ^ 0x5bd1e995) >>> 0);
    h0 += x & 0x01010101;
    h1 += (x >>> 1) & 0x01010101;
    h2 += (x >>> 2) & 0x01010101;
    h3 += (x >>> 3) & 0x01010101;
    h4 += (x >>> 4) & 0x01010101;
    h5 += (x >>> 5) & 0x01010101;
    h6 += (x >>> 6) & 0x01010101;
    h7 += (x >>> 7) & 0x01010101;
    l0 += y & 0x01010101;
    l1 += (y >>> 1) & 0x01010101;
    l2 += (y >>> 2) & 0x01010101;
    l3 += (y >>> 3) & 0x01010101;
    l4 += (y >>> 4) & 0x01010101;
    l5 += (y >>> 5) & 0x01010101;
    l6 += (y >>> 6) & 0x01010101;
    l7 += (y >>> 7) & 0x01010101;
    pending += 1;
    if (pending === 255 || f === features.length - 1) {
      const lanes = [h0, h1, h2, h3, h4, h5, h6, h7, l0, l1, l2, l3, l4, l5, l6, l7];
      for (let b = 0; b < 8; b += 1) {
        const h = lanes[b] as number;
        const l = lanes[b + 8] as number;
        for (let byte = 0; byte < 4; byte += 1) {
          ones[b + 8 * byte] = (ones[b + 8 * byte] as number) + ((h >>> (8 * byte)) & 0xff);
          ones[32 + b + 8 * byte] = (ones[32 + b + 8 * byte] as number) + ((l >>> (8 * byte)) & 0xff);
        }
      }
      h0 = h1 = h2 = h3 = h4 = h5 = h6 = h7 = 0;
      l0 = l1 = l2 = l3 = l4 = l5 = l6 = l7 = 0;
      pending = 0;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b += 1) {
    if ((ones[b] as number) * 2 > features.length) hi |= 1 << b;
    if ((ones[b + 32] as number) * 2 > features.length) lo |= 1 << b;
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

/**
 * 32-bit hashes of the word shingles of a token list (a text shorter than one shingle gives one
 * shorter shingle). Shared with the exact duplicate check so both look at the same features.
 */
export function shingleHashes(tokens: readonly string[], size: number = SHINGLE_SIZE): Uint32Array {
  return shinglesOf(tokenHashes(tokens, tokens.length), size);
}

/**
 * The 32-bit hashes of the first `count` tokens (the words of shingles and of duplicate-finder.ts
 * wordHashes). With `keys`, each token's keyHash (weighted-keys.ts: its place in the counting
 * tables, the stop-list table and the df table) is written there too, from the same pass over its
 * characters: the counting hashed every token again, and a Map probe of the stop list hashed it a
 * third time.
 */
export function tokenHashes(tokens: readonly string[], count: number, keys: Int32Array | null = null): Uint32Array {
  const out = new Uint32Array(Math.min(count, tokens.length));
  if (keys === null) {
    for (let i = 0; i < out.length; i += 1) out[i] = hashString32(tokens[i] as string, TOKEN_SEED);
    return out;
  }
  for (let i = 0; i < out.length; i += 1) {
    const token = tokens[i] as string;
    // hashString32 with TOKEN_SEED and with seed 0, side by side.
    let h = TOKEN_BASIS;
    let k = FNV_OFFSET;
    for (let c = 0; c < token.length; c += 1) {
      const code = token.charCodeAt(c);
      h = Math.imul(h ^ code, FNV_PRIME);
      k = Math.imul(k ^ code, FNV_PRIME);
    }
    out[i] = fmix32(h);
    keys[i] = fmix32(k) | 0;
  }
  return out;
}

/** shingleHashes of the tokens whose hashes (tokenHashes) are given. */
export function shinglesOf(tokenHashes: Uint32Array, size: number = SHINGLE_SIZE): Uint32Array {
  if (tokenHashes.length === 0) return new Uint32Array(0);
  const count = Math.max(1, tokenHashes.length - size + 1);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i += 1) {
    let h = tokenHashes[i] as number;
    for (let k = 1; k < size && i + k < tokenHashes.length; k += 1) h = combineHash32(h, tokenHashes[i + k] as number);
    out[i] = h;
  }
  return out;
}

const TOKEN_SEED = 0x2545f491;
const TOKEN_BASIS = (FNV_OFFSET ^ TOKEN_SEED) >>> 0;

/** 16 lowercase hex digits, zero-padded: the on-disk form of a fingerprint. */
export function simhashToHex(hash: bigint): string {
  return BigInt.asUintN(64, hash).toString(16).padStart(16, '0');
}

/** Parses 16 hex digits back into a fingerprint; null when the text is not one. */
export function simhashFromHex(hex: string): bigint | null {
  return /^[0-9a-f]{16}$/i.test(hex) ? BigInt(`0x${hex}`) : null;
}

/** Number of differing bits between two 64-bit fingerprints (0..64). */
export function hammingDistance(a: bigint, b: bigint): number {
  const x = BigInt.asUintN(64, a ^ b);
  return popcount32(Number(x >> 32n)) + popcount32(Number(x & 0xffffffffn));
}

/** Hamming distance of two fingerprints in split form (the index's hot path, no BigInt). */
export function hammingDistance64(a: Hash64, b: Hash64): number {
  return popcount32(a.hi ^ b.hi) + popcount32(a.lo ^ b.lo);
}

/** Joins the halves into one bigint. */
export function hash64ToBigInt(hash: Hash64): bigint {
  return (BigInt(hash.hi >>> 0) << 32n) | BigInt(hash.lo >>> 0);
}

/** Splits a bigint fingerprint into halves. */
export function bigIntToHash64(hash: bigint): Hash64 {
  const x = BigInt.asUintN(64, hash);
  return { hi: Number(x >> 32n), lo: Number(x & 0xffffffffn) };
}
