import { emptySlabList, PostingSlab, type SlabList } from './posting-slab.js';
import { dotWithVector, forEachWeight, ImageTermCache, RestoredArticle } from './restored-article.js';
import { postImageTerms } from './restored-postings.js';
import type { MarkCounts } from './story-marks.js';
import type { TermVector } from './story-vector.js';
import { topK } from './top-k.js';

/** Doc terms whose postings name candidate neighbours (the strongest; exact scores follow). */
const CANDIDATE_TERMS = 16;
/** Newest live articles read per posting list: a term in every article names nobody in particular. */
const POSTING_READ_LIMIT = 100;
/** Candidates scored exactly per article. */
const SHORTLIST = 12;
/** The limits above, for a reference that reads postings the slow way (the tests'). */
export const GRAPH_LIMITS = { CANDIDATE_TERMS, POSTING_READ_LIMIT, SHORTLIST } as const;

/** A story (a set of articles) inside the window. */
export interface GraphStory {
  id: string;
  /** Creation order: the smaller id survives when two stories become one. */
  seq: number;
  /** Articles that take part in the neighbour graph. */
  nodes: Set<ArticleNode>;
  /** Ids of its syndicated copies (not graph nodes; they follow their original's story). */
  copies: Set<string>;
}

/** One original article (not a copy) in the neighbour graph. */
export interface ArticleNode {
  id: string;
  /** Arrival order: orders every loop, so results never depend on map order. */
  seq: number;
  time: number;
  /** The language its terms are in (article-language.ts). */
  language: string;
  vector: TermVector;
  /** Its names and figures in language-neutral form, for links across languages (cross-language.ts). */
  names?: TermVector;
  marks: MarkCounts;
  /** Its own nearest neighbours above the link threshold, strongest first (at most `neighbours`). */
  knn: Link[];
  /** Every link it takes part in (its own list ∪ lists naming it), with the similarity. */
  links: Map<ArticleNode, number>;
  story: GraphStory;
  /** Ids of its live copies, in arrival order (they move when it moves). */
  copies: string[];
  live: boolean;
  /** Set on the anchor of a remembered story (story-memory.ts): it has no k-NN list of its own. */
  memory?: boolean;
  /** Scratch space of the name index's queries (cross-language.ts: which query last scored it, and the partial score); unused on an anchor. */
  stamp: number;
  partial: number;
  /** Scratch space of a redraw (story-communities.ts): whether it is in the region being redrawn, and its label there. */
  region: number;
  label: number;
  /** Its row in the graph's typed arrays while it is posted (StoryGraph). */
  slot?: number;
  /** Its row in the name index while it is posted (NameIndex, cross-language.ts). */
  nameRow?: number;
}

export interface Link {
  node: ArticleNode;
  similarity: number;
}

/**
 * The neighbour graph of the articles inside the window: each article links to its `neighbours`
 * most similar articles (a k-nearest-neighbour graph), found through postings of the articles'
 * strongest terms. Stories are communities of this graph (story-communities.ts): a k-NN graph
 * stays sparse inside a big story and has few links between two events of one kind, where a
 * centroid would absorb the second event through its first few reports.
 */
export class StoryGraph {
  /**
   * Per term, the rows of the articles holding it and their weight for it (arrival order). The
   * hottest loop of the story stage reads these postings and, per row, the typed arrays below:
   * with the window's articles as objects spread over a heap of a gigabyte or more (100,000 live
   * articles), reading `live`, `stamp` and `partial` off each object missed the cache on nearly
   * every posting, and the loop was most of why assignment slowed down as the window grew.
   */
  private readonly postings = new Map<string, Posting>();
  /** The postings' rows and weights, all lists in a few large arrays (posting-slab.ts). */
  private readonly slab = new PostingSlab(1);
  /**
   * Per row, side by side: the query that last scored it (DEAD once its article left the window)
   * and its partial score, so a posting read touches one cache line, not three arrays' (at 100,000
   * live rows each array's line was a miss). Then its arrival order.
   */
  private scratch: Float64Array<ArrayBuffer> = new Float64Array(2 * 1024);
  private seqs: Float64Array<ArrayBuffer> = new Float64Array(1024);
  private byRow: (ArticleNode | undefined)[] = [];
  private rows = 0;
  private dead = 0;
  private query = 0;
  private postedLinks = 0;
  /** The rows a query found (reused: up to CANDIDATE_TERMS × POSTING_READ_LIMIT per query, an array grown anew per article before). */
  private found = new Int32Array(256);
  /** Posting lists by the term numbers of the image being restored (postRestored); cleared when lists are compacted. */
  private readonly byImageTerm = new ImageTermCache<Posting>();

