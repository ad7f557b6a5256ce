import type { ArticleNode, GraphStory, Link } from './story-graph.js';
import { WeightedKeys } from './weighted-keys.js';
import { dotProduct, normalizeVector, sortHeavierFirst, WEIGHT_SCALE, type TermVector } from './story-vector.js';
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

/** A story remembered after (some of) its articles left the window. */
export interface RememberedStory {
  /** Stands for the story in the neighbour graph: newcomers link to it; its label is its story's. */
  anchor: ArticleNode;
  /** Sum of the members' vectors, SUMMARY_TERMS strongest terms. */
  sum: TermVector;
  /** The latest members to leave the window, newest first. */
  recent: TermVector[];
  members: number;
  /** Time of the latest member folded in (ms): the story is forgotten memoryMs after it left the window. */
  lastTime: number;
  /** Bumped whenever the summary changes; postings of older versions are skipped. */
  version: number;
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
  private readonly byAnchor = new Map<ArticleNode, RememberedStory>();
  private readonly byStory = new Map<GraphStory, RememberedStory[]>();
  private readonly postings = new Map<string, { entry: RememberedStory; version: number; weight: number }[]>();
  private postedEntries = 0;
  private reposts = 0;
  private query = 0;
  private stale = 0;
  /** Where summaries are summed (reused: one per article leaving the window). */
  private readonly summing = new WeightedKeys();

