import { hashString32 } from './hash32.js';

/**
 * Word → the languages whose stop lists hold it, as bits, in one flat table: the declared-language
 * check (article-language.ts) looks up ~40 sample words per article in the stop lists of 58
 * languages (~17,700 words), and as a `Map<string, number[]>` each lookup was three or four cache
 * misses one after the other (the bucket, the entry, the stored word, its language list), ~400 ns
 * a word inside the story stage. Here a slot holds the word's hash, where its characters are and
 * its language bits, and `countHits` first reads every word's slot and first character in one
 * pass (no read waits for another, so the misses overlap), then probes. Exact: words are compared
 * character by character, never trusted to a hash.
 */
export class StopWordLanguages {
  /** Per slot (STRIDE ints): hash + 1 (0: empty; the hash is taken >>> 1, so + 1 stays positive), arena offset, length, then the language bits. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** The words' UTF-16 code units, one after another. */
  private readonly arena: Uint16Array;
  private readonly languages: number;
  /** What the last warm pass read, summed: stored so that its reads are not dropped as unused (nothing reads it). */
  warmth = 0;

  /** `lists[i]`: the stop words of the language at place i (its bit is i). */
  constructor(lists: readonly Iterable<string>[]) {
    this.languages = lists.length;
    if (this.languages > 32 * (STRIDE - 3)) throw new Error(`fingerprint: ${this.languages} stop lists are more than a StopWordLanguages slot has bits for`);
    const bits = new Map<string, number[]>();
    lists.forEach((list, at) => {
      for (const word of list) {
        let places = bits.get(word);
        if (places === undefined) {
          places = [];
          bits.set(word, places);
        }
        places.push(at);
      }
    });
    let size = 1024;
    while (2 * bits.size > size) size *= 2;
    this.slots = new Int32Array(STRIDE * size);
    this.mask = size - 1;
    let chars = 0;
    for (const word of bits.keys()) chars += word.length;
    this.arena = new Uint16Array(Math.max(1, chars));
    let used = 0;
    for (const [word, places] of bits) {
      const hash = wordHash(word);
      let slot = hash & this.mask;
      while (this.slots[STRIDE * slot] !== 0) slot = (slot + 1) & this.mask;
      const at = STRIDE * slot;
      this.slots[at] = hash + 1;
      this.slots[at + 1] = used;
      this.slots[at + 2] = word.length;
      for (const place of places) this.slots[at + 3 + (place >>> 5)] = (this.slots[at + 3 + (place >>> 5)] as number) | (1 << (place & 31));
      for (let i = 0; i < word.length; i += 1) this.arena[used + i] = word.charCodeAt(i);
      used += word.length;
    }
  }

  /**
   * Adds 1 to `hits[place]` for each of `words` and each language (by place) whose stop list holds
   * it: what looking each word's languages up in a Map and counting them gave. `hashes`: scratch of
   * at least `words.length`.
   */
  countHits(words: readonly string[], hits: number[], hashes: Int32Array): void {
    const { slots, arena, mask } = this;
    let sum = 0;
    for (let w = 0; w < words.length; w += 1) {
      const hash = wordHash(words[w] as string);
      hashes[w] = hash;
      const at = STRIDE * (hash & mask);
      sum += (slots[at] as number) + (arena[slots[at + 1] as number] ?? 0);
    }
    this.warmth = sum;
    for (let w = 0; w < words.length; w += 1) {
      const at = this.find(words[w] as string, hashes[w] as number);
      if (at < 0) continue;
      for (let k = 0; k < STRIDE - 3; k += 1) {
        let bits = slots[at + 3 + k] as number;
        while (bits !== 0) {
          const low = bits & -bits;
          const place = 32 * k + 31 - Math.clz32(low);
          hits[place] = (hits[place] as number) + 1;
          bits ^= low;
        }
      }
    }
  }

  /** The slot (times STRIDE) holding `word`, or -1. */
  private find(word: string, hash: number): number {
    const { slots, arena, mask } = this;
    const stored = hash + 1;
    const length = word.length;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = STRIDE * slot;
      const h = slots[at] as number;
      if (h === 0) return -1;
      if (h !== stored || slots[at + 2] !== length) continue;
      const offset = slots[at + 1] as number;
      let same = true;
      for (let i = 0; i < length; i += 1) {
        if (arena[offset + i] !== word.charCodeAt(i)) {
          same = false;
          break;
        }
      }
      if (same) return at;
    }
  }
}

/** Ints per slot: hash + 1, offset, length and five words of language bits (160 languages at most; the iso collection has 58). */
const STRIDE = 8;

/** A word's slot hash: hashString32, seed 0, halved so that hash + 1 is a positive Int32. */
function wordHash(word: string): number {
  return hashString32(word, 0) >>> 1;
}