  constructor(private readonly neighbours: number) {}

  /**
   * Live articles most similar to `vector` (best first, ties: the older), scored exactly over the
   * whole vector; `score` turns the cosine into the link similarity (date conflicts, time limits)
   * or returns null to skip an article.
   */
  candidates(vector: TermVector, score: (node: ArticleNode, cosine: number) => number | null): Link[] {
    this.query += 1;
    if (this.query === 0xffffffff) {
      for (let row = 0; row < this.rows; row += 1) if (this.scratch[2 * row] !== DEAD) this.scratch[2 * row] = 0;
      this.query = 1;
    }
    const stamp = this.query;
    const { scratch } = this;
    const { ints: rowChunks, weights: weightChunks } = this.slab;
    let found = this.found;
    let count = 0;
    let used = 0;
    const termWeights = vector.values();
    for (const term of vector.keys()) {
      if (used >= CANDIDATE_TERMS) break;
      used += 1;
      const weight = termWeights.next().value as number;
      const posted = this.postings.get(term);
      if (posted === undefined) continue;
      let read = 0;
      const first = posted.at;
      const rows = rowChunks[posted.chunk] as Int32Array;
      const weights = weightChunks[posted.chunk] as Float64Array;
      for (let i = first + posted.size - 1; i >= first && read < POSTING_READ_LIMIT; i -= 1) {
        const at = 2 * (rows[i] as number);
        const seen = scratch[at] as number;
        if (seen === DEAD) continue;
        read += 1;
        if (seen !== stamp) {
          scratch[at] = stamp;
          scratch[at + 1] = 0;
          if (count === found.length) {
            const grown = new Int32Array(2 * count);
            grown.set(found);
            found = grown;
            this.found = grown;
          }
          found[count] = at >> 1;
          count += 1;
        }
        scratch[at + 1] = (scratch[at + 1] as number) + weight * (weights[i] as number);
      }
    }
    const out: Link[] = [];
    for (const row of strongest(found, count, SHORTLIST, scratch, this.seqs)) {
      const node = this.byRow[row] as ArticleNode;
      const similarity = score(node, dotWithVector(vector, node));
      if (similarity !== null) out.push({ node, similarity });
    }
    return out.sort((a, b) => b.similarity - a.similarity || a.node.seq - b.node.seq);
  }

  /**
   * Adds an article with its nearest neighbours (strongest first, already above the threshold)
   * and offers it to each of them. Returns the articles whose own list changed and those that
   * lost a link because of it: their stories may have to be redrawn.
   */
  add(node: ArticleNode, linked: Link[]): Set<ArticleNode> {
    const touched = new Set<ArticleNode>();
    node.knn = linked.slice(0, this.neighbours);
    for (const { node: other, similarity } of node.knn) this.link(node, other, similarity);
    for (const { node: other, similarity } of linked) {
      if (other.memory === true) continue;
      const list = other.knn;
      const weakest = list[list.length - 1];
      if (list.length >= this.neighbours && (weakest === undefined || similarity <= weakest.similarity)) continue;
      // Inserted in place: strongest first, and after equal ones (they are older).
      let at = list.length;
      while (at > 0 && similarity > (list[at - 1] as Link).similarity) at -= 1;
      list.splice(at, 0, { node, similarity });
      this.link(other, node, similarity);
      touched.add(other);
      if (list.length > this.neighbours) {
        const dropped = (list.pop() as Link).node;
        if (!dropped.knn.some((l) => l.node === other)) this.unlink(other, dropped);
        touched.add(dropped);
      }
    }
    this.post(node);
    return touched;
  }

  /** Takes an article out of the graph (it left the window). */
  remove(node: ArticleNode): void {
    node.live = false;
    if (node.slot !== undefined) {
      this.scratch[2 * node.slot] = DEAD;
      // Not left for the next compaction: some 3,000 departed articles, with their Maps, stayed reachable through it.
      this.byRow[node.slot] = undefined;
      // A compaction gives the row to another article: this one must never name it again.
      node.slot = undefined;
    }
    for (const other of node.links.keys()) {
      other.links.delete(node);
      other.knn = other.knn.filter((l) => l.node !== node);
    }
    node.links.clear();
    node.knn = [];
    this.dead += node.vector.size;
    // Dead postings are skipped when read; compacting once they outnumber the live ones keeps
    // the lists short without changing any result.
    if (this.dead > this.postedLinks / 2) this.compact();
  }

