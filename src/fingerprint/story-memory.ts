import { PostingSlab, type SlabList } from './posting-slab.js';
import type { ArticleNode, GraphStory, Link } from './story-graph.js';
import { TermLists } from './term-lists.js';
import { keyHash, WeightedKeys } from './weighted-keys.js';
import { dotProduct, sortHeavierFirst, WEIGHT_SCALE, type TermVector } from './story-vector.js';
import { topK } from './top-k.js';

/** Terms of a remembered story's summary (the sum of its members' vectors, strongest kept). */
const SUMMARY_TERMS = 60;
/** Members that left the window most recently, kept whole beside the summary. */
const RECENT_MEMBERS = 2;
/** Summary terms whose postings name candidate stories, and entries read per posting. */
const CANDIDATE_TERMS = 8;
const POSTING_READ_LIMIT = 30;
/** Remembered stories scored exactly per article. */
const SHORTLIST = 4;
/** The limits above, for a reference that reads them the slow way (the tests'). */
export const MEMORY_LIMITS = { SUMMARY_TERMS, RECENT_MEMBERS, CANDIDATE_TERMS, POSTING_READ_LIMIT, SHORTLIST } as const;

/** A story remembered after (some of) its articles left the window. */
export interface RememberedStory {
  /** Stands for the story in the neighbour graph: newcomers link to it; its label is its story's. */
  readonly anchor: ArticleNode;
  /** Sum of the members' vectors, SUMMARY_TERMS strongest terms (a copy: the memory holds it in arrays). */
  readonly sum: TermVector;
  /** The latest members to leave the window, newest first. */
  recent: TermVector[];
  members: number;
  /** Time of the latest member folded in (ms): the story is forgotten memoryMs after it left the window. */
  lastTime: number;
  /** When it was last posted (StoryMemory's count of reposts): a restore posts in this order. */
  postedAt: number;
}

/** JSON form of one remembered story (keyed by its story id). */
export interface RememberedStorySnapshot {
  storyId: string;
  time: string;
  members: number;
  summary: [string, number][];
  recent: [string, number][][];
  /** Its anchor's arrival order (since the image of version 5; before, -1 - its story's). */
  anchorSeq?: number;
}

/**
 * The story memory: stories whose articles left the short window stay joinable for `memoryMs`
 * more, through a summary of their members and the latest members themselves. Bounded: one
 * summary (≤ 60 terms) and ≤ 2 member vectors per story, only for stories seen within the
 * window plus the memory; the articles themselves are not kept and take no part in the graph.
 * A newcomer links to a remembered story (its anchor) at a stricter bar than to an article in
 * the window, and the anchor votes for its story when stories are redrawn (story-communities.ts).
 */
export class StoryMemory {
  private readonly byAnchor = new Map<ArticleNode, MemoryEntry>();
  private readonly byStory = new Map<GraphStory, MemoryEntry[]>();
  private readonly postings = new TermLists();
  /** The postings' (number, version) pairs and weights, all lists in a few large arrays (posting-slab.ts). */
  private readonly slab = new PostingSlab(2);
  /**
   * By a remembered story's number (MemoryEntry.id, reused once it is forgotten): the story, the
   * version its current postings carry (bumped when it is forgotten or merged away, so a posting
   * is current exactly when its version is the number's), and a query's stamp and partial score.
   * A query reads these small arrays, not the remembered stories and their anchors (one cold
   * object or two per posting read, ~240 per query at 100,000).
   */
  private byId: (MemoryEntry | undefined)[] = [];
  private versions: Int32Array = new Int32Array(64);
  private stamps: Int32Array = new Int32Array(64);
  private partials: Float64Array = new Float64Array(64);
  private readonly freeIds: number[] = [];
  /** The numbers a query met, in the order met (reused). */
  private found: Int32Array = new Int32Array(64);
  private postedEntries = 0;
  private reposts = 0;
  private query = 0;
  private stale = 0;
  /** Where summaries are summed (reused: one per article leaving the window). */
  private readonly summing = new WeightedKeys();
  /** The posting lists of a summary's terms while it is summed again, and the summed places by strength (reused). */
  private readonly previousLists: (PostingList | undefined)[] = [];
  private readonly order: number[] = [];

