import { describe, expect, it } from 'vitest';
import type { ArticleNode, GraphStory } from '../../src/fingerprint/story-graph.js';
import { MEMORY_LIMITS, StoryMemory } from '../../src/fingerprint/story-memory.js';
import { dotProduct, heavierFirst, normalizeVector, WEIGHT_SCALE, type TermVector } from '../../src/fingerprint/story-vector.js';
import { makeVocabulary, randomWords, seededRandom } from './helpers.js';

const { SUMMARY_TERMS, RECENT_MEMBERS, CANDIDATE_TERMS, POSTING_READ_LIMIT, SHORTLIST } = MEMORY_LIMITS;

/** A remembered story the slow way: its summary as a Map, rebuilt whole each time. */
interface ReferenceStory {
  story: GraphStory;
  sum: TermVector;
  recent: TermVector[];
  members: number;
  lastTime: number;
  postedAt: number;
}

/**
 * What StoryMemory must answer, computed from Maps: a summary is the SUMMARY_TERMS heaviest terms of
 * the Map of its sum (5 decimals), a posting list is every remembered story holding the term, most
 * recently (re)posted first, and cosines are dotProduct against normalizeVector(summary) and the
 * recent members.
 */
class ReferenceMemory {
  readonly stories = new Map<GraphStory, ReferenceStory>();
  private reposts = 0;

  remember(story: GraphStory, vector: TermVector, time: number): void {
    let entry = this.stories.get(story);
    if (entry === undefined) {
      entry = { story, sum: new Map(), recent: [], members: 0, lastTime: time, postedAt: 0 };
      this.stories.set(story, entry);
    }
    entry.sum = summed(entry.sum, vector);
    entry.recent = [vector, ...entry.recent].slice(0, RECENT_MEMBERS);
    entry.members += 1;
    entry.lastTime = Math.max(entry.lastTime, time);
    this.reposts += 1;
    entry.postedAt = this.reposts;
  }

  move(from: GraphStory, into: GraphStory): void {
    const entry = this.stories.get(from);
    if (entry === undefined) return;
    this.stories.delete(from);
    const target = this.stories.get(into);
    this.reposts += 1;
    if (target === undefined) {
      entry.story = into;
      entry.postedAt = this.reposts;
      this.stories.set(into, entry);
      return;
    }
    target.sum = summed(target.sum, entry.sum);
    const recent = target.lastTime >= entry.lastTime ? [...target.recent, ...entry.recent] : [...entry.recent, ...target.recent];
    target.recent = recent.slice(0, RECENT_MEMBERS);
    target.members += entry.members;
    target.lastTime = Math.max(target.lastTime, entry.lastTime);
    target.postedAt = this.reposts;
  }

  expire(cutoff: number): void {
    for (const [story, entry] of [...this.stories]) if (entry.lastTime < cutoff) this.stories.delete(story);
  }

  candidates(vector: TermVector): [string, number][] {
    const byPost = [...this.stories.values()].sort((a, b) => b.postedAt - a.postedAt);
    const partial = new Map<ReferenceStory, number>();
    let used = 0;
    for (const [term, weight] of vector) {
      if (used >= CANDIDATE_TERMS) break;
      used += 1;
      let read = 0;
      for (const entry of byPost) {
        if (read >= POSTING_READ_LIMIT) break;
        const w = normalizeVector(entry.sum).get(term);
        if (w === undefined) continue;
        read += 1;
        partial.set(entry, (partial.get(entry) ?? 0) + weight * w);
      }
    }
    // Ties: the older story (the larger anchor seq, -1 - story seq).
    const shortlist = [...partial].sort((a, b) => b[1] - a[1] || a[0].story.seq - b[0].story.seq).slice(0, SHORTLIST);
    return shortlist.map(([entry]) => {
      let cosine = dotProduct(vector, normalizeVector(entry.sum));
      for (const member of entry.recent) cosine = Math.max(cosine, dotProduct(vector, member));
      return [entry.story.id, cosine];
    });
  }
}

