import { hashString32 } from './hash32.js';

/**
 * Distinct strings in first-insertion order, each with a summed weight: what a `Map<string,
 * number>` of counts gave (same order, same sums in the same order), in arrays kept from one
 * article to the next. Three to five such Maps were built per original article (tokens, terms,
 * cross-language keys, the keys' terms, an idf lookup), grown from empty each time, with a heap
 * number per weight set: ~30 KB of the ~190 KB of garbage per article the scavenger had to clear.
 */
export class WeightedKeys {
  /** The keys in insertion order; entries from `size` on are left over from earlier uses. */
  readonly keys: string[] = [];
  weights: Float64Array = new Float64Array(64);
  size = 0;
  /** The keys' keyHashes, in the keys' order (entries from `size` on are left over). */
  hashes: Int32Array = new Int32Array(64);
  /** Open addressing: 1 + the key's place, 0 empty. */
  private slots: Int32Array = new Int32Array(128);

  /** Empties the table, keeping its arrays. */
  clear(): void {
    if (this.size > 0) this.slots.fill(0);
    this.size = 0;
  }

  /** Adds `weight` to `key`'s sum (a new key starts at `weight`); returns its place. */
  add(key: string, weight: number): number {
    return this.addHashed(key, keyHash(key), weight);
  }

  /** As `add`, with the key's keyHash given (computed once per token for several tables: simhash.ts tokenHashes). */
  addHashed(key: string, hash: number, weight: number): number {
    const mask = this.slots.length - 1;
    let at = hash & mask;
    for (;;) {
      const slot = this.slots[at] as number;
      if (slot === 0) break;
      const place = slot - 1;
      if (this.hashes[place] === hash && this.keys[place] === key) {
        this.weights[place] = (this.weights[place] as number) + weight;
        return place;
      }
      at = (at + 1) & mask;
    }
    const place = this.size;
    if (place === this.weights.length) this.grow();
    this.size += 1;
    this.keys[place] = key;
    this.weights[place] = weight;
    this.hashes[place] = hash;
    if (2 * this.size > this.slots.length) this.rehash();
    else this.slots[at] = place + 1;
    return place;
  }

  /** The place of `key` (its keyHash given), or -1 when it is not held. */
  placeOf(key: string, hash: number): number {
    const mask = this.slots.length - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const slot = this.slots[at] as number;
      if (slot === 0) return -1;
      if (this.hashes[slot - 1] === hash && this.keys[slot - 1] === key) return slot - 1;
    }
  }

  /** The keys and sums as a Map (tests, callers outside the hot path). */
  toMap(): Map<string, number> {
    const out = new Map<string, number>();
    for (let i = 0; i < this.size; i += 1) out.set(this.keys[i] as string, this.weights[i] as number);
    return out;
  }

  private grow(): void {
    const weights = new Float64Array(2 * this.weights.length);
    weights.set(this.weights);
    this.weights = weights;
    const hashes = new Int32Array(2 * this.hashes.length);
    hashes.set(this.hashes);
    this.hashes = hashes;
  }

  /** Doubles the slots and places every key again (the place of the key just added included). */
  private rehash(): void {
    const slots = new Int32Array(2 * this.slots.length);
    const mask = slots.length - 1;
    for (let place = 0; place < this.size; place += 1) {
      let at = (this.hashes[place] as number) & mask;
      while (slots[at] !== 0) at = (at + 1) & mask;
      slots[at] = place + 1;
    }
    this.slots = slots;
  }
}

/**
 * The hash a WeightedKeys places its keys by (hash32.ts hashString32, seed 0, as a signed 32-bit
 * integer); term-counts.ts takes the same hash, unsigned, so a term hashed once serves both.
 */
export function keyHash(key: string): number {
  return hashString32(key, 0) | 0;
}
