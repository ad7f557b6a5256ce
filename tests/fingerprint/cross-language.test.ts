import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStoryIndex, loadLanguageDetector, type LanguageDetector, type StoryDoc } from '../../src/fingerprint/index.js';
import { WeightedKeys } from '../../src/fingerprint/weighted-keys.js';
import { crossLanguageKey } from '../../src/fingerprint/cognates.js';
import { crossLanguageVector, NameIndex, NAME_INDEX_LIMITS } from '../../src/fingerprint/cross-language.js';
import type { ArticleNode, GraphStory, Link } from '../../src/fingerprint/story-graph.js';
import type { TermVector } from '../../src/fingerprint/story-vector.js';
import { isCollected } from '../support/collected.js';
import { seededRandom } from '../support/seeded-random.js';
import { makeVocabulary, randomWords, shippedAliases } from './helpers.js';

/** A report of fixtures/stories/cross-language-pair (written by us): one event in German and English, and an unrelated one. */
function report(name: string): StoryDoc {
  const raw = JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/stories/cross-language-pair/${name}.json`, import.meta.url)), 'utf8')) as StoryDoc & { publishedAt: string };
  return { ...raw, seenAt: raw.publishedAt };
}

describe('cross-language links', () => {
  let languageDetector: LanguageDetector;
  beforeAll(async () => {
    languageDetector = await loadLanguageDetector();
  });

  it('a German and an English report of one event share a story through names, places and figures, and say so', () => {
    const index = createStoryIndex({ windowHours: 72, aliases: shippedAliases(), languageDetector });
    const german = index.assign(report('german'));
    const unrelated = index.assign(report('unrelated'));
    const english = index.assign(report('english'));
    expect(german.language).toBe('de');
    expect(english.language).toBe('en');
    expect(english.storyId).toBe(german.storyId);
    expect(english.via).toBe('cross-language');
    expect(unrelated.storyId).not.toBe(german.storyId);
  });

  it('without cross-language links they stay apart (the words of the two languages do not meet)', () => {
    const index = createStoryIndex({ windowHours: 72, aliases: shippedAliases(), languageDetector, tuning: { crossLanguageSimilarity: 2 } });
    const german = index.assign(report('german'));
    expect(index.assign(report('english')).storyId).not.toBe(german.storyId);
  });
});

describe('crossLanguageVector', () => {
  /** As it was written on Maps: keys summed in a Map, pairs sorted heavier first, normalized, then rounded. */
  function reference(vector: Map<string, number>, size: number): Map<string, number> {
    const merged = new Map<string, number>();
    for (const [term, weight] of vector) merged.set(crossLanguageKey(term), (merged.get(crossLanguageKey(term)) ?? 0) + weight);
    const list = [...merged].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, size);
    let norm = 0;
    for (const [, w] of list) norm += w * w;
    norm = Math.sqrt(norm);
    const out = new Map<string, number>();
    if (norm === 0) return out;
    for (const [key, w] of list) out.set(key, Math.round((w / norm) * 100_000) / 100_000);
    return out;
  }

  it('sums, sorts, normalizes and rounds a whole-word language\'s keys as the Map-based version did, bit for bit', () => {
    const random = seededRandom(31);
    const pieces = ['ka', 'co', 'ci', 'ph', 'th', 'sch', 'w', 'y', 'z', 'ss', 'a', 'e', 'po', 'li', 'zei', 'ck', '1', '2', 'é', 'ß', 'ı'];
    const scratch = new WeightedKeys();
    for (let n = 0; n < 3_000; n += 1) {
      const vector = new Map<string, number>();
      for (let k = Math.floor(random() * 100); k > 0; k -= 1) {
        let term = '';
        for (let j = 1 + Math.floor(random() * 5); j > 0; j -= 1) term += pieces[Math.floor(random() * pieces.length)];
        vector.set(term, Math.round(random() * 1e5) / 1e5 + (random() < 0.1 ? 0.5 : 0));
      }
      for (const size of [40, 3]) expect([...crossLanguageVector(vector, 'en', size, scratch)]).toEqual([...reference(vector, size)]);
    }
  });
});

const { QUERY_KEYS, POSTING_READ_LIMIT: NAME_READ_LIMIT, SHORTLIST: NAME_SHORTLIST } = NAME_INDEX_LIMITS;

/**
 * What NameIndex.candidates must give, read the slow way: every added article's names newest first
 * per key, straight from their Maps (a change to the postings or the query must keep this).
 */
function referenceNameCandidates(added: ArticleNode[], node: ArticleNode, score: (other: ArticleNode, cosine: number) => number | null): Link[] {
  const names = node.names as TermVector;
  const languages = new Set(added.filter((n) => n.live).map((n) => n.language));
  if (names.size < 2 || !(languages.size > 1 || (languages.size === 1 && !languages.has(node.language)))) return [];
  const partial = new Map<ArticleNode, number>();
  let used = 0;
  for (const [key, weight] of names) {
    if (used >= QUERY_KEYS) break;
    used += 1;
    let read = 0;
    for (let i = added.length - 1; i >= 0 && read < NAME_READ_LIMIT; i -= 1) {
      const other = added[i] as ArticleNode;
      const w = other.names?.get(key);
      if (w === undefined || other.language === node.language || !other.live) continue;
      read += 1;
      partial.set(other, (partial.get(other) ?? 0) + weight * w);
    }
  }
  const out: Link[] = [];
  for (const [other] of [...partial].sort((a, b) => b[1] - a[1] || a[0].seq - b[0].seq).slice(0, NAME_SHORTLIST)) {
    let cosine = 0;
    let shared = 0;
    for (const [key, w] of names) {
      const v = other.names?.get(key);
      if (v === undefined) continue;
      cosine += w * v;
      shared += 1;
    }
    if (shared < 2) continue;
    const similarity = score(other, cosine);
    if (similarity !== null) out.push({ node: other, similarity });
  }
  return out;
}

/** An article whose names are Mosul, Baghdadi and one key of its own. */
function namedArticle(seq: number, language: string): ArticleNode {
  const story: GraphStory = { id: 's', seq: 0, nodes: new Set(), copies: new Set() };
  const names: TermVector = new Map([['mosul', 0.8], ['baghdadi', 0.6], [`k${seq}`, 0.1]]);
  return { id: `a${seq}`, seq, time: seq, language, vector: new Map(), names, marks: new Map(), knn: [], links: new Map(), story, copies: [], live: true, stamp: 0, partial: 0, region: 0, label: 0 };
}

/** A name index holding ten such articles, English and German by turns. */
function tenNamedArticles(): { index: NameIndex; nodes: ArticleNode[] } {
  const index = new NameIndex();
  const nodes = Array.from({ length: 10 }, (_, seq) => namedArticle(seq, seq % 2 === 0 ? 'en' : 'de'));
  for (const node of nodes) index.add(node);
  return { index, nodes };
}

describe('NameIndex', () => {
  it('finds what reading every article\'s names found, through adds after a query or without one, removals and compactions', () => {
    const story: GraphStory = { id: 's', seq: 0, nodes: new Set(), copies: new Set() };
    const languages = ['en', 'de', 'fr'];
    for (const seed of [4, 5, 6]) {
      const random = seededRandom(seed);
      const vocabulary = makeVocabulary(random, 200);
      const index = new NameIndex();
      const added: ArticleNode[] = [];
      const score = (_: ArticleNode, cosine: number): number | null => (cosine >= 0.05 ? cosine : null);
      for (let seq = 0; seq < 2_000; seq += 1) {
        const words = [...new Set(randomWords(random, vocabulary, 2 + Math.floor(random() * 30)))];
        const weights = words.map(() => random()).sort((a, b) => b - a);
        const names: TermVector = new Map(words.map((w, i) => [` ${w}`.slice(1), weights[i] as number]));
        const language = languages[seq < 50 ? 0 : Math.floor(random() * languages.length)] as string;
        const node: ArticleNode = { id: `a${seq}`, seq, time: seq, language, vector: new Map(), names, marks: new Map(), knn: [], links: new Map(), story, copies: [], live: true, stamp: 0, partial: 0, region: 0, label: 0 };
        if (random() < 0.85) {
          const found = index.candidates(node, score);
          expect(found.map((l) => [l.node.seq, l.similarity])).toEqual(referenceNameCandidates(added, node, score).map((l) => [l.node.seq, l.similarity]));
        }
        index.add(node);
        added.push(node);
        // The window: the oldest leave (as the story index evicts: not live, then removed).
        while (added.filter((n) => n.live).length > 250) {
          const oldest = added.find((n) => n.live) as ArticleNode;
          oldest.live = false;
          index.remove(oldest);
        }
      }
    }
  });

  it('lets go of an article as it leaves the window, not only at the next compaction', async () => {
    const { index, nodes } = tenNamedArticles();
    // As the story index evicts: not live, then removed; one of ten is too few dead postings for a compaction.
    // (No local keeps it: the test awaits.)
    const leave = (): WeakRef<ArticleNode> => {
      const departed = nodes.shift() as ArticleNode;
      departed.live = false;
      index.remove(departed);
      return new WeakRef(departed);
    };
    expect(await isCollected(leave())).toBe(true);
    // The others are still found across languages.
    const found = index.candidates(namedArticle(99, 'en'), (_, cosine) => cosine).map((l) => l.node.id);
    expect(found.length).toBeGreaterThan(0);
    expect(found).not.toContain('a0');
  });

  it('does not take a live article\'s row when a departed one is removed again after a compaction', () => {
    const { index, nodes } = tenNamedArticles();
    // Six of ten leave: the sixth makes the dead postings outnumber the live ones, so the rows are renumbered.
    for (const node of nodes.slice(0, 6)) {
      node.live = false;
      index.remove(node);
    }
    index.remove(nodes[0] as ArticleNode);
    const found = index.candidates(namedArticle(99, 'de'), (_, cosine) => cosine).map((l) => l.node.id);
    expect(found).toEqual(expect.arrayContaining(['a6', 'a8']));
  });
});