function summed(sum: TermVector, more: TermVector): TermVector {
  const all = new Map(sum);
  for (const [term, w] of more) all.set(term, (all.get(term) ?? 0) + w);
  const terms = [...all.keys()];
  const weights = terms.map((t) => all.get(t) as number);
  const order = terms.map((_, i) => i).sort(heavierFirst(terms, weights));
  return new Map(order.slice(0, SUMMARY_TERMS).map((i) => [terms[i] as string, Math.round((weights[i] as number) * WEIGHT_SCALE) / WEIGHT_SCALE]));
}

/** A vector of distinct words, strongest first, normalized; fresh strings, as each article's tokenizer makes its own. */
function randomVector(random: () => number, vocabulary: readonly string[], size: number): TermVector {
  const words = [...new Set(randomWords(random, vocabulary, size))];
  // Weights from a few values, so sums tie and the order falls to the terms.
  const weights = words.map(() => 1 + Math.floor(random() * 6)).sort((a, b) => b - a);
  const norm = Math.sqrt(weights.reduce((s, w) => s + w * w, 0));
  return new Map(words.map((w, i) => [` ${w}`.slice(1), (weights[i] as number) / norm]));
}

function nodeOf(seq: number, story: GraphStory, vector: TermVector, time: number): ArticleNode {
  return { id: `a${seq}`, seq, time, language: 'en', vector, marks: new Map(), knn: [], links: new Map(), story, copies: [], live: true, stamp: 0, partial: 0, region: 0, label: 0 };
}

function answers(memory: StoryMemory, vector: TermVector): [string, number][] {
  return memory.candidates(vector, (_anchor, cosine) => cosine).map((l) => [l.node.story.id, l.similarity]);
}

describe('StoryMemory', () => {
  it('answers as summaries rebuilt in Maps and postings read newest first, through remembers, merges, expiry, compaction and a restore', () => {
    for (const seed of [1, 2, 3]) {
      const random = seededRandom(seed);
      const vocabulary = makeVocabulary(random, 300);
      const stories: GraphStory[] = [];
      for (let s = 0; s < 120; s += 1) stories.push({ id: `s${s}`, seq: s, nodes: new Set(), copies: new Set() });
      let memory = new StoryMemory();
      const reference = new ReferenceMemory();
      const live = new Set<GraphStory>();
      let queries = 0;
      for (let step = 0; step < 1500; step += 1) {
        const time = step * 10;
        const roll = random();
        if (roll < 0.7) {
          const story = stories[Math.floor(random() * stories.length)] as GraphStory;
          // Sizes both sides of a summary's: a query larger than the summary scores in the summary's order.
          const vector = randomVector(random, vocabulary, 5 + Math.floor(random() * 80));
          memory.remember(nodeOf(step, story, vector, time));
          reference.remember(story, vector, time);
          live.add(story);
        } else if (roll < 0.74 && live.size >= 2) {
          const [from, into] = [...live].sort(() => random() - 0.5) as [GraphStory, GraphStory];
          memory.move(from, into);
          reference.move(from, into);
          live.delete(from);
          live.add(into);
        } else if (roll < 0.76) {
          const cutoff = time - 4000;
          for (const entry of memory.expire(cutoff)) live.delete(entry.anchor.story);
          reference.expire(cutoff);
        } else if (roll < 0.765) {
          // A restore posts the summaries again in the order they were last posted.
          const restored = new StoryMemory();
          for (const m of memory.snapshot()) {
            const story = stories.find((s) => s.id === m.storyId) as GraphStory;
            restored.restore({ time: Date.parse(m.time), members: m.members, sum: new Map(m.summary), recent: m.recent.map((v) => new Map(v)), anchorSeq: m.anchorSeq }, story, 'en');
          }
          memory = restored;
        } else {
          const vector = randomVector(random, vocabulary, 5 + Math.floor(random() * 80));
          expect(answers(memory, vector)).toEqual(reference.candidates(vector));
          queries += 1;
        }
      }
      expect(queries).toBeGreaterThan(200);
      expect(memory.snapshot().map((m) => [m.storyId, m.members, m.summary])).toEqual([...reference.stories.values()].sort((a, b) => a.postedAt - b.postedAt).map((e) => [e.story.id, e.members, [...e.sum]]));
    }
  });
});
