import type { RestoredLinks } from './restored-links.js';
import type { ArticleNode, GraphStory, Link } from './story-graph.js';
import type { MarkCounts } from './story-marks.js';
import { dotProduct, type TermVector } from './story-vector.js';

/**
 * A restored article's vector, names and marks as the image held them: term numbers into the
 * image's term table and weights, in their order, in slabs shared by many articles. At 100,000
 * live articles the three Maps per article (with a heap number per weight) were most of the heap
 * after a restore and most of its garbage collection; an article needs them as Maps only when it
 * is scored as a candidate, dated against a newcomer, or leaves the window.
 */
export interface PackedVectors {
  /** The image's term table (number → term). */
  terms: readonly string[];
  /** Term numbers and weights (a slab shared by many articles): the vector's, then the names', then the marks', from `base` to `end`. */
  ids: Uint32Array;
  weights: Float64Array;
  base: number;
  vectorSize: number;
  namesSize: number;
  end: number;
}

/** One of the three vectors of a PackedVectors (`start` indexes its slab). */
export interface PackedView {
  packed: PackedVectors;
  start: number;
  size: number;
}

/**
 * A graph article restored from an image: like any other, but its vectors are read out of the
 * packed form on each access (a new Map each time: callers read, never keep and change them), and
 * its k-NN list and links are built from the image's lists when first read (restored-links.ts).
 */
export class RestoredArticle implements ArticleNode {
  /** The image's lists and this article's row in them, until its own are built. */
  private restoredLinks: RestoredLinks | null = null;
  private row = 0;
  private ownKnn: Link[] | null = null;
  private ownLinks: Map<ArticleNode, number> | null = null;
  copies: string[] = [];
  live = true;
  stamp = 0;
  partial = 0;
  region = 0;
  label = 0;
  slot?: number;

  constructor(
    readonly id: string,
    readonly seq: number,
    public time: number,
    readonly language: string,
    public story: GraphStory,
    readonly packed: PackedVectors,
  ) {}

  /** Its lists are row `row` of `links` (a restore, before anything reads them). */
  linkLazily(links: RestoredLinks, row: number): void {
    this.restoredLinks = links;
    this.row = row;
  }

  get knn(): Link[] {
    this.ownKnn ??= this.restoredLinks === null ? [] : this.restoredLinks.knnOf(this.row);
    return this.ownKnn;
  }

  set knn(list: Link[]) {
    this.ownKnn = list;
  }

  get links(): Map<ArticleNode, number> {
    this.ownLinks ??= this.restoredLinks === null ? new Map() : this.restoredLinks.linksOf(this.row);
    return this.ownLinks;
  }

  set links(links: Map<ArticleNode, number>) {
    this.ownLinks = links;
  }

  /** Calls `fn` with each entry of its k-NN list, strongest first, without building the list when it was never read (image writing). */
  forEachKnn(fn: (node: ArticleNode, similarity: number) => void): void {
    if (this.ownKnn === null && this.restoredLinks !== null) return this.restoredLinks.forEachKnn(this.row, fn);
    for (const l of this.knn) fn(l.node, l.similarity);
  }

  get vector(): TermVector {
    return unpack(this.packed, this.packed.base, this.packed.vectorSize);
  }

  get names(): TermVector {
    return unpack(this.packed, this.packed.base + this.packed.vectorSize, this.packed.namesSize);
  }

  get marks(): MarkCounts {
    const { base, vectorSize, namesSize, end } = this.packed;
    return unpack(this.packed, base + vectorSize + namesSize, end - base - vectorSize - namesSize);
  }

  /** The vector, the names or the marks without building a Map (image writing, restore posting). */
  view(part: 'vector' | 'names' | 'marks'): PackedView {
    const { base, vectorSize, namesSize, end } = this.packed;
    if (part === 'vector') return { packed: this.packed, start: base, size: vectorSize };
    if (part === 'names') return { packed: this.packed, start: base + vectorSize, size: namesSize };
    return { packed: this.packed, start: base + vectorSize + namesSize, size: end - base - vectorSize - namesSize };
  }
}

/** Calls `fn` with each term and weight of an article's vector or names, in order, building no Map for a restored one. */
export function forEachWeight(node: ArticleNode, part: 'vector' | 'names', fn: (term: string, weight: number) => void): void {
  if (node instanceof RestoredArticle) {
    const { packed, start, size } = node.view(part);
    for (let i = start; i < start + size; i += 1) fn(packed.terms[packed.ids[i] as number] as string, packed.weights[i] as number);
    return;
  }
  const vector = part === 'vector' ? node.vector : node.names;
  if (vector === undefined) return;
  const weights = vector.values();
  for (const term of vector.keys()) fn(term, weights.next().value as number);
}

/**
 * dotProduct(vector, node.vector) without unpacking a restored article's vector when it is the
 * smaller of the two (the usual case: 40 kept terms against a newcomer's 80): the same terms in
 * the same order, the same products and sums, so the same result to the last bit.
 */
