import { popcount32 } from './hash32.js';
import type { Hash64 } from './simhash.js';

/** One neighbour found by a query. */
export interface SimhashMatch {
  ref: number;
  distance: number;
}

/**
 * Near-neighbour index over 64-bit fingerprints (Manku, Jain & Das Sarma 2007, "Detecting
 * near-duplicates for web crawling"). The 64 bits are cut into k+2 blocks; two fingerprints within
 * Hamming distance k differ in at most k blocks, so they agree exactly on at least two (pigeonhole).
 * Each pair of blocks keys one table (C(k+2, 2) tables: 10 for k = 3, keys of ~26 bits), so a query
 * only compares the one or two entries sharing a bucket in each table, however large the index.
 *
 * Storage is typed arrays only: per table a bucket → newest slot array and a slot → next slot chain.
 * Removal unlinks the slot at once (chains are short) and frees it for reuse, so nothing grows with
 * churn. The bucket count doubles as the index grows (up to 2^20 per table).
 */
export class SimhashIndex {
  readonly maxDistance: number;
  private readonly blocks: readonly Block[];
  private readonly pairs: readonly [number, number][];
  private bucketBits = 10;
  private heads: Int32Array[];
  private next: Int32Array[];
  private hi = new Uint32Array(256);
  private lo = new Uint32Array(256);
  private refs = new Float64Array(256);
  private seen = new Uint32Array(256);
  private alive = new Uint8Array(256);
  private free: number[] = [];
  /** Scratch: the block keys of the fingerprint being linked, unlinked or queried. */
  private readonly keys: Uint32Array;
  private readonly pairA: Uint8Array;
  private readonly pairB: Uint8Array;
  private used = 0;
  private live = 0;
  private stamp = 0;

