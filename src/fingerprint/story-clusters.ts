import { dotProduct, type TermVector } from './story-vector.js';
import { addMarks, type MarkCounts } from './story-marks.js';

/** Terms kept in a story centroid (bounded state; the strongest terms decide similarity). */
export const MAX_CENTROID_TERMS = 150;
/** A centroid is cut back to MAX_CENTROID_TERMS only past this, so most joins skip the sort. */
const CENTROID_SLACK = 60;
/** Doc terms that generate candidate stories (the strongest; exact scores are computed after). */
const CANDIDATE_TERMS = 16;
/** Candidate stories scored exactly per document. */
const SCORED_CANDIDATES = 5;

/** One story inside the window. */
export interface Story {
  id: string;
  /** Creation order: the smaller survives a merge. */
  seq: number;
  firstTime: number;
  lastTime: number;
  size: number;
  /** Sum of member vectors (not normalized), strongest terms only. */
  centroid: Map<string, number>;
  norm: number;
  /** Years, months, weekdays and figures its members mention (bounded, see story-marks.ts). */
  marks: MarkCounts;
}

/** A story that scored against a document. */
export interface RankedStory {
  story: Story;
  similarity: number;
}

/**
 * Second stage: stories as centroids of tf-idf vectors, found through an inverted index of their
 * terms, so scoring a document touches only stories that share a word with it.
 */
export class StoryClusters {
  private readonly stories = new Map<string, Story>();
  private readonly postings = new Map<string, Set<Story>>();

  /** Stories in creation order. */
  all(): IterableIterator<Story> {
    return this.stories.values();
  }

  /** A live story by id. */
  get(id: string): Story | undefined {
    return this.stories.get(id);
  }

  /**
   * Stories whose time span lies within `windowMs` of `time` and that are not older than `cutoff`, by
   * cosine similarity to `vector` (best first; ties: the older story). Candidates come from the
   * postings of the document's strongest terms (its vector is sorted strongest first); the best
   * of them are then scored exactly over the whole vector, so the cost per article stays flat as
   * the window fills up.
   */
  rank(vector: TermVector, time: number, windowMs: number, cutoff: number): RankedStory[] {
    const partial = new Map<Story, number>();
    let used = 0;
    for (const [term, weight] of vector) {
      if (used >= CANDIDATE_TERMS) break;
      used += 1;
      const posted = this.postings.get(term);
      if (posted === undefined) continue;
      for (const story of posted) {
        if (story.norm === 0 || story.lastTime < cutoff || !isWithin(story, time, windowMs)) continue;
        partial.set(story, (partial.get(story) ?? 0) + weight * ((story.centroid.get(term) as number) / story.norm));
      }
    }
    const shortlist = [...partial]
      .sort((a, b) => b[1] - a[1] || a[0].seq - b[0].seq)
      .slice(0, SCORED_CANDIDATES);
    const ranked = shortlist.map(([story]) => ({ story, similarity: dotProduct(vector, story.centroid) / story.norm }));
    ranked.sort((a, b) => b.similarity - a.similarity || a.story.seq - b.story.seq);
    return ranked;
  }

  /** Restores or creates a story (centroid as given). */
  insert(story: Story): void {
    this.stories.set(story.id, story);
    this.index(story, []);
  }

  /** Adds a member's vector to a story; `vector` may be empty for duplicates. */
  join(story: Story, vector: TermVector, time: number): void {
    story.size += 1;
    story.firstTime = Math.min(story.firstTime, time);
    story.lastTime = Math.max(story.lastTime, time);
    if (vector.size === 0) return;
    const added: string[] = [];
    for (const [term, weight] of vector) {
      const old = story.centroid.get(term);
      if (old === undefined) added.push(term);
      story.centroid.set(term, (old ?? 0) + weight);
    }
    const removed = truncate(story);
    for (const term of removed) this.unpost(term, story);
    for (const term of added) if (story.centroid.has(term)) this.post(term, story);
  }

  /** Moves `absorbed` into `survivor` and forgets it. */
  merge(survivor: Story, absorbed: Story): void {
    const before = [...survivor.centroid.keys()];
    for (const [term, weight] of absorbed.centroid) survivor.centroid.set(term, (survivor.centroid.get(term) ?? 0) + weight);
    truncate(survivor);
    survivor.marks = addMarks(survivor.marks, absorbed.marks);
    survivor.size += absorbed.size;
    survivor.firstTime = Math.min(survivor.firstTime, absorbed.firstTime);
    survivor.lastTime = Math.max(survivor.lastTime, absorbed.lastTime);
    this.remove(absorbed);
    this.index(survivor, before);
  }

  /** Cosine between two story centroids. */
  similarity(a: Story, b: Story): number {
    if (a.norm === 0 || b.norm === 0) return 0;
    return dotProduct(a.centroid, b.centroid) / (a.norm * b.norm);
  }

  /** Forgets stories whose last member is older than `cutoff` (ms). */
  evict(cutoff: number): void {
    for (const story of [...this.stories.values()]) if (story.lastTime < cutoff) this.remove(story);
  }

  private post(term: string, story: Story): void {
    const posted = this.postings.get(term);
    if (posted === undefined) this.postings.set(term, new Set([story]));
    else posted.add(story);
  }

  private unpost(term: string, story: Story): void {
    const posted = this.postings.get(term);
    posted?.delete(story);
    if (posted?.size === 0) this.postings.delete(term);
  }

  private remove(story: Story): void {
    this.stories.delete(story.id);
    for (const term of story.centroid.keys()) this.unpost(term, story);
  }

  /** Updates the postings after the centroid's terms changed from `before`. */
  private index(story: Story, before: readonly string[]): void {
    for (const term of before) if (!story.centroid.has(term)) this.unpost(term, story);
    for (const term of story.centroid.keys()) this.post(term, story);
  }
}

/** A new story holding one member. */
export function newStory(id: string, seq: number, vector: TermVector, time: number, marks: MarkCounts = new Map()): Story {
  const story: Story = { id, seq, firstTime: time, lastTime: time, size: 1, centroid: new Map(vector), norm: 0, marks: addMarks(new Map(), marks) };
  truncate(story);
  return story;
}

/**
 * Keeps the strongest centroid terms (ties by term, so the result does not depend on map order)
 * and returns the terms dropped.
 */
function truncate(story: Story): string[] {
  const removed: string[] = [];
  if (story.centroid.size > MAX_CENTROID_TERMS + CENTROID_SLACK) {
    const sorted = [...story.centroid].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [term] of sorted.slice(MAX_CENTROID_TERMS)) removed.push(term);
    story.centroid = new Map(sorted.slice(0, MAX_CENTROID_TERMS));
  }
  let norm = 0;
  for (const w of story.centroid.values()) norm += w * w;
  story.norm = Math.sqrt(norm);
  return removed;
}

function isWithin(story: Story, time: number, windowMs: number): boolean {
  return time >= story.firstTime - windowMs && time <= story.lastTime + windowMs;
}
