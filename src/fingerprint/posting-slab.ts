/**
 * Posting lists of one index in a few large typed arrays (an arena), instead of an Int32Array and
 * a Float64Array per list: at 20,000 live articles the story graph's ~128,000 and the name index's
 * ~92,000 lists held ~440,000 ArrayBuffers and as many typed-array wrappers (~80 MB of heap
 * objects), every regrowth of a list allocated two more, and each scavenge copied the young ones.
 *
 * The arena is a list of chunks (a pair of arrays of `chunkSize` entries each), added as it fills
 * and never copied: one pair of arrays regrown by copying cost 0.3–0.5 CPU-s per step at 100,000
 * live (zeroing, page faults and the copy of ~100 MB; slabs2's notes). A list is a block
 * `[at, at + capacity)` of one chunk holding its first `size` entries; an entry is `stride`
 * integers (the row, and for the name index its language) and a weight. Blocks come in size
 * classes of 4 · 2^k entries: a list that fills moves to a block of the class twice its size (what
 * a per-list array's regrowth gave), and its old block goes to its class's free list, which the next
 * list growing into that class takes first (or a larger free block, halved). A block of any other
 * size (a restore sizes each list exactly; a chunk's unused end) is cut into class blocks when
 * freed. A block larger than a chunk gets a chunk of its own.
 */
export class PostingSlab {
  /** Per chunk, the entries' integers (`stride` per entry) and weights: entry i of a list is `ints[list.chunk][stride * (list.at + i) + j]`, `weights[list.chunk][list.at + i]`. */
  readonly ints: Int32Array<ArrayBuffer>[] = [];
  readonly weights: Float64Array<ArrayBuffer>[] = [];
  /** The chunk blocks are cut from, and its first entry never handed out. */
  private current = -1;
  private top = 0;
  /** Per class k, free blocks of 4 · 2^k entries, each as chunk · CHUNK_STRIDE + offset. */
  private readonly free: number[][] = [];
  private freeEntries = 0;
  private used = 0;
  private moves = 0;

  /** `stride`: integers per entry (1 or 2). `chunkSize`: entries per chunk (a power of two, at least 4); tests make it small. */
  constructor(
    readonly stride: 1 | 2,
    private readonly chunkSize = 1 << 16,
  ) {}

  /** Appends an entry of one integer to `list` (a slab of stride 1), moving it to a block twice its size when it is full. */
  push(list: SlabList, int: number, weight: number): void {
    if (list.size === list.capacity) this.move(list, classCapacity(2 * list.size));
    const at = list.at + list.size;
    (this.ints[list.chunk] as Int32Array)[at] = int;
    (this.weights[list.chunk] as Float64Array)[at] = weight;
    list.size += 1;
  }

  /** Appends an entry of two integers to `list` (a slab of stride 2), as `push`. */
  pushPair(list: SlabList, int: number, second: number, weight: number): void {
    if (list.size === list.capacity) this.move(list, classCapacity(2 * list.size));
    const at = list.at + list.size;
    const ints = this.ints[list.chunk] as Int32Array;
    ints[2 * at] = int;
    ints[2 * at + 1] = second;
    (this.weights[list.chunk] as Float64Array)[at] = weight;
    list.size += 1;
  }

  /** Moves `list`'s entries into a new block of `capacity` entries (≥ its size; any size), freeing its old block. */
  move(list: SlabList, capacity: number): void {
    const place = this.allocate(capacity);
    const chunk = Math.floor(place / CHUNK_STRIDE);
    const at = place - chunk * CHUNK_STRIDE;
    const { size } = list;
    const { stride } = this;
    if (size > 0) {
      (this.ints[chunk] as Int32Array).set((this.ints[list.chunk] as Int32Array).subarray(stride * list.at, stride * (list.at + size)), stride * at);
      (this.weights[chunk] as Float64Array).set((this.weights[list.chunk] as Float64Array).subarray(list.at, list.at + size), at);
    }
    if (list.capacity > 0) this.freeBlock(list.chunk, list.at, list.capacity);
    list.chunk = chunk;
    list.at = at;
    list.capacity = capacity;
    this.moves += 1;
  }

  /** Gives `list`'s block back (the list is empty and holds none after). */
  release(list: SlabList): void {
    if (list.capacity > 0) this.freeBlock(list.chunk, list.at, list.capacity);
    list.chunk = 0;
    list.at = 0;
    list.capacity = 0;
    list.size = 0;
  }

