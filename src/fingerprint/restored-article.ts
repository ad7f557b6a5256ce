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
  nameRow?: number;

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