export function dotWithVector(vector: TermVector, node: ArticleNode): number {
  if (!(node instanceof RestoredArticle)) return dotProduct(vector, node.vector);
  const { packed, start, size } = node.view('vector');
  if (vector.size <= size) return dotProduct(vector, node.vector);
  let sum = 0;
  for (let i = start; i < start + size; i += 1) {
    const other = vector.get(packed.terms[packed.ids[i] as number] as string);
    if (other !== undefined) sum += (packed.weights[i] as number) * other;
  }
  return sum;
}

function unpack(packed: PackedVectors, start: number, size: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = start; i < start + size; i += 1) out.set(packed.terms[packed.ids[i] as number] as string, packed.weights[i] as number);
  return out;
}

/**
 * Room a restore leaves in each posting list it fills, beyond the entries it posts: the inputs
 * replayed next (up to 4,000 on a window of 100,000) and the first arrivals after them push into
 * the same lists, and a list sized exactly was regrown (a new buffer and a copy) at its first push.
 */
export function restoredCapacity(size: number, count: number): number {
  return size + count + (count >> 3) + 2;
}

/** A posting list a restore fills: its entries move into the slices it is given, after which it holds more. */
export interface FilledPostingList {
  size: number;
  /** Takes `ints` (intsPerEntry numbers per entry) and `weights`, larger than the list, with its entries moved to their start. */
  moveTo(ints: Int32Array, weights: Float64Array): void;
}

/**
 * Posts restored articles' packed vectors or names (`part`) into their terms' lists at once, in
 * the order of `nodes` (as posting each in turn would): each list gets one slice of one
 * Int32Array and one Float64Array with room for what it holds, what the image adds and the replay
 * after it (restoredCapacity), and each entry is written straight to its place, counted out by
 * term number first. Posting article by article went through each list's objects for each of ~4
 * million entries at 100,000 live, a cache miss or more apiece. `ints` holds `intsPerEntry`
 * numbers per article (its row, …), written with each of its entries. The articles are all of
 * one image (one term table). Returns the entries posted.
 */
export function postImageTerms<L extends FilledPostingList>(
  nodes: readonly RestoredArticle[],
  part: 'vector' | 'names',
  listOf: (packed: PackedVectors, id: number) => L,
  ints: Int32Array,
  intsPerEntry: number,
): number {
  const first = nodes[0];
  if (first === undefined) return 0;
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
  const lists: L[] = [];
  const listIds: number[] = [];
  const capacities: number[] = [];
  const next = new Int32Array(counts.length);
  let total = 0;
  for (let id = 0; id < counts.length; id += 1) {
    const count = counts[id] as number;
    if (count === 0) continue;
    const list = listOf(table, id);
    const capacity = restoredCapacity(list.size, count);
    next[id] = total + list.size;
    lists.push(list);
    listIds.push(id);
    capacities.push(capacity);
    total += capacity;
  }
  const allInts = new Int32Array(intsPerEntry * total);
  const allWeights = new Float64Array(total);
  let at = 0;
  for (let k = 0; k < lists.length; k += 1) {
    const capacity = capacities[k] as number;
    (lists[k] as L).moveTo(allInts.subarray(intsPerEntry * at, intsPerEntry * (at + capacity)), allWeights.subarray(at, at + capacity));
    at += capacity;
  }
  let posted = 0;
  for (let n = 0; n < nodes.length; n += 1) {
    const { packed, start, size } = (nodes[n] as RestoredArticle).view(part);
    for (let i = start; i < start + size; i += 1) {
      const id = packed.ids[i] as number;
      const to = next[id] as number;
      next[id] = to + 1;
      for (let j = 0; j < intsPerEntry; j += 1) allInts[intsPerEntry * to + j] = ints[intsPerEntry * n + j] as number;
      allWeights[to] = packed.weights[i] as number;
    }
    posted += size;
  }
  for (let k = 0; k < lists.length; k += 1) (lists[k] as L).size += counts[listIds[k] as number] as number;
  return posted;
}

/**
 * Values (posting lists) by the term numbers of one image's term table, each found by its term
 * once: a restore posts 100,000 articles' packed terms, and 4 million string lookups were most of
 * posting them. Clear it whenever the values it holds may be replaced.
 */
export class ImageTermCache<T> {
  private terms: readonly string[] | null = null;
  private values: (T | undefined)[] = [];

  /** The value of term number `id` of `packed`'s table; `find` gives it the first time. */
  get(packed: PackedVectors, id: number, find: (term: string) => T): T {
    if (this.terms !== packed.terms) {
      this.terms = packed.terms;
      this.values = [];
    }
    let value = this.values[id];
    if (value === undefined) {
      value = find(packed.terms[id] as string);
      this.values[id] = value;
    }
    return value;
  }

  clear(): void {
    this.terms = null;
    this.values = [];
  }
}
