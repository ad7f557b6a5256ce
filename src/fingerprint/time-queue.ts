/**
 * A min-heap of items by time (ties: insertion order), so the index can let go of everything that
 * left the window at once, in O(log n) per item, instead of scanning the window.
 *
 * Kept as three parallel arrays (times as unboxed doubles, orders, items) rather than an object per
 * entry: a restore of 100,000 live articles pushes 100,000+ entries, and an object with a boxed
 * time each was two more heap objects per article for the collector to copy and mark.
 */
export class TimeQueue<T> {
  private readonly times: number[] = [];
  private readonly orders: number[] = [];
  private readonly items: T[] = [];
  private order = 0;

  get size(): number {
    return this.items.length;
  }

  push(time: number, item: T): void {
    this.times.push(time);
    this.orders.push(this.order++);
    this.items.push(item);
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes and returns every item older than `cutoff`, oldest first. */
  popBefore(cutoff: number): T[] {
    const out: T[] = [];
    while (this.items.length > 0 && (this.times[0] as number) < cutoff) out.push(this.pop());
    return out;
  }

  private pop(): T {
    const top = this.items[0] as T;
    const time = this.times.pop() as number;
    const order = this.orders.pop() as number;
    const item = this.items.pop() as T;
    const size = this.items.length;
    if (size > 0) {
      this.times[0] = time;
      this.orders[0] = order;
      this.items[0] = item;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < size && this.less(left, smallest)) smallest = left;
        if (right < size && this.less(right, smallest)) smallest = right;
        if (smallest === i) break;
        this.swap(i, smallest);
        i = smallest;
      }
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    const x = this.times[a] as number;
    const y = this.times[b] as number;
    return x < y || (x === y && (this.orders[a] as number) < (this.orders[b] as number));
  }

  private swap(a: number, b: number): void {
    const { times, orders, items } = this;
    const t = times[a] as number;
    times[a] = times[b] as number;
    times[b] = t;
    const o = orders[a] as number;
    orders[a] = orders[b] as number;
    orders[b] = o;
    const item = items[a] as T;
    items[a] = items[b] as T;
    items[b] = item;
  }
}
