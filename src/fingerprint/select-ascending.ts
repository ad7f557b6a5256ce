/**
 * The value at index `k` of `values` sorted ascending (what `values.sort()[k]` gives), found by
 * quickselect; reorders `values`, which hold no NaN. Where only one rank of an array is read (the
 * df table's prune threshold, a vector's maxTerms-th weight), sorting the whole array was most of
 * the work. Hoare partitioning stops on equal values, so the many equal small counts of a df table
 * split evenly instead of degrading to quadratic.
 */
export function selectAscending(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot (sorted tables of counts are common after a decay).
    let a = values[lo] as number;
    let b = values[mid] as number;
    const c = values[hi] as number;
    if (a > b) [a, b] = [b, a];
    const pivot = c < a ? a : c > b ? b : c;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i += 1;
      while ((values[j] as number) > pivot) j -= 1;
      if (i <= j) {
        const t = values[i] as number;
        values[i] = values[j] as number;
        values[j] = t;
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k] as number;
  }
  return values[k] as number;
}
