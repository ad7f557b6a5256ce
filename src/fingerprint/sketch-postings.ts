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
  /**
   * Table slots side by side: the value, and 1 + the index of its newest node (0: empty slot). One
   * array, so a probe reads one cache line, not one in each of two arrays (a restore of 100,000
   * posts 1.5 million values at random places of a table of megabytes).
   */
  private table = new Int32Array(2 * 1024);
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
    if (4 * (this.used + 1) > this.table.length) this.rehash(this.table.length);
    const key = value | 0;
    const at = 2 * this.slotOf(key);
    const { table } = this;
    if (table[at + 1] === 0) {
      table[at] = key;
      this.used += 1;
    }
    if (this.nodes === this.refs.length) this.growNodes();
    this.refs[this.nodes] = ref;
    this.next[this.nodes] = table[at + 1] as number;
    this.nodes += 1;
    table[at + 1] = this.nodes;
  }

  /** The newest node of `value`'s chain (0 when it has none); walk it with `refAt` and `olderThan`. */
  newest(value: number): number {
    return this.table[2 * this.slotOf(value | 0) + 1] as number;
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
    let size = this.table.length / 2;
    while (2 * (this.used + values) > size) size *= 2;
    if (size > this.table.length / 2) this.rehash(size);
    if (this.nodes + refs > this.refs.length) this.growNodes(this.nodes + refs);
  }

  /** Forgets everything (before a rebuild). */
  clear(): void {
    this.table = new Int32Array(2 * 1024);
    this.used = 0;
    this.refs = new Int32Array(1024);
    this.next = new Int32Array(1024);
    this.nodes = 0;
  }

  /** The slot holding `key`, or the empty slot where it would go (linear probing). */
  private slotOf(key: number): number {
    const { table } = this;
    const mask = table.length / 2 - 1;
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (table[2 * slot + 1] !== 0 && table[2 * slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  /** Lays the values out again in `size` slots. */
  private rehash(size: number): void {
    const old = this.table;
    this.table = new Int32Array(2 * size);
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] === 0) continue;
      const at = 2 * this.slotOf(old[i] as number);
      this.table[at] = old[i] as number;
      this.table[at + 1] = old[i + 1] as number;
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