  /**
   * Remembered stories in the order they were last posted: a query reads each posting list from
   * its newest end, so a restore that posts them again in this order answers as the index that
   * wrote them (oldest first by time, it read other stories after a restore).
   */
  entries(): RememberedStory[] {
    return this.entriesByPost();
  }

  /** Whether a story has a memory (it must not end while it has). */
  has(story: GraphStory): boolean {
    return (this.byStory.get(story)?.length ?? 0) > 0;
  }

  /** Folds an article that left the window into its story's memory. */
  remember(node: ArticleNode): void {
    const list = this.byStory.get(node.story);
    let entry = list?.[0];
    if (entry === undefined) {
      const anchor: ArticleNode = {
        id: `memory:${node.story.id}`,
        seq: -1 - node.story.seq,
        time: node.time,
        language: node.language,
        vector: new Map(),
        marks: new Map(),
        knn: [],
        links: new Map(),
        story: node.story,
        copies: [],
        live: true,
        stamp: 0,
        partial: 0,
        region: 0,
        label: 0,
        memory: true,
      };
      entry = new MemoryEntry(anchor, node.time, this.takeId());
      this.add(entry);
    }
    // Read once: a restored article builds its vector's Map on each read (restored-article.ts).
    const vector = node.vector;
    this.startSum(entry);
    const weights = vector.values();
    for (const term of vector.keys()) this.summing.add(term, weights.next().value as number);
    this.keepStrongest(entry);
    entry.recent = [vector, ...entry.recent.slice(0, RECENT_MEMBERS - 1)];
    entry.members += 1;
    entry.lastTime = Math.max(entry.lastTime, node.time);
    entry.anchor.time = entry.lastTime;
    this.repost(entry);
  }

  /**
   * Remembered stories similar to `vector` (best first): the best of the cosine with the summary
   * and with each recent member; `score` applies the bar and time limits (null skips).
   */
  candidates(vector: TermVector, score: (anchor: ArticleNode, cosine: number, members: number) => number | null): Link[] {
    // Partial scores by the stories' numbers, stamped with this query's number.
    this.query += 1;
    if (this.query === 0x7fffffff) {
      this.stamps.fill(0);
      this.query = 1;
    }
    const stamp = this.query;
    const { versions, stamps, partials } = this;
    const { ints: intChunks, weights: weightChunks } = this.slab;
    let found = this.found;
    let count = 0;
    let used = 0;
    const termWeights = vector.values();
    for (const term of vector.keys()) {
      if (used >= CANDIDATE_TERMS) break;
      used += 1;
      const weight = termWeights.next().value as number;
      const posted = this.postings.get(term, keyHash(term));
      if (posted === undefined) continue;
      let read = 0;
      const first = posted.at;
      const ints = intChunks[posted.chunk] as Int32Array;
      const weights = weightChunks[posted.chunk] as Float64Array;
      for (let i = first + posted.size - 1; i >= first && read < POSTING_READ_LIMIT; i -= 1) {
        const id = ints[2 * i] as number;
        if (versions[id] !== ints[2 * i + 1]) continue;
        read += 1;
        if (stamps[id] !== stamp) {
          stamps[id] = stamp;
          partials[id] = 0;
          if (count === found.length) {
            const grown = new Int32Array(2 * count);
            grown.set(found);
            found = grown;
            this.found = grown;
          }
          found[count] = id;
          count += 1;
        }
        partials[id] = (partials[id] as number) + weight * (weights[i] as number);
      }
    }
    const out: Link[] = [];
    const { byId } = this;
    for (const id of topIds(found, count, SHORTLIST, partials, byId)) {
      const entry = byId[id] as MemoryEntry;
      let cosine = dotProduct(vector, entry.anchor.vector);
      for (const member of entry.recent) cosine = Math.max(cosine, dotProduct(vector, member));
      const similarity = score(entry.anchor, cosine, entry.members);
      if (similarity !== null) out.push({ node: entry.anchor, similarity });
    }
    return out;
  }

  /** Forgets stories whose latest member is older than `cutoff` (ms); returns them. */
  expire(cutoff: number): RememberedStory[] {
    const gone: MemoryEntry[] = [];
    for (const entry of this.byAnchor.values()) if (entry.lastTime < cutoff) gone.push(entry);
    for (const entry of gone) this.drop(entry);
    return gone;
  }

