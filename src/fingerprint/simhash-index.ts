import { popcount32 } from './hash32.js';
import type { Hash64 } from './simhash.js';

/** One neighbour found by a query. */
export interface SimhashMatch {
  ref: number;
  distance: number;
}

/**
 * Near-neighbour index over 64-bit fingerprints (Manku, Jain & Das Sarma 2007, "Detecting
 * near-duplicates for web crawling"): the 64 bits are cut into k+1 blocks; two fingerprints within
 * Hamming distance k agree exactly on at least one block (pigeonhole), so each block keys one
 * table and a query only compares the few entries sharing a block. With k = 3 the blocks are 16 bits
 * and a million entries leave ~15 per bucket per table: lookups stay cheap as the index grows.
 *
 * Entries carry a caller-chosen integer `ref`. Removal is lazy (a tombstone) with compaction once
 * half the slots are dead, so eviction of old entries costs O(1) amortized.
 */
export class SimhashIndex {
  readonly maxDistance: number;
  private readonly blocks: readonly Block[];
  /** Per table: bucket → newest slot (−1 empty); `next` chains older slots of the same bucket. */
  private readonly heads: Int32Array[];
  private next: Int32Array[];
  private readonly bucketBits: number[];
  private hi: Uint32Array = new Uint32Array(1024);
  private lo: Uint32Array = new Uint32Array(1024);
  private refs: Float64Array = new Float64Array(1024);
  private seen: Uint32Array = new Uint32Array(1024);
  private alive: Uint8Array = new Uint8Array(1024);
  private used = 0;
  private dead = 0;
  private stamp = 0;
  private readonly slotOfRef = new Map<number, number>();

  constructor(maxDistance: number) {
    if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > 15) {
      throw new RangeError(`fingerprint: maxDistance must be an integer in 0..15, got ${maxDistance}`);
    }
    this.maxDistance = maxDistance;
    // k = 0 still needs two blocks for the keys to fit in 32 bits; it only costs a little recall-free work.
    this.blocks = splitBits(Math.max(2, maxDistance + 1));
    // Blocks longer than 20 bits are folded into 2^20 buckets: a bucket may then hold other keys too,
    // which the Hamming check filters out (a superset, never a miss).
    this.bucketBits = this.blocks.map((b) => Math.min(b.length, 20));
    this.heads = this.bucketBits.map((bits) => new Int32Array(1 << bits).fill(-1));
    this.next = this.blocks.map(() => new Int32Array(1024));
  }

  /** Number of live entries. */
  get size(): number {
    return this.used - this.dead;
  }

  /** Adds a fingerprint under `ref` (a ref already present is replaced). */
  add(hash: Hash64, ref: number): void {
    if (this.slotOfRef.has(ref)) this.remove(ref);
    if (this.used === this.hi.length) this.grow();
    const slot = this.used;
    this.used += 1;
    this.hi[slot] = hash.hi >>> 0;
    this.lo[slot] = hash.lo >>> 0;
    this.refs[slot] = ref;
    this.alive[slot] = 1;
    this.slotOfRef.set(ref, slot);
    for (let t = 0; t < this.blocks.length; t += 1) {
      const bucket = this.bucketOf(hash.hi >>> 0, hash.lo >>> 0, t);
      const heads = this.heads[t] as Int32Array;
      (this.next[t] as Int32Array)[slot] = heads[bucket] as number;
      heads[bucket] = slot;
    }
  }

  /** Removes the entry under `ref`; unknown refs are ignored. */
  remove(ref: number): void {
    const slot = this.slotOfRef.get(ref);
    if (slot === undefined) return;
    this.slotOfRef.delete(ref);
    this.alive[slot] = 0;
    this.dead += 1;
    if (this.dead > 1024 && this.dead * 2 > this.used) this.compact();
  }

  /**
   * Every live entry within `maxDistance` of `hash` (or a smaller `within`), sorted by distance and
   * then by insertion order, so results are deterministic.
   */
  query(hash: Hash64, within: number = this.maxDistance): SimhashMatch[] {
    const limit = Math.min(within, this.maxDistance);
    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const found: { slot: number; distance: number }[] = [];
    const hi = hash.hi >>> 0;
    const lo = hash.lo >>> 0;
    const seen = this.seen;
    const stamp = this.stamp;
    for (let t = 0; t < this.blocks.length; t += 1) {
      const next = this.next[t] as Int32Array;
      for (let slot = (this.heads[t] as Int32Array)[this.bucketOf(hi, lo, t)] as number; slot >= 0; slot = next[slot] as number) {
        if (seen[slot] === stamp) continue;
        seen[slot] = stamp;
        if (this.alive[slot] !== 1) continue;
        const distance = popcount32((this.hi[slot] as number) ^ hi) + popcount32((this.lo[slot] as number) ^ lo);
        if (distance <= limit) found.push({ slot, distance });
      }
    }
    if (found.length > 1) found.sort((a, b) => a.distance - b.distance || a.slot - b.slot);
    return found.map(({ slot, distance }) => ({ ref: this.refs[slot] as number, distance }));
  }

  private bucketOf(hi: number, lo: number, table: number): number {
    const key = blockKey(hi, lo, this.blocks[table] as Block);
    const bits = this.bucketBits[table] as number;
    const length = (this.blocks[table] as Block).length;
    return length <= bits ? key : ((key ^ (key >>> bits)) & ((1 << bits) - 1)) >>> 0;
  }

  private grow(): void {
    const size = this.hi.length * 2;
    this.hi = resize(this.hi, size);
    this.lo = resize(this.lo, size);
    this.seen = resize(this.seen, size);
    this.alive = resize(this.alive, size);
    this.next = this.next.map((n) => resize(n, size));
    const refs = new Float64Array(size);
    refs.set(this.refs);
    this.refs = refs;
  }

  /** Rebuilds the tables from the live entries, keeping their relative order. */
  private compact(): void {
    const live: { hash: Hash64; ref: number }[] = [];
    for (let slot = 0; slot < this.used; slot += 1) {
      if (this.alive[slot] === 1) live.push({ hash: { hi: this.hi[slot] as number, lo: this.lo[slot] as number }, ref: this.refs[slot] as number });
    }
    for (const heads of this.heads) heads.fill(-1);
    this.slotOfRef.clear();
    this.alive.fill(0);
    this.used = 0;
    this.dead = 0;
    for (const { hash, ref } of live) this.add(hash, ref);
  }
}

interface Block {
  /** Bit offset from the least significant bit of the 64-bit value. */
  start: number;
  length: number;
}

/** Splits 64 bits into `count` contiguous blocks of near-equal size (each ≤ 32 bits). */
function splitBits(count: number): Block[] {
  const blocks: Block[] = [];
  let start = 0;
  for (let i = 0; i < count; i += 1) {
    const length = Math.floor(64 / count) + (i < 64 % count ? 1 : 0);
    blocks.push({ start, length });
    start += length;
  }
  return blocks;
}

/** The bits of one block as a non-negative integer key. */
function blockKey(hi: number, lo: number, block: Block): number {
  const { start, length } = block;
  const end = start + length;
  let value: number;
  if (end <= 32) value = lo >>> start;
  else if (start >= 32) value = hi >>> (start - 32);
  else value = ((lo >>> start) | (hi << (32 - start))) >>> 0;
  return length >= 32 ? value >>> 0 : (value & ((1 << length) - 1)) >>> 0;
}

function resize<T extends Uint32Array | Uint8Array | Int32Array>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  return next;
}
