import { hashString32 } from './hash32.js';
/**
 * A term → count table with a Map's behaviour where the document frequencies depend on it (the
 * insertion order, a deleted term coming back at the end), laid out for one cache miss or two per
 * lookup instead of a Map's three or more. The df table is probed once per distinct term of every
 * article, at random places of a table of tens of thousands of terms whose key strings lie spread
 * over a heap of hundreds of megabytes: each probe of a Map reads its bucket, its entry and the
 * stored key string (to compare it), and that one line was 7-8 % of the story stage. Here a probe
 * reads one slot (hash, count, where the term's characters are) and, on a matching hash, compares
 * the characters in one contiguous arena: exact, never a hash taken for the term.
 */
export class TermCounts {
  /** Per slot: hash + 1 (0: empty), count, the term's offset in the arena, its length. */
  private slots: Float64Array<ArrayBuffer>;
  private mask: number;
  /** The terms' UTF-16 code units, one after another in insertion order. */
  private arena: Uint16Array<ArrayBuffer> = new Uint16Array(1024);
  private arenaUsed = 0;
  /** Insertion order: the terms and their slots. */
  private order: string[] = [];
  private orderSlots: number[] = [];
  /** Slots of dropped terms (skipped by lookups, never reused) and code units of the arena they still hold. */
  private tombstones = 0;
  private dropped = 0;
  /** What the last `warm` read, summed: stored so that its reads are not dropped as unused (nothing reads it). */
  warmth = 0;

  constructor(entries: Iterable<[string, number]> = []) {
    this.slots = new Float64Array(4 * MIN_SLOTS);
    this.mask = MIN_SLOTS - 1;
    for (const [term, count] of entries) this.set(term, count);
  }

  /**
   * A table of `terms` with their `counts` side by side (an image's document frequencies, read
   * without a [term, count] pair per term), sized once for them: what the constructor gives for
   * the same pairs, without the table doubling its slots and arena a dozen times on the way.
   */
  static fromColumns(terms: readonly string[], counts: ArrayLike<number>): TermCounts {
    const table = new TermCounts();
    let slots = MIN_SLOTS;
    while (8 * terms.length > 5 * slots) slots *= 2;
    table.slots = new Float64Array(4 * slots);
    table.mask = slots - 1;
    let chars = 0;
    for (const term of terms) chars += term.length;
    if (chars > table.arena.length) table.arena = new Uint16Array(chars);
    for (let i = 0; i < terms.length; i += 1) table.set(terms[i] as string, counts[i] as number);
    return table;
  }

  /** Number of terms held. */
  get size(): number {
    return this.order.length;
  }

  /** The count of a term, or 0 when it has none. */
  get(term: string): number {
    const slot = this.find(term, hashTerm(term));
    return slot < 0 ? 0 : (this.slots[4 * slot + 1] as number);
  }

  /** Sets a term's count (a new term goes last in the order, as Map.set). */
  set(term: string, count: number): void {
    const hash = hashTerm(term);
    const slot = this.find(term, hash);
    if (slot >= 0) this.slots[4 * slot + 1] = count;
    else this.insert(term, hash, count);
  }

  /** The count a term had (0 when absent), then that count plus one: one probe for both (DocumentFrequencies.idfAndAdd). */
  increment(term: string): number {
    return this.incrementHashed(term, hashTerm(term));
  }

  /** As `increment`, with the term's hash given (hashString32 with seed 0, unsigned: weighted-keys.ts keyHash >>> 0). */
  incrementHashed(term: string, hash: number): number {
    const slot = this.find(term, hash);
    if (slot < 0) {
      this.insert(term, hash, 1);
      return 0;
    }
    const at = 4 * slot + 1;
    const count = this.slots[at] as number;
    this.slots[at] = count + 1;
    return count;
  }

  /**
   * Reads the first slot of each of the first `count` hashes, and the first code unit of the term
   * that slot holds, before the probes themselves: nothing here depends on one read before the
   * next, so the processor waits for these cache misses side by side, where a probe's misses (its
   * slot, then the term's characters) came one after the other, term after term. Changes nothing;
   * the sum only keeps the reads from being dropped as unused.
   */
  warm(hashes: Int32Array, count: number): void {
    const { slots, arena, mask } = this;
    let sum = 0;
    for (let i = 0; i < count; i += 1) {
      const at = 4 * (((hashes[i] as number) >>> 0) & mask);
      sum += (slots[at] as number) + (arena[slots[at + 2] as number] ?? 0);
    }
    this.warmth = sum;
  }

  /** The counts in insertion order (no array built). */
  forEachCount(fn: (count: number) => void): void {
    const { slots, orderSlots } = this;
    for (let i = 0; i < orderSlots.length; i += 1) fn(slots[4 * (orderSlots[i] as number) + 1] as number);
  }

  /** [term, count] pairs in insertion order. */
  entries(): [string, number][] {
    const out: [string, number][] = [];
    for (let i = 0; i < this.order.length; i += 1) out.push([this.order[i] as string, this.slots[4 * (this.orderSlots[i] as number) + 1] as number]);
    return out;
  }

