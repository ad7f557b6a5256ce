import { describe, expect, it } from 'vitest';
import { classCapacity, emptySlabList, PostingSlab, type SlabList } from '../../src/fingerprint/posting-slab.js';
import { seededRandom } from '../support/seeded-random.js';

/** A list in the slab beside what per-list arrays would hold (the reference). */
interface Checked {
  list: SlabList;
  /** Per entry, its integers (the slab's stride of them). */
  ints: number[][];
  weights: number[];
}

describe('PostingSlab', () => {
  it('holds what per-list arrays hold, in order, through pushes, exact sizing, in-place filtering and release', () => {
    for (let seed = 1; seed <= 12; seed += 1) {
      const random = seededRandom(seed);
      // Small chunks: blocks cut from many chunks, and lists larger than a chunk; both strides.
      const stride = seed % 3 === 0 ? 2 : 1;
      const slab = new PostingSlab(stride, seed % 2 === 0 ? 64 : 256);
      const lists: Checked[] = [];
      for (let step = 0; step < 4_000; step += 1) {
        const r = random();
        if (lists.length === 0 || r < 0.05) lists.push({ list: emptySlabList(), ints: [], weights: [] });
        const c = lists[Math.floor(random() ** 2 * lists.length)] as Checked;
        if (r < 0.8) {
          // Skewed: a few lists get most entries, as a term's postings do.
          const pushes = 1 + Math.floor(random() * 20);
          for (let p = 0; p < pushes; p += 1) {
            const int = Math.floor(random() * 1e6);
            const second = Math.floor(random() * 50);
            const weight = random();
            if (stride === 2) slab.pushPair(c.list, int, second, weight);
            else slab.push(c.list, int, weight);
            c.ints.push(stride === 2 ? [int, second] : [int]);
            c.weights.push(weight);
          }
        } else if (r < 0.85) {
          // A restore's exact block (any size ≥ the list's).
          slab.move(c.list, c.list.size + Math.floor(random() * 40));
        } else if (r < 0.97) {
          // Compaction: keep some entries in place, release the list when none is left.
          const keep = random();
          let kept = c.list.at;
          const ints: number[][] = [];
          const weights: number[] = [];
          const chunkInts = slab.ints[c.list.chunk] as Int32Array;
          const chunkWeights = slab.weights[c.list.chunk] as Float64Array;
          for (let i = 0; i < c.list.size; i += 1) {
            if (random() >= keep) continue;
            for (let j = 0; j < stride; j += 1) chunkInts[stride * kept + j] = chunkInts[stride * (c.list.at + i) + j] as number;
            chunkWeights[kept] = chunkWeights[c.list.at + i] as number;
            kept += 1;
            ints.push(c.ints[i] as number[]);
            weights.push(c.weights[i] as number);
          }
          c.list.size = kept - c.list.at;
          c.ints = ints;
          c.weights = weights;
          if (c.list.size === 0) {
            slab.release(c.list);
            lists.splice(lists.indexOf(c), 1);
          }
        }
        if (step % 500 === 0 || step === 3_999) expectConsistent(slab, lists);
      }
    }
  });

  it('renumbers rows in every list as the reference filter does, keeping the rest of each entry, dropping lists left empty', () => {
    const random = seededRandom(99);
    for (let round = 0; round < 20; round += 1) {
      const stride = round % 2 === 0 ? 1 : 2;
      const slab = new PostingSlab(stride, 32);
      const lists = new Map<string, SlabList>();
      const reference = new Map<string, [number[], number][]>();
      const rows = 200;
      for (let row = 0; row < rows; row += 1) {
        const language = row % 7;
        for (let t = 0; t < 5; t += 1) {
          const term = `t${Math.floor(random() ** 3 * 60)}`;
          if (!lists.has(term)) lists.set(term, emptySlabList());
          const weight = random();
          if (stride === 2) slab.pushPair(lists.get(term) as SlabList, row, language, weight);
          else slab.push(lists.get(term) as SlabList, row, weight);
          reference.set(term, [...(reference.get(term) ?? []), [stride === 2 ? [row, language] : [row], weight]]);
        }
      }
      const leaving = random();
      const renumbered = new Int32Array(rows).fill(-1);
      let next = 0;
      for (let row = 0; row < rows; row += 1) if (random() >= leaving) renumbered[row] = next++;
      const kept = slab.renumber(lists, renumbered);
      let expected = 0;
      for (const [term, entries] of reference) {
        const left = entries
          .filter(([[row]]) => (renumbered[row as number] as number) >= 0)
          .map(([[row, ...rest], w]): [number[], number] => [[renumbered[row as number] as number, ...rest], w]);
        expected += left.length;
        const list = lists.get(term);
        if (left.length === 0) {
          expect(list).toBeUndefined();
          continue;
        }
        expect(entriesOf(slab, list as SlabList)).toEqual(left);
        expect((list as SlabList).size).toBe(left.length);
      }
      expect(kept).toBe(expected);
    }
  });

  it('moves a full list to the class twice its size and gives its old block to the next list of that class', () => {
    const slab = new PostingSlab(1, 64);
    const a = emptySlabList();
    const b = emptySlabList();
    for (let i = 0; i < 5; i += 1) slab.push(a, i, i / 10);
    expect(a.capacity).toBe(8);
    expect(entriesOf(slab, a).map(([[int]]) => int)).toEqual([0, 1, 2, 3, 4]);
    // a's first block (4 entries at 0) is free: b's first block.
    slab.push(b, 7, 0.7);
    expect([b.chunk, b.at]).toEqual([0, 0]);
    expect(slab.stats()).toMatchObject({ chunks: 1, used: 12, free: 0 });
  });

  it('cuts a freed block of no class into class blocks, and a larger free block into halves when its class has none', () => {
    const slab = new PostingSlab(1, 64);
    const exact = emptySlabList();
    slab.move(exact, 13);
    slab.release(exact);
    // 13 = 8 + 4 (+ 1 lost).
    expect(slab.stats()).toMatchObject({ used: 0, free: 12 });
    const big = emptySlabList();
    slab.move(big, 32);
    slab.release(big);
    const small = emptySlabList();
    slab.move(small, 16);
    // Taken from the 32-block: nothing more cut from the chunk.
    expect(slab.stats()).toMatchObject({ chunks: 1, used: 16, free: 28 });
    expect(small.at).toBe(13);
  });

  it('starts a chunk when a block does not fit in the current one (its end freed), and gives a list larger than a chunk a chunk of its own', () => {
    const slab = new PostingSlab(1, 16);
    const a = emptySlabList();
    slab.move(a, 12);
    const b = emptySlabList();
    slab.move(b, 8);
    expect([b.chunk, b.at]).toEqual([1, 0]);
    // The first chunk's last 4 entries are free.
    expect(slab.stats()).toMatchObject({ chunks: 2, used: 20, free: 4 });
    const c = emptySlabList();
    for (let i = 0; i < 20; i += 1) slab.push(c, i, i);
    expect(c.capacity).toBe(32);
    expect(slab.ints[c.chunk]?.length).toBe(32);
    expect(entriesOf(slab, c).map(([[int]]) => int)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('sizes classes as 4 · 2^k', () => {
    expect([0, 1, 4, 5, 8, 9, 100].map(classCapacity)).toEqual([4, 4, 4, 8, 8, 16, 128]);
  });
});

/** A list's entries as [ints, weight] pairs. */
function entriesOf(slab: PostingSlab, list: SlabList): [number[], number][] {
  const ints = slab.ints[list.chunk] as Int32Array;
  const weights = slab.weights[list.chunk] as Float64Array;
  const { stride } = slab;
  return Array.from({ length: list.size }, (_, i): [number[], number] => [Array.from(ints.subarray(stride * (list.at + i), stride * (list.at + i + 1))), weights[list.at + i] as number]);
}

/** Every list reads as its reference, no two blocks overlap, and the counts of entries in use and free add up. */
function expectConsistent(slab: PostingSlab, lists: Checked[]): void {
  const blocks: [number, number, number][] = [];
  let inUse = 0;
  for (const { list, ints, weights } of lists) {
    expect(list.size).toBe(ints.length);
    expect(list.size).toBeLessThanOrEqual(list.capacity);
    expect(entriesOf(slab, list)).toEqual(ints.map((int, i): [number[], number] => [int, weights[i] as number]));
    if (list.capacity > 0) {
      blocks.push([list.chunk, list.at, list.at + list.capacity]);
      expect(list.at + list.capacity).toBeLessThanOrEqual(slab.weights[list.chunk]?.length ?? 0);
      expect(slab.stride * (list.at + list.capacity)).toBeLessThanOrEqual(slab.ints[list.chunk]?.length ?? 0);
    }
    inUse += list.capacity;
  }
  blocks.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = 1; i < blocks.length; i += 1) {
    const [chunk, start] = blocks[i] as [number, number, number];
    const [before, , end] = blocks[i - 1] as [number, number, number];
    if (chunk === before) expect(start).toBeGreaterThanOrEqual(end);
  }
  const { used, free, length } = slab.stats();
  expect(used).toBe(inUse);
  expect(used + free).toBeLessThanOrEqual(length);
}
