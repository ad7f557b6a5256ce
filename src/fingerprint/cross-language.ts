import { crossLanguageKey } from './cognates.js';
import { forEachWeight, ImageTermCache, postImageTerms, type RestoredArticle } from './restored-article.js';
import type { ArticleNode, Link } from './story-graph.js';
import { WeightedKeys } from './weighted-keys.js';
import { normalizeVector, rounded, sortHeavierFirst, WEIGHT_SCALE, type TermVector } from './story-vector.js';
import { topK } from './top-k.js';
import { copyFirst, EMPTY_FLOAT64, EMPTY_INT32 } from './posting-arrays.js';

/** Keys whose postings are read per query, entries read per posting, candidates scored exactly. */
const QUERY_KEYS = 8;
const POSTING_READ_LIMIT = 30;
const SHORTLIST = 4;
/** Keys two reports in different languages must share, at least: one shared word is a coincidence. */
const MIN_SHARED_KEYS = 2;

/**
 * An article's vector as other languages can meet it: every word on its cross-language key
 * (cognates.ts: cognate spellings folded, first 5 characters, as term-forms.ts cuts the words of
 * inflected languages; English keeps whole words in its own vector, where that measured better),
 * weights merged, strongest `size` kept, normalized. For another language it is the vector of its
 * cross-language keys (term-forms.ts crossTerm) or, where it has none, its own vector. What a
 * German and an English report of one event share is names, places, figures, international and
 * borrowed words (Scheveningen, Erdoğan, 2.2, corona, Polizei / police; Surfer / surfers and
 * Deutschland / Germany do not meet).
 */
