/**
 * Postings of sketch values (duplicate-finder.ts): per 32-bit value, the refs of the entries
 * holding it, newest first. Kept in typed arrays (an open-addressing table of values, each pointing
 * at the newest node of a chain of refs), not a Map of numbers and arrays: at 100,000 live articles
 * the Map held 1.6 million keys, and adding them was most of restoring the duplicate finder.
 *
 * Refs are never removed one by one: a reader skips refs whose entries left the window, and once
 * dead refs outnumber live ones the caller rebuilds the postings from its live entries (`clear`,
 * then `add` in arrival order), which gives the same chains without the dead refs.
 */
export class SketchPostings {
  /** Table slots: the value, and 1 + the index of its newest node (0: empty slot). */
  private keys = new Int32Array(1024);
  private heads = new Int32Array(1024);
  private used = 0;
  /** Chain nodes: the ref, and 1 + the index of the next older node (0: the oldest). */
  private refs = new Int32Array(1024);
  private next = new Int32Array(1024);
  private nodes = 0;

  /** Refs posted (dead ones included). */
  get size(): number {
    return this.nodes;
  }

  /** Posts `ref` as the newest holder of `value` (a 32-bit integer, signed or not). */
  add(value: number, ref: number): void {
    if (2 * (this.used + 1) > this.keys.length) this.rehash(this.keys.length * 2);
    const key = value | 0;
    const slot = this.slotOf(key);
    if (this.heads[slot] === 0) {
      this.keys[slot] = key;
      this.used += 1;
    }
    if (this.nodes === this.refs.length) this.growNodes();
    this.refs[this.nodes] = ref;
    this.next[this.nodes] = this.heads[slot] as number;
    this.nodes += 1;
    this.heads[slot] = this.nodes;
  }

  /** The newest node of `value`'s chain (0 when it has none); walk it with `refAt` and `olderThan`. */
  newest(value: number): number {
    return this.heads[this.slotOf(value | 0)] as number;
  }

  refAt(node: number): number {
    return this.refs[node - 1] as number;
  }

  olderThan(node: number): number {
    return this.next[node - 1] as number;
  }

  /**
   * Makes room for `values` more distinct values and `refs` more refs at once (a restore posts
   * 100,000 entries' sketches: growing by doubling rehashed the table a dozen times, ~5 % of the
   * restore). Where a value sits in the table changes nothing a reader sees.
   */
  reserve(values: number, refs: number): void {
    let size = this.keys.length;
    while (2 * (this.used + values) > size) size *= 2;
    if (size > this.keys.length) this.rehash(size);
    if (this.nodes + refs > this.refs.length) this.growNodes(this.nodes + refs);
  }

  /** Forgets everything (before a rebuild). */
  clear(): void {
    this.keys = new Int32Array(1024);
    this.heads = new Int32Array(1024);
    this.used = 0;
    this.refs = new Int32Array(1024);
    this.next = new Int32Array(1024);
    this.nodes = 0;
  }

  /** The slot holding `key`, or the empty slot where it would go (linear probing). */
  private slotOf(key: number): number {
    const mask = this.keys.length - 1;
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (this.heads[slot] !== 0 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private rehash(size: number): void {
    const { keys, heads } = this;
    this.keys = new Int32Array(size);
    this.heads = new Int32Array(size);
    for (let i = 0; i < keys.length; i += 1) {
      if (heads[i] === 0) continue;
      const slot = this.slotOf(keys[i] as number);
      this.keys[slot] = keys[i] as number;
      this.heads[slot] = heads[i] as number;
    }
  }

  private growNodes(atLeast = 0): void {
    const refs = new Int32Array(Math.max(this.refs.length * 2, atLeast));
    const next = new Int32Array(Math.max(this.next.length * 2, atLeast));
    refs.set(this.refs);
    next.set(this.next);
    this.refs = refs;
    this.next = next;
  }
}
