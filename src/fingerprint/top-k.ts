/**
 * The `count` best of the first `length` items, best first: what sorting them all by `better` and
 * taking the first `count` gives when `better` is a strict total order (ties broken, e.g. on
 * arrival order), found by insertion into a short list instead (candidate lists run to hundreds or
 * thousands, a handful are kept).
 */
export function topK<T>(items: ArrayLike<T>, length: number, count: number, better: (a: T, b: T) => boolean): T[] {
  const top: T[] = [];
  if (count <= 0) return top;
  for (let r = 0; r < length; r += 1) {
    const item = items[r] as T;
    if (top.length === count && !better(item, top[count - 1] as T)) continue;
    let i = top.length === count ? count - 1 : top.length;
    while (i > 0 && better(item, top[i - 1] as T)) {
      top[i] = top[i - 1] as T;
      i -= 1;
    }
    top[i] = item;
  }
  return top;
}
