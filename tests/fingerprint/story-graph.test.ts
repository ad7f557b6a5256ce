import { describe, expect, it } from 'vitest';
import { GRAPH_LIMITS, StoryGraph, type ArticleNode, type GraphStory, type Link } from '../../src/fingerprint/story-graph.js';
import { dotProduct, type TermVector } from '../../src/fingerprint/story-vector.js';
import { isCollected } from '../support/collected.js';
import { makeVocabulary, randomWords, seededRandom } from './helpers.js';

const { CANDIDATE_TERMS, POSTING_READ_LIMIT, SHORTLIST } = GRAPH_LIMITS;

const story: GraphStory = { id: 's', seq: 0, nodes: new Set(), copies: new Set() };

function nodeOf(seq: number, vector: TermVector): ArticleNode {
  return { id: `a${seq}`, seq, time: seq, language: 'en', vector, marks: new Map(), knn: [], links: new Map(), story, copies: [], live: true, stamp: 0, partial: 0, region: 0, label: 0 };
}

/** A vector of distinct words, strongest first (as tf-idf vectors are), normalized. */
function randomVector(random: () => number, vocabulary: readonly string[], size: number): TermVector {
  const words = [...new Set(randomWords(random, vocabulary, size))];
  const weights = words.map(() => random()).sort((a, b) => b - a);
  const norm = Math.sqrt(weights.reduce((s, w) => s + w * w, 0));
  // Fresh strings, as each article's tokenizer makes its own.
  return new Map(words.map((w, i) => [` ${w}`.slice(1), (weights[i] as number) / norm]));
}

/**
 * What StoryGraph.candidates must give, read the slow way: every posted article's vector newest
 * first per term, straight from its Map (a change to the postings or the query must keep this).
 */
function referenceCandidates(posted: ArticleNode[], vector: TermVector, score: (n: ArticleNode, cosine: number) => number | null): Link[] {
  const partial = new Map<ArticleNode, number>();
  let used = 0;
  for (const [term, weight] of vector) {
    if (used >= CANDIDATE_TERMS) break;
    used += 1;
    let read = 0;
    for (let i = posted.length - 1; i >= 0 && read < POSTING_READ_LIMIT; i -= 1) {
      const node = posted[i] as ArticleNode;
      const w = node.vector.get(term);
      if (w === undefined || !node.live) continue;
      read += 1;
      partial.set(node, (partial.get(node) ?? 0) + weight * w);
    }
  }
  const shortlist = [...partial].sort((a, b) => b[1] - a[1] || a[0].seq - b[0].seq).slice(0, SHORTLIST);
  const out: Link[] = [];
  for (const [node] of shortlist) {
    const similarity = score(node, dotProduct(vector, node.vector));
    if (similarity !== null) out.push({ node, similarity });
  }
  return out.sort((a, b) => b.similarity - a.similarity || a.node.seq - b.node.seq);
}

/** A graph holding ten unlinked articles of random 20-word vectors. */
function tenArticles(seed: number): { graph: StoryGraph; nodes: ArticleNode[] } {
  const random = seededRandom(seed);
  const vocabulary = makeVocabulary(random, 100);
  const graph = new StoryGraph(5);
  const nodes = Array.from({ length: 10 }, (_, seq) => nodeOf(seq, randomVector(random, vocabulary, 20)));
  for (const node of nodes) graph.add(node, []);
  return { graph, nodes };
}

describe('StoryGraph', () => {
  it('finds what reading every posting from a Map found, through adds, queries that are not followed by an add, removals and compactions', () => {
    for (const seed of [1, 2, 3]) {
      const random = seededRandom(seed);
      const vocabulary = makeVocabulary(random, 400);
      const graph = new StoryGraph(5);
      const posted: ArticleNode[] = [];
      const score = (_: ArticleNode, cosine: number): number | null => (cosine >= 0.05 ? cosine : null);
      for (let seq = 0; seq < 1_500; seq += 1) {
        const full = randomVector(random, vocabulary, 10 + Math.floor(random() * 50));
        // A kept vector is the query's first terms (normalizeVector's prefix), or the query itself.
        const cut = random() < 0.5 ? Math.min(full.size, 20) : full.size;
        const kept = new Map([...full].slice(0, cut));
        const node = nodeOf(seq, kept);
        const roll = random();
        let linked: Link[];
        if (roll < 0.1) {
          // A replay links without querying (given traces).
          linked = [];
        } else {
          linked = graph.candidates(full, score);
          expect(linked.map((l) => [l.node.seq, l.similarity])).toEqual(referenceCandidates(posted, full, score).map((l) => [l.node.seq, l.similarity]));
          // Another query between (nothing in the index does this; a post must not depend on the last query).
          if (roll < 0.2) graph.candidates(randomVector(random, vocabulary, 30), score);
        }
        graph.add(node, linked.filter((l) => l.node.live));
        posted.push(node);
        // The window: the oldest leave, so dead rows are skipped and compacted away.
        while (posted.filter((n) => n.live).length > 300) {
          const oldest = posted.find((n) => n.live) as ArticleNode;
          graph.remove(oldest);
        }
      }
    }
  });

  it('lets go of an article as it leaves the window, not only at the next compaction', async () => {
    const { graph, nodes } = tenArticles(7);
    // One article of ten leaves: too few dead postings for a compaction. (No local keeps it: the test awaits.)
    const leave = (): WeakRef<ArticleNode> => {
      const departed = nodes.shift() as ArticleNode;
      graph.remove(departed);
      return new WeakRef(departed);
    };
    expect(await isCollected(leave())).toBe(true);
    // The rest are still found.
    expect(graph.candidates(nodes[3]?.vector as TermVector, (_, cosine) => cosine)[0]?.node).toBe(nodes[3]);
  });

  it('does not take a live article\'s row when a departed one is removed again after a compaction', () => {
    const { graph, nodes } = tenArticles(8);
    // Six of ten leave: the sixth makes the dead postings outnumber the live ones, so the rows are renumbered.
    for (const node of nodes.slice(0, 6)) graph.remove(node);
    graph.remove(nodes[0] as ArticleNode);
    for (const node of nodes.slice(6)) expect(graph.candidates(node.vector, (_, cosine) => cosine)[0]?.node).toBe(node);
  });
});