export function crossLanguageVector(vector: TermVector, language: string, size: number, scratch: WeightedKeys = new WeightedKeys()): TermVector {
  if (!isWholeWordLanguage(language)) return vector.size > size ? normalizeVector(vector, size) : vector;
  // The keys' weights summed in first-seen order in a reused table (what a Map of sums gave), the
  // strongest `size` sorted by sortHeavierFirst (the order of the heavier-first comparator, a total
  // one), then normalized and rounded as they are set: no pair per key and no second pass.
  scratch.clear();
  const weights = vector.values();
  for (const term of vector.keys()) scratch.add(crossLanguageKey(term), weights.next().value as number);
  const order: number[] = [];
  for (let i = 0; i < scratch.size; i += 1) order.push(i);
  sortHeavierFirst(order, scratch.keys, scratch.weights);
  const keep = Math.min(order.length, size);
  let norm = 0;
  for (let k = 0; k < keep; k += 1) {
    const w = scratch.weights[order[k] as number] as number;
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  const out: TermVector = new Map();
  if (norm === 0) return out;
  for (let k = 0; k < keep; k += 1) {
    const i = order[k] as number;
    out.set(scratch.keys[i] as string, rounded((scratch.weights[i] as number) / norm, WEIGHT_SCALE));
  }
  return out;
}

/** Whether a language meets others on its whole words, folded here, rather than on its reader's cross-language keys (term-forms.ts crossTerm). */
export function isWholeWordLanguage(language: string): boolean {
  return language === 'en' || language === 'und';
}

/**
 * Postings of the articles' cross-language vectors, to find reports of the same event in other
 * languages. A link across languages is scored on those vectors (their cosine, at least two keys
 * shared) and must pass its own bar (StoryTuning.crossLanguageSimilarity); its weight in the graph
 * is that cosine times crossLanguageWeight.
 */
export class NameIndex {
  /**
   * Per key, the articles holding it (arrival order) as rows of `byRow`, with their language's
   * number and their weight for the key: a query skips its own language's entries and sums
   * weights without reading the other article's language or name Map (at 100,000 live articles
   * each such read missed the cache).
   */
  private readonly postings = new Map<string, NamePosting>();
  /**
   * The articles by row, in the order they were added (rows renumbered when lists are compacted).
   * Rows, not the articles themselves, in the lists: a restore of 100,000 live articles wrote ~4
   * million article pointers into arrays of the old generation (each store a write barrier) and
   * every full collection scanned them.
   */
  private byRow: ArticleNode[] = [];
  private readonly languageIds = new Map<string, number>();
  private readonly live = new Map<string, number>();
  private dead = 0;
  private posted = 0;
  /** Posting lists by the term numbers of the image being restored (addRestored); cleared when lists are compacted. */
  private readonly byImageTerm = new ImageTermCache<NamePosting>();
  private query = 0;

  /** Adds an article's names. */
  add(node: ArticleNode): void {
    const language = this.languageId(node.language);
    const row = this.byRow.length;
    this.byRow.push(node);
    forEachWeight(node, 'names', (key, weight) => {
      this.findList(key).push(row, language, weight);
      this.posted += 1;
    });
    this.live.set(node.language, (this.live.get(node.language) ?? 0) + 1);
  }

  /**
   * Adds restored articles (arrival order, all of one image) at once: as `add` of each in turn,
   * their names' entries written straight into their lists (postImageTerms).
   */
  addAllRestored(nodes: readonly RestoredArticle[]): void {
    const entries = new Int32Array(2 * nodes.length);
    for (let k = 0; k < nodes.length; k += 1) {
      const node = nodes[k] as RestoredArticle;
      entries[2 * k] = this.byRow.length;
      entries[2 * k + 1] = this.languageId(node.language);
      this.byRow.push(node);
      this.live.set(node.language, (this.live.get(node.language) ?? 0) + 1);
    }
    this.posted += postImageTerms(nodes, 'names', (packed, id) => this.byImageTerm.get(packed, id, this.findList), entries, 2);
  }

  /** A key's posting list, created empty when it has none. */
  private readonly findList = (key: string): NamePosting => {
    let list = this.postings.get(key);
    if (list === undefined) {
      list = new NamePosting();
      this.postings.set(key, list);
    }
    return list;
  };

  /** An article left the window (its postings are skipped, then compacted away). */
  remove(node: ArticleNode): void {
    this.dead += node.names?.size ?? 0;
    const left = (this.live.get(node.language) ?? 1) - 1;
    if (left <= 0) this.live.delete(node.language);
    else this.live.set(node.language, left);
    if (this.dead > this.posted / 2) this.compact();
  }

  /** Whether the window holds articles in a language other than `language` (else there is nothing to look for). */
  hasOtherLanguages(language: string): boolean {
    return this.live.size > 1 || (this.live.size === 1 && !this.live.has(language));
  }

  /**
   * Articles in other languages that share names with `node` (best first); `score` turns the name
   * cosine into the link similarity or returns null to skip.
   */
  candidates(node: ArticleNode, score: (other: ArticleNode, cosine: number, shared: number) => number | null): Link[] {
    const names = node.names;
    if (names === undefined || names.size < MIN_SHARED_KEYS || !this.hasOtherLanguages(node.language)) return [];
    this.query += 1;
    // A stamp no earlier query used (negative: the story memory stamped its anchors on the same fields with positive ones until it kept its stamps by number).
    const stamp = -this.query;
    const own = this.languageId(node.language);
    const { byRow } = this;
    const found: ArticleNode[] = [];
    let used = 0;
    const keyWeights = names.values();
    for (const key of names.keys()) {
      if (used >= QUERY_KEYS) break;
      used += 1;
      const weight = keyWeights.next().value as number;
      const list = this.postings.get(key);
      if (list === undefined) continue;
      const { entries, weights } = list;
      let read = 0;
      for (let i = list.size - 1; i >= 0 && read < POSTING_READ_LIMIT; i -= 1) {
        if (entries[2 * i + 1] === own) continue;
        const other = byRow[entries[2 * i] as number] as ArticleNode;
        if (!other.live) continue;
        read += 1;
        if (other.stamp !== stamp) {
          other.stamp = stamp;
          other.partial = 0;
          found.push(other);
        }
        other.partial += weight * (weights[i] as number);
      }
    }
    const out: Link[] = [];
    for (const other of strongestNodes(found, SHORTLIST)) {
      let cosine = 0;
      let shared = 0;
      // Read once: a restored article builds its names' Map on each read (restored-article.ts).
      const theirs = other.names;
      const ours = names.values();
      for (const key of names.keys()) {
        const w = ours.next().value as number;
        const v = theirs?.get(key);
        if (v === undefined) continue;
        cosine += w * v;
        shared += 1;
      }
      if (shared < MIN_SHARED_KEYS) continue;
      const similarity = score(other, cosine, shared);
      if (similarity !== null) out.push({ node: other, similarity });
    }
    return out;
  }

  private languageId(language: string): number {
    let id = this.languageIds.get(language);
    if (id === undefined) {
      id = this.languageIds.size;
      this.languageIds.set(language, id);
    }
    return id;
  }

  private compact(): void {
    // compact replaces the lists: numbers of an image's terms must look them up again.
    this.byImageTerm.clear();
    // Live articles keep their order and take rows 0, 1, … (rows only name articles; no result depends on them).
    const { byRow } = this;
    const renumbered = new Int32Array(byRow.length);
    let rows = 0;
    for (let row = 0; row < byRow.length; row += 1) {
      const n = byRow[row] as ArticleNode;
      if (!n.live) {
        renumbered[row] = -1;
        continue;
      }
      renumbered[row] = rows;
      byRow[rows] = n;
      rows += 1;
    }
    byRow.length = rows;
    let posted = 0;
    for (const [key, list] of this.postings) {
      const { entries, weights } = list;
      let kept = 0;
      for (let i = 0; i < list.size; i += 1) {
        const row = renumbered[entries[2 * i] as number] as number;
        if (row < 0) continue;
        entries[2 * kept] = row;
        entries[2 * kept + 1] = entries[2 * i + 1] as number;
        weights[kept] = weights[i] as number;
        kept += 1;
      }
      list.size = kept;
      if (kept === 0) this.postings.delete(key);
      posted += kept;
    }
    this.posted = posted;
    this.dead = 0;
  }
}

/**
 * One key's postings: the first `size` entries in arrival order, each its article's row and its
 * language's number side by side in `entries`, and its weight. Typed arrays: as JS arrays they
 * were ~80 MB of heap at 100,000 live articles, regrown push by push through a restore (which now
 * sizes each list once, addAllRestored) and marked by every collection.
 */
class NamePosting {
  // Empty lists share one pair of empty arrays (never written: a push reserves first).
  entries: Int32Array = EMPTY_INT32;
  weights: Float64Array = EMPTY_FLOAT64;
  size = 0;

  push(row: number, language: number, weight: number): void {
    const at = this.size;
    if (at === this.weights.length) this.reserve(Math.max(4, at));
    this.entries[2 * at] = row;
    this.entries[2 * at + 1] = language;
    this.weights[at] = weight;
    this.size = at + 1;
  }

  /** Moves the entries into `entries` (two numbers per entry) and `weights` (larger than the list), which become the list's. */
  moveTo(entries: Int32Array, weights: Float64Array): void {
    copyFirst(entries, this.entries, 2 * this.size);
    copyFirst(weights, this.weights, this.size);
    this.entries = entries;
    this.weights = weights;
  }

  /** Makes room for `more` entries. */
  reserve(more: number): void {
    const size = this.size;
    if (size + more <= this.weights.length) return;
    const entries = new Int32Array(2 * (size + more));
    const weights = new Float64Array(size + more);
    copyFirst(entries, this.entries, 2 * size);
    copyFirst(weights, this.weights, size);
    this.entries = entries;
    this.weights = weights;
  }
}

/**
 * The `count` articles of highest partial score (ties: the older), best first: what sorting all
 * of them and taking the first `count` gave (the order is total: seqs differ), without the sort.
 */
function strongestNodes(nodes: ArticleNode[], count: number): ArticleNode[] {
  return topK(nodes, nodes.length, count, (a, b) => a.partial > b.partial || (a.partial === b.partial && a.seq < b.seq));
}