  /**
   * A story ended into another (a merge): its memory is folded into the other's, so a story has
   * one remembered entry and one anchor (links to the ended one's anchor move to it).
   */
  move(from: GraphStory, into: GraphStory): void {
    const list = this.byStory.get(from);
    if (list === undefined) return;
    this.byStory.delete(from);
    for (const entry of list) {
      this.byAnchor.delete(entry.anchor);
      entry.anchor.story = into;
      const target = this.byStory.get(into)?.[0];
      if (target === undefined) {
        this.add(entry);
        this.repost(entry);
        continue;
      }
      this.startSum(target);
      for (let k = 0; k < entry.size; k += 1) this.summing.addHashed(entry.terms[k] as string, entry.hashes[k] as number, entry.sums[k] as number);
      this.keepStrongest(target);
      const recent = target.lastTime >= entry.lastTime ? [...target.recent, ...entry.recent] : [...entry.recent, ...target.recent];
      target.recent = recent.slice(0, RECENT_MEMBERS);
      target.members += entry.members;
      target.lastTime = Math.max(target.lastTime, entry.lastTime);
      target.anchor.time = target.lastTime;
      for (const [other, similarity] of entry.anchor.links) {
        other.links.delete(entry.anchor);
        const best = Math.max(similarity, other.links.get(target.anchor) ?? 0);
        other.links.set(target.anchor, best);
        target.anchor.links.set(other, best);
        other.knn = other.knn.filter((l) => l.node !== entry.anchor && l.node !== target.anchor);
        other.knn.push({ node: target.anchor, similarity: best });
        other.knn.sort((x, y) => y.similarity - x.similarity || x.node.seq - y.node.seq);
      }
      entry.anchor.links.clear();
      entry.anchor.live = false;
      this.forget(entry);
      this.stale += entry.size;
      this.repost(target);
    }
  }

  /** JSON form, oldest first. */
  snapshot(): RememberedStorySnapshot[] {
    return this.entriesByPost().map((e) => ({
      storyId: e.anchor.story.id,
      time: new Date(e.lastTime).toISOString(),
      members: e.members,
      summary: [...e.sum],
      recent: e.recent.map((v) => [...v]),
      anchorSeq: e.anchor.seq,
    }));
  }

  /**
   * Restores one remembered story (snapshot order; `time` in ms), returning its anchor. An anchor
   * keeps its arrival order when its story merged into another (`anchorSeq`; ties are broken on it).
   */
  restore(s: { time: number; members: number; sum: TermVector; recent: TermVector[]; anchorSeq?: number | undefined }, story: GraphStory, language: string): ArticleNode {
    const lastTime = s.time;
    const anchor: ArticleNode = { id: `memory:${story.id}`, seq: s.anchorSeq ?? -1 - story.seq, time: lastTime, language, vector: new Map(), marks: new Map(), knn: [], links: new Map(), story, copies: [], live: true, stamp: 0, partial: 0, region: 0, label: 0, memory: true };
    const entry = new MemoryEntry(anchor, lastTime, this.takeId());
    entry.recent = s.recent;
    entry.members = s.members;
    // The summary as it was written (not summed or cut again), as a summed one would be held.
    const weights = s.sum.values();
    for (const term of s.sum.keys()) {
      entry.terms.push(term);
      entry.sums.push(weights.next().value as number);
      entry.hashes.push(keyHash(term));
      entry.lists.push(undefined);
    }
    entry.size = entry.terms.length;
    normalizeSummary(entry);
    this.add(entry);
    this.repost(entry);
    return anchor;
  }

  /** The anchors of a story (for restoring links). */
  anchorsOf(story: GraphStory): ArticleNode[] {
    return (this.byStory.get(story) ?? []).map((e) => e.anchor);
  }

  /** Remembered stories in the order they were last posted. */
  private entriesByPost(): MemoryEntry[] {
    return [...this.byAnchor.values()].sort((a, b) => a.postedAt - b.postedAt);
  }

  /** Starts a sum in the reused table `summing` with a summary's terms (in its order, so place k is its term k). */
  private startSum(entry: MemoryEntry): void {
    const { summing } = this;
    summing.clear();
    for (let k = 0; k < entry.size; k += 1) summing.addHashed(entry.terms[k] as string, entry.hashes[k] as number, entry.sums[k] as number);
  }

