import type { ArticleNode, Link } from './story-graph.js';

/**
 * The k-NN lists of an image's graph articles, kept as the image held them (row numbers and
 * similarities in typed arrays) until an article's lists are first read. A restore of 100,000
 * live articles built ~800,000 link objects and 100,000 Maps of ~16 entries each, most never read
 * before the article left the window, and that was the largest part of the restore and of its
 * garbage collection. Materialized, an article's `links` Map holds the same entries in the same
 * order as when every list was linked at once, in arrival order (StoryGraph.restore): first the
 * articles before it that list it, then its own list, then the articles after it that list it.
 *
 * Correct as long as every change to an article's lists goes through its `knn`/`links` (so its
 * lists are materialized from the image's state before they change): an article that leaves the
 * window, or drops another from its list, touches the other article's lists too.
 */
export class RestoredLinks {
  /** Rows: the graph articles in arrival order, then the remembered stories' anchors linked to. */
  private readonly table: ArticleNode[];
  private readonly articles: number;
  private knnStart: Int32Array;
  private knnRow: Int32Array;
  private knnSimilarity: Float64Array;
  private byRowStart: Int32Array | null = null;
  private byRow: Int32Array | null = null;
  private byRowSimilarity: Float64Array | null = null;
  private edges = 0;

  /** `articles`: the graph articles in arrival order (their rows). */
  constructor(articles: ArticleNode[]) {
    this.table = articles.slice();
    this.articles = articles.length;
    this.knnStart = new Int32Array(articles.length + 1);
    this.knnRow = new Int32Array(Math.max(16, articles.length * 8));
    this.knnSimilarity = new Float64Array(this.knnRow.length);
  }

  /**
   * Sets row `row`'s list (call for rows in order, each once), given as rows of this table: an
   * article's row, or an anchor from `anchorRow`.
   */
  setList(row: number, rows: readonly number[], similarities: readonly number[]): void {
    const need = this.edges + rows.length;
    if (need > this.knnRow.length) {
      const size = Math.max(need, this.knnRow.length * 2);
      const r = new Int32Array(size);
      r.set(this.knnRow);
      const s = new Float64Array(size);
      s.set(this.knnSimilarity);
      this.knnRow = r;
      this.knnSimilarity = s;
    }
    for (let i = 0; i < rows.length; i += 1) {
      this.knnRow[this.edges] = rows[i] as number;
      this.knnSimilarity[this.edges] = similarities[i] as number;
      this.edges += 1;
    }
    this.knnStart[row + 1] = this.edges;
  }

  /** A row for a remembered story's anchor (linked to eagerly by the caller: anchors are few). */
  anchorRow(anchor: ArticleNode, rows: Map<ArticleNode, number>): number {
    let row = rows.get(anchor);
    if (row === undefined) {
      row = this.table.length;
      this.table.push(anchor);
      rows.set(anchor, row);
    }
    return row;
  }

  /** Indexes the lists by the article they name (after the last setList). */
  seal(): void {
    const counts = new Int32Array(this.articles + 1);
    for (let e = 0; e < this.edges; e += 1) {
      const to = this.knnRow[e] as number;
      if (to < this.articles) counts[to + 1] = (counts[to + 1] as number) + 1;
    }
    for (let r = 0; r < this.articles; r += 1) counts[r + 1] = (counts[r + 1] as number) + (counts[r] as number);
    const start = counts.slice();
    const from = new Int32Array(counts[this.articles] as number);
    const similarity = new Float64Array(from.length);
    const at = counts;
    for (let row = 0; row < this.articles; row += 1) {
      for (let e = this.knnStart[row] as number; e < (this.knnStart[row + 1] as number); e += 1) {
        const to = this.knnRow[e] as number;
        if (to >= this.articles) continue;
        const i = at[to] as number;
        from[i] = row;
        similarity[i] = this.knnSimilarity[e] as number;
        at[to] = i + 1;
      }
    }
    this.byRowStart = start;
    this.byRow = from;
    this.byRowSimilarity = similarity;
    this.knnRow = this.knnRow.slice(0, this.edges);
    this.knnSimilarity = this.knnSimilarity.slice(0, this.edges);
  }

  /** Row `row`'s own list as the image held it. */
  knnOf(row: number): Link[] {
    const out: Link[] = [];
    for (let e = this.knnStart[row] as number; e < (this.knnStart[row + 1] as number); e += 1) out.push({ node: this.table[this.knnRow[e] as number] as ArticleNode, similarity: this.knnSimilarity[e] as number });
    return out;
  }

  /** Calls `fn` with each link of row `row`'s own list as the image held it (no objects built). */
  forEachKnn(row: number, fn: (node: ArticleNode, similarity: number) => void): void {
    for (let e = this.knnStart[row] as number; e < (this.knnStart[row + 1] as number); e += 1) fn(this.table[this.knnRow[e] as number] as ArticleNode, this.knnSimilarity[e] as number);
  }

  /** Row `row`'s links (its list ∪ the lists naming it), in the order linking every list in arrival order gave. */
  linksOf(row: number): Map<ArticleNode, number> {
    const out = new Map<ArticleNode, number>();
    const start = this.byRowStart as Int32Array;
    const from = this.byRow as Int32Array;
    const similarity = this.byRowSimilarity as Float64Array;
    let r = start[row] as number;
    const end = start[row + 1] as number;
    for (; r < end && (from[r] as number) < row; r += 1) out.set(this.table[from[r] as number] as ArticleNode, similarity[r] as number);
    for (let e = this.knnStart[row] as number; e < (this.knnStart[row + 1] as number); e += 1) out.set(this.table[this.knnRow[e] as number] as ArticleNode, this.knnSimilarity[e] as number);
    for (; r < end; r += 1) out.set(this.table[from[r] as number] as ArticleNode, similarity[r] as number);
    return out;
  }
}
