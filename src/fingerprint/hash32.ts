/**
 * Small non-cryptographic 32-bit hashes for features. Simhash needs 64 well-mixed, independent bits
 * per feature; two differently seeded FNV-1a passes finished with murmur3's avalanche step give that
 * without BigInt arithmetic in the hot loop.
 */
export function hashString32(text: string, seed: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return fmix32(h);
}

/** FNV-1a's 32-bit offset basis and prime (hashString32). */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** Combines two 32-bit hashes into one (order matters), for shingles built from token hashes. */
export function combineHash32(a: number, b: number): number {
  return fmix32((Math.imul(a, 0x9e3779b1) ^ (b + 0x7f4a7c15 + (a << 6) + (a >>> 2))) >>> 0);
}

/** murmur3's 32-bit finalizer: every input bit affects every output bit. */
export function fmix32(input: number): number {
  let h = input >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Population count of a 32-bit integer. */
export function popcount32(input: number): number {
  let v = input >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
