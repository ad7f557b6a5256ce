import { crossLanguageKey } from './cognates.js';
import { emptySlabList, PostingSlab, type SlabList } from './posting-slab.js';
import { forEachWeight, ImageTermCache, type RestoredArticle } from './restored-article.js';
import { postImageTerms } from './restored-postings.js';
import type { ArticleNode, Link } from './story-graph.js';
import { WeightedKeys } from './weighted-keys.js';
import { normalizeVector, rounded, sortHeavierFirst, WEIGHT_SCALE, type TermVector } from './story-vector.js';
import { topK } from './top-k.js';

/** Keys whose postings are read per query, entries read per posting, candidates scored exactly. */
const QUERY_KEYS = 8;
const POSTING_READ_LIMIT = 30;
const SHORTLIST = 4;
/** The limits above, for a reference that reads postings the slow way (the tests'). */
export const NAME_INDEX_LIMITS = { QUERY_KEYS, POSTING_READ_LIMIT, SHORTLIST } as const;
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
  /** The postings' entries (row, language) and weights, all lists in a few large arrays (posting-slab.ts). */
  private readonly slab = new PostingSlab(2);
  /**
   * The articles by row, in the order they were added (rows renumbered when lists are compacted).
   * Rows, not the articles themselves, in the lists: a restore of 100,000 live articles wrote ~4
   * million article pointers into arrays of the old generation (each store a write barrier) and
   * every full collection scanned them.
   */
  private byRow: (ArticleNode | undefined)[] = [];
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
    node.nameRow = row;
    forEachWeight(node, 'names', (key, weight) => {
      this.slab.pushPair(this.findList(key), row, language, weight);
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
      node.nameRow = this.byRow.length;
      this.byRow.push(node);
      this.live.set(node.language, (this.live.get(node.language) ?? 0) + 1);
    }
    this.posted += postImageTerms(this.slab, nodes, 'names', (packed, id) => this.byImageTerm.get(packed, id, this.findList), entries);
  }

  /** A key's posting list, created empty when it has none. */
  private readonly findList = (key: string): NamePosting => {
    let list = this.postings.get(key);
    if (list === undefined) {
      list = emptySlabList();
      this.postings.set(key, list);
    }
    return list;
  };

  /** An article left the window (its postings are skipped, then compacted away). */
  remove(node: ArticleNode): void {
    this.dead += node.names?.size ?? 0;
    // Its row is emptied now, not at the next compaction: until then it kept the article and its Maps alive.
    if (node.nameRow !== undefined) {
      this.byRow[node.nameRow] = undefined;
      // A compaction gives the row to another article: this one must never name it again.
      node.nameRow = undefined;
    }
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
    const { ints: entryChunks, weights: weightChunks } = this.slab;
    const found: ArticleNode[] = [];
    let used = 0;
    const keyWeights = names.values();
    for (const key of names.keys()) {
      if (used >= QUERY_KEYS) break;
      used += 1;
      const weight = keyWeights.next().value as number;
      const list = this.postings.get(key);
      if (list === undefined) continue;
      const first = list.at;
      const entries = entryChunks[list.chunk] as Int32Array;
      const weights = weightChunks[list.chunk] as Float64Array;
      let read = 0;
      for (let i = first + list.size - 1; i >= first && read < POSTING_READ_LIMIT; i -= 1) {
        if (entries[2 * i + 1] === own) continue;
        const other = byRow[entries[2 * i] as number];
        if (other === undefined || !other.live) continue;
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
      const n = byRow[row];
      if (n === undefined || !n.live) {
        renumbered[row] = -1;
        continue;
      }
      renumbered[row] = rows;
      byRow[rows] = n;
      n.nameRow = rows;
      rows += 1;
    }
    byRow.length = rows;
    this.posted = this.slab.renumber(this.postings, renumbered);
    this.dead = 0;
  }
}

/**
 * One key's postings: its block of the index's slab, whose first `size` entries are, in arrival
 * order, its articles' rows and their languages' numbers side by side, and their weights. In a
 * slab, not an Int32Array and a Float64Array per list (as JS arrays before them: ~80 MB of heap at
 * 100,000 live): ~4.6 lists' worth of typed arrays and buffers per live article, each regrowth two
 * more, copied by scavenges and marked by every full collection.
 */
type NamePosting = SlabList;

/**
 * The `count` articles of highest partial score (ties: the older), best first: what sorting all
 * of them and taking the first `count` gave (the order is total: seqs differ), without the sort.
 */
function strongestNodes(nodes: ArticleNode[], count: number): ArticleNode[] {
  return topK(nodes, nodes.length, count, (a, b) => a.partial > b.partial || (a.partial === b.partial && a.seq < b.seq));
}