  /** Adds the links of a restored article exactly as they were (snapshot restore). */
  restore(node: ArticleNode, byId: Map<string, ArticleNode>, knn: [string, number][]): void {
    node.knn = [];
    for (const [id, similarity] of knn) {
      const other = byId.get(id);
      if (other === undefined) continue;
      node.knn.push({ node: other, similarity });
      this.link(node, other, similarity);
    }
    this.post(node);
  }

  private link(a: ArticleNode, b: ArticleNode, similarity: number): void {
    a.links.set(b, similarity);
    b.links.set(a, similarity);
  }

  private unlink(a: ArticleNode, b: ArticleNode): void {
    a.links.delete(b);
    b.links.delete(a);
  }

  /**
   * Posts restored articles (arrival order, all of one image) at once: the rows `post` gives them
   * one by one, their vectors' entries written straight into their lists (postImageTerms).
   */
  postAllRestored(nodes: readonly RestoredArticle[]): void {
    const rows = new Int32Array(nodes.length);
    for (let k = 0; k < nodes.length; k += 1) rows[k] = this.takeRow(nodes[k] as RestoredArticle);
    this.postedLinks += postImageTerms(this.slab, nodes, 'vector', (packed, id) => this.byImageTerm.get(packed, id, this.findPosting), rows);
  }

  /** Posts an article's vector in a new row (every article is posted once, in arrival order). */
  private post(node: ArticleNode): void {
    const row = this.takeRow(node);
    let size = 0;
    forEachWeight(node, 'vector', (term, weight) => {
      size += 1;
      this.slab.push(this.findPosting(term), row, weight);
    });
    this.postedLinks += size;
  }

  /** The next row, given to `node` (its arrival order, live, no query has scored it). */
  private takeRow(node: ArticleNode): number {
    if (this.rows === this.seqs.length) this.grow(this.rows * 2);
    const row = this.rows;
    this.rows += 1;
    this.scratch[2 * row] = 0;
    this.seqs[row] = node.seq;
    this.byRow[row] = node;
    node.slot = row;
    return row;
  }

  /** A term's posting list, created empty when it has none. */
  private readonly findPosting = (term: string): Posting => {
    let posted = this.postings.get(term);
    if (posted === undefined) {
      posted = emptySlabList();
      this.postings.set(term, posted);
    }
    return posted;
  };

  /** Drops dead postings and renumbers the live rows densely (rows only name articles; no result depends on them). */
  private compact(): void {
    this.byImageTerm.clear();
    const renumbered = new Int32Array(this.rows).fill(-1);
    let rows = 0;
    for (let row = 0; row < this.rows; row += 1) {
      if (this.scratch[2 * row] === DEAD) continue;
      const node = this.byRow[row] as ArticleNode;
      renumbered[row] = rows;
      this.byRow[rows] = node;
      this.seqs[rows] = node.seq;
      node.slot = rows;
      rows += 1;
    }
    this.byRow.length = rows;
    this.scratch.fill(0);
    this.rows = rows;
    this.slab.renumber(this.postings, renumbered);
    this.postedLinks -= this.dead;
    this.dead = 0;
  }

  private grow(size: number): void {
    const grown = (array: Float64Array, length: number): Float64Array<ArrayBuffer> => {
      const next = new Float64Array(length);
      next.set(array);
      return next;
    };
    this.scratch = grown(this.scratch, 2 * size);
    this.seqs = grown(this.seqs, size);
  }
}

/** A row's query stamp once its article left the window (stamps are ≥ 0). */
const DEAD = -1;

/**
 * One term's postings: its block of the graph's slab, whose first `size` entries are the rows of
 * the articles holding it and their weights, in arrival order. In a slab, not an Int32Array and a
 * Float64Array per list (as JS arrays before them: ~120 MB of backing stores at 100,000 live):
 * ~6 lists' worth of typed arrays and buffers per live article, each regrowth two more, copied by
 * scavenges and marked by every full collection.
 */
type Posting = SlabList;

/** Of the first `found` of `rows`, the `count` of highest partial score (`scratch`, StoryGraph) (ties: the older), best first, without sorting all. */
function strongest(rows: Int32Array, found: number, count: number, scratch: Float64Array, seqs: Float64Array): number[] {
  return topK(rows, found, count, (a, b) => (scratch[2 * a + 1] as number) > (scratch[2 * b + 1] as number) || (scratch[2 * a + 1] === scratch[2 * b + 1] && (seqs[a] as number) < (seqs[b] as number)));
}