  /**
   * Makes the SUMMARY_TERMS heaviest terms of `summing` (ties: the smaller term; weights kept to 5
   * decimals) the summary of `entry`, which `summing` was started with. Sorted as places over its
   * side-by-side arrays by sortHeavierFirst (once per article that leaves the window, over ~100
   * terms); the order is total, so the same terms in the same order. A term the summary held keeps
   * its posting list (its place in `summing` is its place in the summary), so a repost looks up
   * only the new terms' lists.
   */
  private keepStrongest(entry: MemoryEntry): void {
    const { summing, order, previousLists } = this;
    const { keys, weights, hashes } = summing;
    const held = entry.size;
    for (let k = 0; k < held; k += 1) previousLists[k] = entry.lists[k];
    order.length = 0;
    for (let i = 0; i < summing.size; i += 1) order.push(i);
    sortHeavierFirst(order, keys, weights);
    const size = Math.min(SUMMARY_TERMS, order.length);
    for (let k = 0; k < size; k += 1) {
      const i = order[k] as number;
      entry.terms[k] = keys[i] as string;
      entry.sums[k] = Math.round((weights[i] as number) * WEIGHT_SCALE) / WEIGHT_SCALE;
      entry.hashes[k] = hashes[i] as number;
      entry.lists[k] = i < held ? previousLists[i] : undefined;
    }
    entry.size = size;
    entry.terms.length = size;
    entry.sums.length = size;
    entry.hashes.length = size;
    entry.lists.length = size;
    previousLists.length = 0;
    normalizeSummary(entry);
  }

  private add(entry: MemoryEntry): void {
    this.byId[entry.id] = entry;
    this.byAnchor.set(entry.anchor, entry);
    this.byStory.set(entry.anchor.story, [...(this.byStory.get(entry.anchor.story) ?? []), entry]);
  }

  private drop(entry: MemoryEntry): void {
    this.byAnchor.delete(entry.anchor);
    const rest = (this.byStory.get(entry.anchor.story) ?? []).filter((e) => e !== entry);
    if (rest.length === 0) this.byStory.delete(entry.anchor.story);
    else this.byStory.set(entry.anchor.story, rest);
    for (const other of entry.anchor.links.keys()) {
      other.links.delete(entry.anchor);
      other.knn = other.knn.filter((l) => l.node !== entry.anchor);
    }
    entry.anchor.links.clear();
    entry.anchor.live = false;
    this.forget(entry);
    this.stale += entry.size;
    if (this.stale > this.postedEntries / 2) this.compact();
  }

  /** A number for a new remembered story (a forgotten one's, else the next): it starts at the number's version. */
  private takeId(): number {
    const id = this.freeIds.pop() ?? this.byId.length;
    if (id === this.byId.length) {
      this.byId.push(undefined);
      if (id === this.versions.length) {
        this.versions = grownInt32(this.versions);
        this.stamps = grownInt32(this.stamps);
        const partials = new Float64Array(2 * id);
        partials.set(this.partials);
        this.partials = partials;
      }
    }
    return id;
  }

  /** A story forgotten or merged away: its postings are stale from now on (its number's version moves on) and its number is free. */
  private forget(entry: MemoryEntry): void {
    this.versions[entry.id] = (this.versions[entry.id] as number) + 1;
    this.byId[entry.id] = undefined;
    this.freeIds.push(entry.id);
  }

  private repost(entry: MemoryEntry): void {
    if (entry.posts > 0) this.stale += entry.size;
    entry.posts += 1;
    const version = (this.versions[entry.id] as number) + 1;
    this.versions[entry.id] = version;
    this.reposts += 1;
    entry.postedAt = this.reposts;
    const { id, weights } = entry;
    // A summary of zero norm has an empty vector, and was not posted (as normalizeVector gave it no terms).
    if (entry.posted) {
      for (let k = 0; k < entry.size; k += 1) {
        let list = entry.lists[k];
        if (list === undefined) {
          list = this.postings.take(entry.terms[k] as string, entry.hashes[k] as number);
          entry.lists[k] = list;
        }
        this.slab.pushPair(list, id, version, weights[k] as number);
      }
    } else {
      // Lists it holds no posting in may be dropped by a compaction: looked up again when it is posted.
      for (let k = 0; k < entry.size; k += 1) entry.lists[k] = undefined;
    }
    this.postedEntries += entry.size;
    if (this.stale > this.postedEntries / 2) this.compact();
  }