  /**
   * Keeps the terms for which `next(count)` is a number (their new count) and drops those for which
   * it is null, in one pass in insertion order; the kept ones stay in their order (as deleting from
   * and setting in a Map while iterating it). Dropped slots become tombstones, laid out again when
   * an insertion finds the table full, and the arena is compacted once half of it is dropped
   * terms: a prune of the English table runs every few hundred articles, and rebuilding it each
   * time (new arrays of megabytes) fed the collector.
   */
  rewrite(next: (count: number) => number | null): void {
    const { slots, order, orderSlots } = this;
    let kept = 0;
    for (let i = 0; i < order.length; i += 1) {
      const slot = orderSlots[i] as number;
      const count = next(slots[4 * slot + 1] as number);
      if (count === null) {
        slots[4 * slot] = TOMBSTONE;
        this.dropped += slots[4 * slot + 3] as number;
        this.tombstones += 1;
        continue;
      }
      slots[4 * slot + 1] = count;
      order[kept] = order[i] as string;
      orderSlots[kept] = slot;
      kept += 1;
    }
    order.length = kept;
    orderSlots.length = kept;
    if (2 * this.dropped > this.arenaUsed) this.compactArena();
  }

  /** Drops every term. */
  clear(): void {
    this.slots.fill(0);
    this.arenaUsed = 0;
    this.dropped = 0;
    this.tombstones = 0;
    this.order = [];
    this.orderSlots = [];
  }

  /** Moves the kept terms' characters together (arena order is insertion order, so each moves down or stays). */
  private compactArena(): void {
    const { slots, arena, orderSlots } = this;
    let used = 0;
    for (let i = 0; i < orderSlots.length; i += 1) {
      const at = 4 * (orderSlots[i] as number);
      const offset = slots[at + 2] as number;
      const length = slots[at + 3] as number;
      if (offset !== used) arena.copyWithin(used, offset, offset + length);
      slots[at + 2] = used;
      used += length;
    }
    this.arenaUsed = used;
    this.dropped = 0;
  }

  /** Lays the live slots out again in `size` slots, without tombstones. */
  private rehash(size: number): void {
    const old = this.slots;
    const fresh = new Float64Array(4 * size);
    this.slots = fresh;
    this.mask = size - 1;
    for (let i = 0; i < this.orderSlots.length; i += 1) {
      const from = 4 * (this.orderSlots[i] as number);
      const slot = this.emptySlot((old[from] as number) - 1);
      const to = 4 * slot;
      fresh[to] = old[from] as number;
      fresh[to + 1] = old[from + 1] as number;
      fresh[to + 2] = old[from + 2] as number;
      fresh[to + 3] = old[from + 3] as number;
      this.orderSlots[i] = slot;
    }
    this.tombstones = 0;
  }

  /** The slot holding `term`, or -1. */
  private find(term: string, hash: number): number {
    const { slots, arena, mask } = this;
    const stored = hash + 1;
    const length = term.length;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = 4 * slot;
      const h = slots[at] as number;
      if (h === 0) return -1;
      if (h !== stored || slots[at + 3] !== length) continue;
      const offset = slots[at + 2] as number;
      let same = true;
      for (let i = 0; i < length; i += 1) {
        if (arena[offset + i] !== term.charCodeAt(i)) {
          same = false;
          break;
        }
      }
      if (same) return slot;
    }
  }

  private insert(term: string, hash: number, count: number): void {
    // Live terms and tombstones fill at most 4/5 of the slots: doubled when the live ones alone fill
    // more than 5/8, else rebuilt at the same size without tombstones. (At most half full, the
    // tables of all languages held 20 MB more than their Maps; these bounds keep it under 10.)
    const slots = this.mask + 1;
    if (5 * (this.order.length + this.tombstones + 1) > 4 * slots) this.rehash(8 * (this.order.length + 1) > 5 * slots ? 2 * slots : slots);
    const length = term.length;
    if (this.arenaUsed + length > this.arena.length) {
      const grown = new Uint16Array(Math.max(2 * this.arena.length, this.arenaUsed + length));
      grown.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = grown;
    }
    const offset = this.arenaUsed;
    for (let i = 0; i < length; i += 1) this.arena[offset + i] = term.charCodeAt(i);
    this.arenaUsed += length;
    const slot = this.emptySlot(hash);
    const at = 4 * slot;
    this.slots[at] = hash + 1;
    this.slots[at + 1] = count;
    this.slots[at + 2] = offset;
    this.slots[at + 3] = length;
    this.order.push(term);
    this.orderSlots.push(slot);
  }

  private emptySlot(hash: number): number {
    const { slots, mask } = this;
    let slot = hash & mask;
    while (slots[4 * slot] !== 0) slot = (slot + 1) & mask;
    return slot;
  }

}

/** Slots of a new table (a power of two; live terms and tombstones fill at most 4/5 of them). */
const MIN_SLOTS = 1024;
/** The hash field of a dropped term's slot (stored hashes are ≥ 1, 0 is an empty slot). */
const TOMBSTONE = -1;

/** FNV-1a over the UTF-16 code units, finished with murmur3's avalanche step; ≥ 0. */
function hashTerm(term: string): number {
  return hashString32(term, 0);
}
