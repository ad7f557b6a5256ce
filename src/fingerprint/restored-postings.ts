import type { PostingSlab, SlabList } from './posting-slab.js';
import type { PackedVectors, RestoredArticle } from './restored-article.js';

/**
 * Room a restore leaves in each posting list it fills, beyond the entries it posts: the inputs
 * replayed next (up to 4,000 on a window of 100,000) and the first arrivals after them push into
 * the same lists, and a list sized exactly was moved (a new block and a copy) at its first push.
 */
export function restoredCapacity(size: number, count: number): number {
  return size + count + (count >> 3) + 2;
}

/**
 * Posts restored articles' packed vectors or names (`part`) into their terms' lists of `slab` at
 * once, in the order of `nodes` (as posting each in turn would): each list is moved once into a
 * block with room for what it holds, what the image adds and the replay after it
 * (restoredCapacity), unless its block has that room already, and each entry is written straight
 * to its place, counted out by term number first. Posting article by article went through each
 * list's objects for each of ~4 million entries at 100,000 live, a cache miss or more apiece.
 * `ints` holds the slab's stride of numbers per article (its row, …), written with each of its
 * entries. The articles are all of one image (one term table). Returns the entries posted.
 */
export function postImageTerms<L extends SlabList>(
  slab: PostingSlab,
  nodes: readonly RestoredArticle[],
  part: 'vector' | 'names',
  listOf: (packed: PackedVectors, id: number) => L,
  ints: Int32Array,
): number {
  const first = nodes[0];
  if (first === undefined) return 0;
  const { stride } = slab;
  const table = first.packed;
  let counts = new Int32Array(table.terms.length);
  for (const node of nodes) {
    const { packed, start, size } = node.view(part);
    if (packed.terms !== table.terms) throw new RangeError('fingerprint: restored articles of two images posted together');
    for (let i = start; i < start + size; i += 1) {
      const id = packed.ids[i] as number;
      if (id >= counts.length) {
        const grown = new Int32Array(id + 1);
        grown.set(counts);
        counts = grown;
      }
      counts[id] = (counts[id] as number) + 1;
    }
  }
  // Per term number: its list's chunk and the next entry's place there.
  const chunkOf = new Int32Array(counts.length);
  const next = new Int32Array(counts.length);
  for (let id = 0; id < counts.length; id += 1) {
    const count = counts[id] as number;
    if (count === 0) continue;
    const list = listOf(table, id);
    if (list.size + count > list.capacity) slab.move(list, restoredCapacity(list.size, count));
    chunkOf[id] = list.chunk;
    next[id] = list.at + list.size;
    // Counted in now: the entries are written below, before anything reads the list.
    list.size += count;
  }
  const intChunks = slab.ints;
  const weightChunks = slab.weights;
  let posted = 0;
  for (let n = 0; n < nodes.length; n += 1) {
    const { packed, start, size } = (nodes[n] as RestoredArticle).view(part);
    for (let i = start; i < start + size; i += 1) {
      const id = packed.ids[i] as number;
      const chunk = chunkOf[id] as number;
      const to = next[id] as number;
      next[id] = to + 1;
      const chunkInts = intChunks[chunk] as Int32Array;
      for (let j = 0; j < stride; j += 1) chunkInts[stride * to + j] = ints[stride * n + j] as number;
      (weightChunks[chunk] as Float64Array)[to] = packed.weights[i] as number;
    }
    posted += size;
  }
  return posted;
}