  private compact(): void {
    let posted = 0;
    const { versions, slab } = this;
    // Filtered in place (same order): a new array and a set per term made a list and a probe of
    // every term of the memory's postings per compaction.
    this.postings.retain((list) => {
      const ints = slab.ints[list.chunk] as Int32Array;
      const weights = slab.weights[list.chunk] as Float64Array;
      const first = list.at;
      let kept = first;
      for (let i = first; i < first + list.size; i += 1) {
        const id = ints[2 * i] as number;
        const version = ints[2 * i + 1] as number;
        if (versions[id] !== version) continue;
        ints[2 * kept] = id;
        ints[2 * kept + 1] = version;
        weights[kept] = weights[i] as number;
        kept += 1;
      }
      list.size = kept - first;
      posted += list.size;
      // A live entry's current terms keep their lists (each holds its posting), so a list it caches is never dropped here.
      if (kept > first) return true;
      slab.release(list);
      return false;
    });
    this.postedEntries = posted;
    this.stale = 0;
  }
}

/**
 * The `count` numbers of highest partial score (ties: the older story, by its anchor's arrival
 * order), best first, without sorting all.
 */
function topIds(found: Int32Array, length: number, count: number, partials: Float64Array, byId: readonly (MemoryEntry | undefined)[]): number[] {
  return topK(found, length, count, (a, b) => (partials[a] as number) > (partials[b] as number) || (partials[a] === partials[b] && (byId[a] as MemoryEntry).anchor.seq > (byId[b] as MemoryEntry).anchor.seq));
}

function grownInt32(array: Int32Array): Int32Array {
  const grown = new Int32Array(2 * array.length);
  grown.set(array);
  return grown;
}

/**
 * The summary's vector (normalizeVector of it, the anchor's) and its weights by place (posted with
 * each term): the norm summed in the summary's order, each weight divided by it; a summary of zero
 * norm has no vector and is not posted.
 */
function normalizeSummary(entry: MemoryEntry): void {
  let norm = 0;
  for (let k = 0; k < entry.size; k += 1) norm += (entry.sums[k] as number) * (entry.sums[k] as number);
  norm = Math.sqrt(norm);
  entry.posted = norm !== 0;
  const vector: TermVector = new Map();
  if (entry.posted) {
    for (let k = 0; k < entry.size; k += 1) {
      const w = (entry.sums[k] as number) / norm;
      entry.weights[k] = w;
      vector.set(entry.terms[k] as string, w);
    }
  }
  entry.weights.length = entry.posted ? entry.size : 0;
  entry.anchor.vector = vector;
}

/**
 * A posting list: its block of the memory's slab, whose first `size` entries are (the remembered
 * story's number, its version when posted) and the term's weight in its summary then (a posting of
 * the current version holds the current weight). In a slab, not an array per term: a summary of 60
 * terms is posted again for each article leaving the window, and each regrowth of a term's array
 * was a new backing store that lived long enough to be copied by the scavenger and promoted.
 */
type PostingList = SlabList;

/** A remembered story with its summary in side-by-side arrays, changed in place when it is summed again. */
class MemoryEntry implements RememberedStory {
  recent: TermVector[] = [];
  members = 0;
  /** Times posted (a first post makes no postings stale). */
  posts = 0;
  postedAt = 0;
  /** The summary's terms, strongest first (`size` of them). */
  readonly terms: string[] = [];
  /** Their summed weights (to 5 decimals), keyHashes, and posting lists (undefined: not looked up yet), in the same order. */
  readonly sums: number[] = [];
  readonly hashes: number[] = [];
  readonly lists: (PostingList | undefined)[] = [];
  /** The summary normalized (the anchor's vector's weights), in the same order; empty when not posted. */
  readonly weights: number[] = [];
  size = 0;
  /** Whether the summary has a vector (a zero norm gives it none, and nothing is posted). */
  posted = false;

  constructor(
    readonly anchor: ArticleNode,
    public lastTime: number,
    /** Its number in StoryMemory's arrays (a forgotten story's is reused). */
    readonly id: number,
  ) {}

  get sum(): TermVector {
    const out: TermVector = new Map();
    for (let k = 0; k < this.size; k += 1) out.set(this.terms[k] as string, this.sums[k] as number);
    return out;
  }
}
