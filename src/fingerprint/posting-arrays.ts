/**
 * What the story graph's, the name index's and the story memory's posting lists share: the empty
 * arrays a list holds until its first push (one pair for all, never written: a push reserves
 * first), the copy of a list's first entries into its new, larger arrays, and the list of two
 * integers and a weight per entry.
 */
export const EMPTY_INT32 = new Int32Array(0);
export const EMPTY_FLOAT64 = new Float64Array(0);

/** Copies the first `size` entries of `source` into `target`; a full list (the usual case: a push) without a view of them. */
export function copyFirst<T extends Int32Array | Float64Array>(target: T, source: T, size: number): void {
  target.set(size === source.length ? source : source.subarray(0, size));
}

/**
 * A posting list of entries of two integers and a weight: the first `size` entries in the order
 * pushed, the integers side by side in `entries`, the weights in `weights`. Typed arrays: no object
 * or heap number per entry, nothing for a collection to mark (the name index: an article's row and
 * its language's number; the story memory: a remembered story's number and its version).
 */
export class PairPosting {
  // Empty lists share one pair of empty arrays (never written: a push reserves first).
  entries: Int32Array = EMPTY_INT32;
  weights: Float64Array = EMPTY_FLOAT64;
  size = 0;

  push(first: number, second: number, weight: number): void {
    const at = this.size;
    if (at === this.weights.length) this.reserve(Math.max(4, at));
    this.entries[2 * at] = first;
    this.entries[2 * at + 1] = second;
    this.weights[at] = weight;
    this.size = at + 1;
  }

  /** Moves the entries into `entries` (two numbers per entry) and `weights` (larger than the list), which become the list's. */
  moveTo(entries: Int32Array, weights: Float64Array): void {
    copyFirst(entries, this.entries, 2 * this.size);
    copyFirst(weights, this.weights, this.size);
    this.entries = entries;
    this.weights = weights;
  }

  /** Makes room for `more` entries. */
  reserve(more: number): void {
    const size = this.size;
    if (size + more <= this.weights.length) return;
    const entries = new Int32Array(2 * (size + more));
    const weights = new Float64Array(size + more);
    copyFirst(entries, this.entries, 2 * size);
    copyFirst(weights, this.weights, size);
    this.entries = entries;
    this.weights = weights;
  }
}
