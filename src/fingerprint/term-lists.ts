import { emptySlabList, type SlabList } from './posting-slab.js';

/**
 * Posting lists by term, found by the term's keyHash (weighted-keys.ts) and the term: what a
 * `Map<string, SlabList>` gave, for the story memory's postings (story-memory.ts). The memory
 * looks up ~18 new terms per article leaving the window and 8 per query in a table of all the
 * terms of its summaries; a Map probe read the key string of every entry on its bucket's chain
 * (cold, one cache miss each) before it found the term, ~1 µs per look-up at 50,000 articles.
 * Here a probe reads slots holding each place's hash beside it, and only a place whose hash
 * matches has its key compared.
 *
 * Terms are never removed one by one: `retain` keeps the lists a filter keeps and lays the table
 * out again, in the order the terms came (as a Map's iteration order is).
 */
export class TermLists {
  /** Per place, in the order the terms came: the term, its keyHash, its list. */
  private keys: string[] = [];
  private hashes: Int32Array = new Int32Array(64);
  private lists: SlabList[] = [];
  private size = 0;
  /** Open addressing, two integers per slot: the place's hash and 1 + the place (0: empty). */
  private slots: Int32Array = new Int32Array(2 * 128);

  /** The list of `term` (its keyHash given), or undefined when it has none. */
  get(term: string, hash: number): SlabList | undefined {
    const place = this.slots[2 * this.slotOf(term, hash) + 1] as number;
    return place === 0 ? undefined : this.lists[place - 1];
  }

  /** The list of `term` (its keyHash given), created empty when it has none. */
  take(term: string, hash: number): SlabList {
    const { slots } = this;
    const at = this.slotOf(term, hash);
    const found = slots[2 * at + 1] as number;
    if (found !== 0) return this.lists[found - 1] as SlabList;
    const list = emptySlabList();
    const place = this.size;
    if (place === this.hashes.length) {
      const hashes = new Int32Array(2 * place);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.keys[place] = term;
    this.hashes[place] = hash;
    this.lists[place] = list;
    this.size += 1;
    if (4 * this.size > slots.length) this.layOut();
    else {
      slots[2 * at] = hash;
      slots[2 * at + 1] = place + 1;
    }
    return list;
  }

  /**
   * Calls `keep` on each list in the order the terms came and forgets the terms of the lists it
   * returns false for (their places are taken by the next kept ones, in order).
   */
  retain(keep: (list: SlabList) => boolean): void {
    const { keys, hashes, lists } = this;
    let kept = 0;
    for (let place = 0; place < this.size; place += 1) {
      const list = lists[place] as SlabList;
      if (!keep(list)) continue;
      keys[kept] = keys[place] as string;
      hashes[kept] = hashes[place] as number;
      lists[kept] = list;
      kept += 1;
    }
    keys.length = kept;
    lists.length = kept;
    this.size = kept;
    this.layOut();
  }

  /** The slot holding `term`, or the empty slot where it would go. */
  private slotOf(term: string, hash: number): number {
    const { slots } = this;
    const mask = (slots.length >> 1) - 1;
    let at = hash & mask;
    for (;;) {
      const place = slots[2 * at + 1] as number;
      if (place === 0 || (slots[2 * at] === hash && this.keys[place - 1] === term)) return at;
      at = (at + 1) & mask;
    }
  }

  /** Lays the places out again in a table of at least four slots per two places. */
  private layOut(): void {
    let length = 128;
    while (4 * this.size > length) length *= 2;
    const slots = this.slots.length === 2 * length ? this.slots.fill(0) : new Int32Array(2 * length);
    const mask = length - 1;
    for (let place = 0; place < this.size; place += 1) {
      const hash = this.hashes[place] as number;
      let at = hash & mask;
      while (slots[2 * at + 1] !== 0) at = (at + 1) & mask;
      slots[2 * at] = hash;
      slots[2 * at + 1] = place + 1;
    }
    this.slots = slots;
  }
}