  constructor(maxDistance: number) {
    if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > 8) {
      throw new RangeError(`fingerprint: maxDistance must be an integer in 0..8, got ${maxDistance}`);
    }
    this.maxDistance = maxDistance;
    this.blocks = splitBits(maxDistance + 2);
    const pairs: [number, number][] = [];
    for (let i = 0; i < this.blocks.length; i += 1) for (let j = i + 1; j < this.blocks.length; j += 1) pairs.push([i, j]);
    this.pairs = pairs;
    this.keys = new Uint32Array(this.blocks.length);
    this.pairA = Uint8Array.from(pairs.map((p) => p[0]));
    this.pairB = Uint8Array.from(pairs.map((p) => p[1]));
    this.heads = pairs.map(() => new Int32Array(1 << this.bucketBits).fill(-1));
    this.next = pairs.map(() => new Int32Array(256));
  }

  /** Number of live entries. */
  get size(): number {
    return this.live;
  }

  /** Adds a fingerprint under `ref`; returns the handle `remove` takes. */
  add(hash: Hash64, ref: number): number {
    const slot = this.free.pop() ?? this.takeSlot();
    this.hi[slot] = hash.hi >>> 0;
    this.lo[slot] = hash.lo >>> 0;
    this.refs[slot] = ref;
    this.alive[slot] = 1;
    this.live += 1;
    this.link(slot);
    if (this.live > 2 << this.bucketBits && this.bucketBits < 20) this.rehash(this.bucketBits + 2);
    return slot;
  }

  /**
   * Removes the entry with this handle (from `add`). A handle already removed is ignored until a
   * later `add` reuses its slot; after that it names the new entry, so callers forget a handle once
   * they have removed it.
   */
  remove(handle: number): void {
    if (handle < 0 || handle >= this.used || this.alive[handle] !== 1) return;
    this.computeKeys(this.hi[handle] as number, this.lo[handle] as number);
    for (let t = 0; t < this.pairs.length; t += 1) {
      const heads = this.heads[t] as Int32Array;
      const next = this.next[t] as Int32Array;
      const bucket = this.bucketOf(t);
      if (heads[bucket] === handle) heads[bucket] = next[handle] as number;
      else {
        let at = heads[bucket] as number;
        while (at >= 0 && next[at] !== handle) at = next[at] as number;
        if (at >= 0) next[at] = next[handle] as number;
      }
    }
    this.alive[handle] = 0;
    this.live -= 1;
    this.free.push(handle);
  }

  /**
   * Removes the entry added with this hash under `ref` (as `remove` of its handle; nothing when
   * there is none): a caller need not keep a handle per entry (the duplicate finder kept a Map of
   * 100,000 after a restore, read only when an entry left the window).
   */
  removeRef(hash: Hash64, ref: number): void {
    this.computeKeys(hash.hi >>> 0, hash.lo >>> 0);
    const next = this.next[0] as Int32Array;
    for (let slot = (this.heads[0] as Int32Array)[this.bucketOf(0)] as number; slot >= 0; slot = next[slot] as number) {
      if (this.refs[slot] === ref && this.alive[slot] === 1) return this.remove(slot);
    }
  }

  /**
   * Makes room for `count` more entries at once (a restore): the slots and the bucket tables that
   * adding them one by one would grow to, without the copies and rehashes on the way. Where an
   * entry sits in a chain changes no query's result (queries sort what they find).
   */
  reserve(count: number): void {
    const live = this.live + count;
    let bits = this.bucketBits;
    while (live > 2 << bits && bits < 20) bits += 2;
    let size = this.hi.length;
    while (size < this.used + count) size *= 2;
    if (size > this.hi.length) this.grow(size);
    if (bits !== this.bucketBits) this.rehash(bits);
  }

  /**
   * Every entry within `maxDistance` of `hash` (or a smaller `within`), sorted by distance and then
   * by ref, so results are deterministic.
   */
  query(hash: Hash64, within: number = this.maxDistance): SimhashMatch[] {
    const limit = Math.min(within, this.maxDistance);
    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const found: SimhashMatch[] = [];
    const hi = hash.hi >>> 0;
    const lo = hash.lo >>> 0;
    const { seen, stamp } = this;
    this.computeKeys(hi, lo);
    for (let t = 0; t < this.pairs.length; t += 1) {
      const next = this.next[t] as Int32Array;
      for (let slot = (this.heads[t] as Int32Array)[this.bucketOf(t)] as number; slot >= 0; slot = next[slot] as number) {
        if (seen[slot] === stamp) continue;
        seen[slot] = stamp;
        const distance = popcount32((this.hi[slot] as number) ^ hi) + popcount32((this.lo[slot] as number) ^ lo);
        if (distance <= limit) found.push({ ref: this.refs[slot] as number, distance });
      }
    }
    if (found.length > 1) found.sort((a, b) => a.distance - b.distance || a.ref - b.ref);
    return found;
  }

  private link(slot: number): void {
    this.computeKeys(this.hi[slot] as number, this.lo[slot] as number);
    for (let t = 0; t < this.pairs.length; t += 1) {
      const heads = this.heads[t] as Int32Array;
      const bucket = this.bucketOf(t);
      (this.next[t] as Int32Array)[slot] = heads[bucket] as number;
      heads[bucket] = slot;
    }
  }

  private computeKeys(hi: number, lo: number): void {
    for (let i = 0; i < this.blocks.length; i += 1) this.keys[i] = blockKey(hi, lo, this.blocks[i] as Block);
  }

  /** The bucket in table `t` of the fingerprint whose keys are in `keys`: two blocks, mixed and folded. */
  private bucketOf(t: number): number {
    const a = this.keys[this.pairA[t] as number] as number;
    const b = this.keys[this.pairB[t] as number] as number;
    const mixed = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b) >>> 0;
    return (mixed ^ (mixed >>> 15)) & ((1 << this.bucketBits) - 1);
  }

  private takeSlot(): number {
    if (this.used === this.hi.length) this.grow();
    const slot = this.used;
    this.used += 1;
    return slot;
  }

  private grow(size = this.hi.length * 2): void {
    this.hi = resize(this.hi, size);
    this.lo = resize(this.lo, size);
    this.seen = resize(this.seen, size);
    this.alive = resize(this.alive, size);
    this.next = this.next.map((n) => resize(n, size));
    const refs = new Float64Array(size);
    refs.set(this.refs);
    this.refs = refs;
  }

  private rehash(bits: number): void {
    this.bucketBits = Math.min(bits, 20);
    this.heads = this.pairs.map(() => new Int32Array(1 << this.bucketBits).fill(-1));
    for (let slot = 0; slot < this.used; slot += 1) if (this.alive[slot] === 1) this.link(slot);
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