  /**
   * Rewrites the rows (each entry's first integer) of every list of `lists` through `renumbered`
   * (old row → new row, or -1 for a row that left), keeping the entries' order and the rest of
   * each entry, dropping those of rows that left; a list left empty gives its block back and
   * leaves `lists`. Returns the entries kept.
   */
  renumber<K>(lists: Map<K, SlabList>, renumbered: Int32Array): number {
    let total = 0;
    const { stride } = this;
    for (const [key, list] of lists) {
      const ints = this.ints[list.chunk] as Int32Array;
      const weights = this.weights[list.chunk] as Float64Array;
      const first = list.at;
      let kept = first;
      for (let i = first; i < first + list.size; i += 1) {
        const row = renumbered[ints[stride * i] as number] as number;
        if (row < 0) continue;
        ints[stride * kept] = row;
        if (stride === 2) ints[2 * kept + 1] = ints[2 * i + 1] as number;
        weights[kept] = weights[i] as number;
        kept += 1;
      }
      list.size = kept - first;
      total += list.size;
      if (kept === first) {
        this.release(list);
        lists.delete(key);
      }
    }
    return total;
  }

  /** How the slab is used (diagnostics and tests): entries in chunks, in blocks in use, free, and how often lists moved. */
  stats(): SlabStats {
    let length = 0;
    for (const chunk of this.weights) length += chunk.length;
    return { chunks: this.weights.length, length, used: this.used, free: this.freeEntries, moves: this.moves };
  }

  /**
   * A new block of `capacity` entries (as chunk · CHUNK_STRIDE + offset): a free one of its class,
   * else the first part of the smallest larger free block (the rest freed), else cut from the
   * current chunk, else from a new chunk (or a chunk of its own when it is larger than a chunk).
   */
  private allocate(capacity: number): number {
    this.used += capacity;
    const k = classOf(capacity);
    if (k >= 0) {
      for (let j = k; j < this.free.length; j += 1) {
        const blocks = this.free[j];
        if (blocks === undefined || blocks.length === 0) continue;
        const place = blocks.pop() as number;
        this.freeEntries -= MIN_BLOCK << j;
        if (j > k) {
          const chunk = Math.floor(place / CHUNK_STRIDE);
          this.used += (MIN_BLOCK << j) - capacity;
          this.freeBlock(chunk, place - chunk * CHUNK_STRIDE + capacity, (MIN_BLOCK << j) - capacity);
        }
        return place;
      }
    }
    if (capacity > this.chunkSize) return this.addChunk(capacity) * CHUNK_STRIDE;
    if (this.current < 0 || this.top + capacity > this.chunkSize) {
      if (this.current >= 0) {
        this.used += this.chunkSize - this.top;
        this.freeBlock(this.current, this.top, this.chunkSize - this.top);
      }
      this.current = this.addChunk(this.chunkSize);
      this.top = 0;
    }
    const at = this.top;
    this.top += capacity;
    return this.current * CHUNK_STRIDE + at;
  }

  private addChunk(length: number): number {
    this.ints.push(new Int32Array(this.stride * length));
    this.weights.push(new Float64Array(length));
    return this.weights.length - 1;
  }

  /** Files the block `[at, at + capacity)` of `chunk` under its class, or cut into class blocks (largest first) when it is of no class. */
  private freeBlock(chunk: number, at: number, capacity: number): void {
    this.used -= capacity;
    if (capacity > this.chunkSize) {
      // A chunk of its own: nobody else fits in it; it goes to the collector.
      this.ints[chunk] = EMPTY_INTS;
      this.weights[chunk] = EMPTY_WEIGHTS;
      return;
    }
    let rest = capacity;
    while (rest >= MIN_BLOCK) {
      const k = 31 - Math.clz32(rest / MIN_BLOCK);
      const size = MIN_BLOCK << k;
      (this.free[k] ??= []).push(chunk * CHUNK_STRIDE + at);
      this.freeEntries += size;
      at += size;
      rest -= size;
    }
  }
}

/** A list's block in a PostingSlab (its chunk and offset there) and how many entries it holds. */
export interface SlabList {
  chunk: number;
  at: number;
  capacity: number;
  size: number;
}

/** What `PostingSlab.stats` reports. */
export interface SlabStats {
  chunks: number;
  /** Entries the chunks hold. */
  length: number;
  /** Entries in blocks handed out and not given back. */
  used: number;
  /** Entries in free blocks. */
  free: number;
  moves: number;
}

/** A list with no block yet (its first push gives it one of 4 entries). */
export function emptySlabList(): SlabList {
  return { chunk: 0, at: 0, capacity: 0, size: 0 };
}

/** The capacity of the smallest class holding `entries` (4 · 2^k ≥ entries). */
export function classCapacity(entries: number): number {
  let capacity = MIN_BLOCK;
  while (capacity < entries) capacity *= 2;
  return capacity;
}

/** The smallest block, and the first class. */
const MIN_BLOCK = 4;
/** Places in free lists are chunk · CHUNK_STRIDE + offset (chunks of up to 2^26 entries). */
const CHUNK_STRIDE = 2 ** 26;
const EMPTY_INTS = new Int32Array(0);
const EMPTY_WEIGHTS = new Float64Array(0);

/** k when `capacity` is 4 · 2^k, else -1. */
function classOf(capacity: number): number {
  if (capacity < MIN_BLOCK || (capacity & (capacity - 1)) !== 0) return -1;
  return 31 - Math.clz32(capacity / MIN_BLOCK);
}
