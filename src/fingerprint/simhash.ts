import { EMPTY_ALIASES, type AliasTable } from './aliases.js';
import { combineHash32, fmix32, hashString32, popcount32 } from './hash32.js';
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
  // Every feature weighs 1, so a bit is set when more than half of the features set it
  // (counting ones avoids a branch per bit in the hottest loop of the module).
  const ones = new Int32Array(64);
  for (let f = 0; f < features.length; f += 1) {
    const hi = features[f] as number;
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
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

/**
 * 32-bit hashes of the word shingles of a token list (a text shorter than one shingle gives one
 * shorter shingle). Shared with the exact duplicate check so both look at the same features.
 */
export function shingleHashes(tokens: readonly string[], size: number = SHINGLE_SIZE): Uint32Array {
  if (tokens.length === 0) return new Uint32Array(0);
  const tokenHashes = tokens.map((t) => hashString32(t, 0x2545f491));
  const count = Math.max(1, tokens.length - size + 1);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i += 1) {
    let h = tokenHashes[i] as number;
    for (let k = 1; k < size && i + k < tokenHashes.length; k += 1) h = combineHash32(h, tokenHashes[i + k] as number);
    out[i] = h;
  }
  return out;
}

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
