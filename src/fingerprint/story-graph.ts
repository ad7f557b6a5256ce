import type { MarkCounts } from './story-marks.js';
import { dotProduct, type TermVector } from './story-vector.js';

/** Doc terms whose postings name candidate neighbours (the strongest; exact scores follow). */
const CANDIDATE_TERMS = 16;
/** Newest live articles read per posting list: a term in every article names nobody in particular. */
const POSTING_READ_LIMIT = 100;
/** Candidates scored exactly per article. */
const SHORTLIST = 12;

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
  /** Scratch space of `candidates` (which query last scored it, and the partial score). */
  stamp: number;
  partial: number;
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
  /** Per term, the articles holding it and their weight for it (parallel arrays, arrival order). */
  private readonly postings = new Map<string, { nodes: ArticleNode[]; weights: number[] }>();
  private dead = 0;
  private query = 0;
  private postedLinks = 0;

  constructor(private readonly neighbours: number) {}

  /**
   * Live articles most similar to `vector` (best first, ties: the older), scored exactly over the
   * whole vector; `score` turns the cosine into the link similarity (date conflicts, time limits)
   * or returns null to skip an article.
   */
  candidates(vector: TermVector, score: (node: ArticleNode, cosine: number) => number | null): Link[] {
    // Partial scores live on the nodes (stamped with this query's number), not in a Map: this
    // loop is the story stage's hottest.
    this.query += 1;
    const stamp = this.query;
    const found: ArticleNode[] = [];
    let used = 0;
    for (const [term, weight] of vector) {
      if (used >= CANDIDATE_TERMS) break;
      used += 1;
      const posted = this.postings.get(term);
      if (posted === undefined) continue;
      let read = 0;
      const { nodes, weights } = posted;
      for (let i = nodes.length - 1; i >= 0 && read < POSTING_READ_LIMIT; i -= 1) {
        const node = nodes[i] as ArticleNode;
        if (!node.live) continue;
        read += 1;
        if (node.stamp !== stamp) {
          node.stamp = stamp;
          node.partial = 0;
          found.push(node);
        }
        node.partial += weight * (weights[i] as number);
      }
    }
    const shortlist = strongest(found, SHORTLIST);
    const out: Link[] = [];
    for (const node of shortlist) {
      const similarity = score(node, dotProduct(vector, node.vector));
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

  private post(node: ArticleNode): void {
    for (const [term, weight] of node.vector) {
      const posted = this.postings.get(term);
      if (posted === undefined) this.postings.set(term, { nodes: [node], weights: [weight] });
      else {
        posted.nodes.push(node);
        posted.weights.push(weight);
      }
    }
    this.postedLinks += node.vector.size;
  }

  private compact(): void {
    for (const [term, posted] of this.postings) {
      const nodes: ArticleNode[] = [];
      const weights: number[] = [];
      posted.nodes.forEach((n, i) => {
        if (!n.live) return;
        nodes.push(n);
        weights.push(posted.weights[i] as number);
      });
      if (nodes.length === 0) this.postings.delete(term);
      else this.postings.set(term, { nodes, weights });
    }
    this.postedLinks -= this.dead;
    this.dead = 0;
  }
}

/** The `count` nodes of highest partial score (ties: the older), best first, without sorting all. */
function strongest(nodes: ArticleNode[], count: number): ArticleNode[] {
  const better = (a: ArticleNode, b: ArticleNode): boolean => a.partial > b.partial || (a.partial === b.partial && a.seq < b.seq);
  const top: ArticleNode[] = [];
  for (const node of nodes) {
    if (top.length === count && !better(node, top[count - 1] as ArticleNode)) continue;
    let i = top.length === count ? count - 1 : top.length;
    while (i > 0 && better(node, top[i - 1] as ArticleNode)) {
      top[i] = top[i - 1] as ArticleNode;
      i -= 1;
    }
    top[i] = node;
  }
  return top;
}