  /**
   * Remembered stories in the order they were last posted: a query reads each posting list from
   * its newest end, so a restore that posts them again in this order answers as the index that
   * wrote them (oldest first by time, it read other stories after a restore).
   */
  entries(): RememberedStory[] {
    return [...this.byAnchor.values()].sort((a, b) => a.postedAt - b.postedAt);
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
      entry = { anchor, sum: new Map(), recent: [], members: 0, lastTime: node.time, version: 0, postedAt: 0 };
      this.add(entry);
    }
    // Read once: a restored article builds its vector's Map on each read (restored-article.ts).
    const vector = node.vector;
    entry.sum = this.summed(entry.sum, vector);
    entry.recent = [vector, ...entry.recent].slice(0, RECENT_MEMBERS);
    entry.members += 1;
    entry.lastTime = Math.max(entry.lastTime, node.time);
    entry.anchor.time = entry.lastTime;
    entry.anchor.vector = normalizeVector(entry.sum);
    this.repost(entry);
  }

  /**
   * Remembered stories similar to `vector` (best first): the best of the cosine with the summary
   * and with each recent member; `score` applies the bar and time limits (null skips).
   */
  candidates(vector: TermVector, score: (anchor: ArticleNode, cosine: number, members: number) => number | null): Link[] {
    // Partial scores live on the anchors, stamped with this query's number (cross-language.ts stamps articles with negative ones).
    this.query += 1;
    const stamp = this.query;
    const found: RememberedStory[] = [];
    let used = 0;
    const termWeights = vector.values();
    for (const term of vector.keys()) {
      if (used >= CANDIDATE_TERMS) break;
      used += 1;
      const weight = termWeights.next().value as number;
      const posted = this.postings.get(term);
      if (posted === undefined) continue;
      let read = 0;
      for (let i = posted.length - 1; i >= 0 && read < POSTING_READ_LIMIT; i -= 1) {
        const item = posted[i] as { entry: RememberedStory; version: number; weight: number };
        const entry = item.entry;
        if (entry.version !== item.version || !entry.anchor.live) continue;
        read += 1;
        const anchor = entry.anchor;
        if (anchor.stamp !== stamp) {
          anchor.stamp = stamp;
          anchor.partial = 0;
          found.push(entry);
        }
        anchor.partial += weight * item.weight;
      }
    }
    const out: Link[] = [];
    for (const entry of topEntries(found, SHORTLIST)) {
      let cosine = dotProduct(vector, entry.anchor.vector);
      for (const member of entry.recent) cosine = Math.max(cosine, dotProduct(vector, member));
      const similarity = score(entry.anchor, cosine, entry.members);
      if (similarity !== null) out.push({ node: entry.anchor, similarity });
    }
    return out;
  }

  /** Forgets stories whose latest member is older than `cutoff` (ms); returns them. */
  expire(cutoff: number): RememberedStory[] {
    const gone: RememberedStory[] = [];
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
      target.sum = this.summed(target.sum, entry.sum);
      const recent = target.lastTime >= entry.lastTime ? [...target.recent, ...entry.recent] : [...entry.recent, ...target.recent];
      target.recent = recent.slice(0, RECENT_MEMBERS);
      target.members += entry.members;
      target.lastTime = Math.max(target.lastTime, entry.lastTime);
      target.anchor.time = target.lastTime;
      target.anchor.vector = normalizeVector(target.sum);
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
      this.stale += entry.sum.size;
      this.repost(target);
    }
  }

  /** JSON form, oldest first. */
  snapshot(): RememberedStorySnapshot[] {
    return this.entries().map((e) => ({
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
    const entry: RememberedStory = { anchor, sum: s.sum, recent: s.recent, members: s.members, lastTime, version: 0, postedAt: 0 };
    anchor.vector = normalizeVector(entry.sum);
    this.add(entry);
    this.repost(entry);
    return anchor;
  }

  /** The anchors of a story (for restoring links). */
  anchorsOf(story: GraphStory): ArticleNode[] {
    return (this.byStory.get(story) ?? []).map((e) => e.anchor);
  }

  /**
   * The SUMMARY_TERMS strongest terms of two vectors summed (terms of `sum` first, then the new ones
   * of `more`, as a copy of `sum` added to in a Map), in the reused table `summing`.
   */
  private summed(sum: TermVector, more: TermVector): TermVector {
    const { summing } = this;
    summing.clear();
    let weights = sum.values();
    for (const term of sum.keys()) summing.add(term, weights.next().value as number);
    weights = more.values();
    for (const term of more.keys()) summing.add(term, weights.next().value as number);
    return strongest(summing, SUMMARY_TERMS);
  }

  private add(entry: RememberedStory): void {
    this.byAnchor.set(entry.anchor, entry);
    this.byStory.set(entry.anchor.story, [...(this.byStory.get(entry.anchor.story) ?? []), entry]);
  }

  private drop(entry: RememberedStory): void {
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
    this.stale += entry.sum.size;
    if (this.stale > this.postedEntries / 2) this.compact();
  }

  private repost(entry: RememberedStory): void {
    if (entry.version > 0) this.stale += entry.sum.size;
    entry.version += 1;
    this.reposts += 1;
    entry.postedAt = this.reposts;
    const vector = entry.anchor.vector;
    const weights = vector.values();
    for (const term of vector.keys()) {
      const weight = weights.next().value as number;
      const list = this.postings.get(term);
      const item = { entry, version: entry.version, weight };
      if (list === undefined) this.postings.set(term, [item]);
      else list.push(item);
    }
    this.postedEntries += entry.sum.size;
    if (this.stale > this.postedEntries / 2) this.compact();
  }

  private compact(): void {
    let posted = 0;
    // Filtered in place (same order): a new array and a set per term made a list and a probe of
    // every term of the memory's postings per compaction.
    for (const [term, list] of this.postings) {
      let kept = 0;
      for (let i = 0; i < list.length; i += 1) {
        const p = list[i] as (typeof list)[number];
        if (p.entry.version !== p.version || !p.entry.anchor.live) continue;
        list[kept] = p;
        kept += 1;
      }
      list.length = kept;
      if (kept === 0) this.postings.delete(term);
      posted += kept;
    }
    this.postedEntries = posted;
    this.stale = 0;
  }
}

/** The `count` entries of highest partial score (ties: the older story), best first, without sorting all. */
function topEntries(entries: RememberedStory[], count: number): RememberedStory[] {
  return topK(entries, entries.length, count, (a, b) => a.anchor.partial > b.anchor.partial || (a.anchor.partial === b.anchor.partial && a.anchor.seq > b.anchor.seq));
}

/**
 * The `count` heaviest terms of a summed table (ties: the smaller term), weights kept to 5 decimals.
 * Sorted as places over its side-by-side arrays by sortHeavierFirst (this runs once per article
 * that leaves the window, over ~100 terms); the order is total, so the same terms in the same order.
 */
function strongest(sum: WeightedKeys, count: number): TermVector {
  const { keys, weights } = sum;
  const order: number[] = [];
  for (let i = 0; i < sum.size; i += 1) order.push(i);
  sortHeavierFirst(order, keys, weights);
  const out: TermVector = new Map();
  for (let k = 0; k < Math.min(count, order.length); k += 1) {
    const i = order[k] as number;
    out.set(keys[i] as string, Math.round((weights[i] as number) * WEIGHT_SCALE) / WEIGHT_SCALE);
  }
  return out;
}
