/**
 * What the story graph's and the name index's posting lists share: the empty arrays a list holds
 * until its first push (one pair for all, never written: a push reserves first), and the copy of a
 * list's first entries into its new, larger arrays.
 */
export const EMPTY_INT32 = new Int32Array(0);
export const EMPTY_FLOAT64 = new Float64Array(0);

/** Copies the first `size` entries of `source` into `target`; a full list (the usual case: a push) without a view of them. */
export function copyFirst<T extends Int32Array | Float64Array>(target: T, source: T, size: number): void {
  target.set(size === source.length ? source : source.subarray(0, size));
}
