import { describe, expect, it } from 'vitest';
import { createStoryIndex, type StoryDoc, type StoryIndex, type StoryIndexOptions, type StoryIndexSnapshot } from '../../src/fingerprint/index.js';
import { finalStories, fixtureDoc, makeVocabulary, randomWords, seededRandom, shippedAliases } from './helpers.js';

// Whatever the crawler feeds it (broken markup leftovers, mixed scripts, odd dates), the index
// answers with a well-formed assignment and a snapshot that restores.
describe('story index on arbitrary input', () => {
  it('never throws and keeps its output contract', () => {
    const random = seededRandom(424242);
    const alphabet = ['a', 'B', ' ', '\n', '.', '-', 'ي', 'ک', 'ـ', '٣', '۷', 'é', '中', '😀', '\u200c', 'IS', ' US ', 'Daesh', '©', '(Reuters)', '\t', '"', '1,000', 'U.S.'];
    const pick = (n: number): string => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const dates = [null, '2026-01-01T00:00:00Z', '2026-01-01T05:00:00', 'yesterday', '', '2099-01-01T00:00:00Z', '1970-01-01T00:00:00Z'];
    let index = createStoryIndex({ windowHours: 48, aliases: shippedAliases() });
    for (let i = 0; i < 300; i += 1) {
      const seenAt = new Date(Date.parse('2026-01-01T00:00:00Z') + i * 600_000).toISOString();
      const a = index.assign({ id: `doc-${i % 250}`, title: pick(Math.floor(random() * 12)), text: pick(Math.floor(random() * 400)), publishedAt: dates[i % dates.length] ?? null, seenAt, source: null });
      expect(a.simhash).toMatch(/^[0-9a-f]{16}$/);
      expect(a.storyId).toMatch(/^[a-z0-9_-]+$/);
      expect(['new', 'duplicate', 'similar']).toContain(a.reason);
      if (i % 50 === 49) index = createStoryIndex({ windowHours: 48, aliases: shippedAliases() }, JSON.parse(JSON.stringify(index.snapshot())) as StoryIndexSnapshot);
    }
  });
});

// Overlapping synthetic events (each article draws a third of its words from one of three
// neighbouring events' vocabularies) make stories split and join all the time: a restored index
// must still redraw them exactly as one that never stopped.
/** Restores through a JSON round trip of the snapshot, or through the binary image (story-image.ts). */
function restoreVia(form: 'json' | 'image', options: StoryIndexOptions, index: StoryIndex): StoryIndex {
  return createStoryIndex(options, form === 'json' ? (JSON.parse(JSON.stringify(index.snapshot())) as StoryIndexSnapshot) : index.image());
}

describe.each(['json', 'image'] as const)('story index: restores (%s) while stories split and join', (form) => {
  it('gives the same assignments, moves and final snapshot whether or not it stops', () => {
    const random = seededRandom(99);
    const vocabulary = makeVocabulary(random, 3000);
    const docs: StoryDoc[] = Array.from({ length: 240 }, (_, i) => {
      const event = Math.floor(i / 4) + Math.floor(random() * 3);
      const words = randomWords(random, vocabulary, 120).map((w, k) => (k % 3 === 0 ? `ev${event * 5 + Math.floor(random() * 12)}` : w));
      const at = new Date(Date.parse('2026-02-01T00:00:00Z') + i * 1_800_000).toISOString();
      return { id: `n${i}`, title: words.slice(0, 6).join(' '), text: words.join(' '), publishedAt: at, seenAt: at, source: null };
    });
    const straight = createStoryIndex({ windowHours: 24, aliases: shippedAliases() });
    const expected = docs.map((d) => straight.assign(d));
    expect(expected.reduce((n, a) => n + a.moved.length, 0)).toBeGreaterThan(20);
    for (const stop of [37, 120, 201]) {
      const first = createStoryIndex({ windowHours: 24, aliases: shippedAliases() });
      const got = docs.slice(0, stop).map((d) => first.assign(d));
      const second = restoreVia(form, { windowHours: 24, aliases: shippedAliases() }, first);
      got.push(...docs.slice(stop).map((d) => second.assign(d)));
      expect(got).toEqual(expected);
      expect(second.snapshot()).toEqual(straight.snapshot());
      expect(Buffer.concat([...second.image().blocks])).toEqual(Buffer.concat([...straight.image().blocks]));
    }
  });

  it('continues exactly after a restore while stories come back from the story memory', () => {
    const random = seededRandom(41);
    const vocabulary = makeVocabulary(random, 3000);
    // Twelve running events, each back every six hours: always past the two-hour window, so
    // every return goes through the memory (joins, merges of remembered stories, expiry).
    const docs: StoryDoc[] = Array.from({ length: 200 }, (_, i) => {
      const event = i % 12;
      const words = randomWords(random, vocabulary, 100).map((w, k) => (k % 2 === 0 ? `ev${event * 9 + Math.floor(random() * 10)}` : w));
      const at = new Date(Date.parse('2026-02-01T00:00:00Z') + i * 1_800_000).toISOString();
      return { id: `m${i}`, title: words.slice(0, 6).join(' '), text: words.join(' '), publishedAt: at, seenAt: at, source: null };
    });
    const options = { windowHours: 2, memoryDays: 2, aliases: shippedAliases() };
    const straight = createStoryIndex(options);
    const expected = docs.map((d) => straight.assign(d));
    expect(expected.filter((a) => a.via === 'memory').length).toBeGreaterThan(20);
    for (const stop of [50, 133]) {
      const first = createStoryIndex(options);
      const got = docs.slice(0, stop).map((d) => first.assign(d));
      const second = restoreVia(form, options, first);
      got.push(...docs.slice(stop).map((d) => second.assign(d)));
      expect(got).toEqual(expected);
      expect(second.snapshot()).toEqual(straight.snapshot());
      expect(Buffer.concat([...second.image().blocks])).toEqual(Buffer.concat([...straight.image().blocks]));
    }
  });
});

// Past 400 articles a story is no longer redrawn whole per arrival (only the newcomer's
// neighbourhood is relabelled), so a big running story keeps taking its new reports.
describe('story index: a story too big to redraw whole', () => {
  it('keeps growing one story past 400 reports, and still starts a new one for another event', () => {
    const random = seededRandom(7);
    const vocabulary = makeVocabulary(random, 4000);
    const event = Array.from({ length: 30 }, (_, i) => `quakeword${i}`);
    const doc = (i: number, words: string[]): StoryDoc => {
      const at = new Date(Date.parse('2026-03-01T00:00:00Z') + i * 60_000).toISOString();
      return { id: `r${i}`, title: words.slice(0, 6).join(' '), text: words.join(' '), publishedAt: at, seenAt: at, source: null };
    };
    const report = (i: number): StoryDoc => doc(i, randomWords(random, vocabulary, 90).map((w, k) => (k % 2 === 0 ? (event[Math.floor(random() * event.length)] as string) : w)));
    const index = createStoryIndex({ windowHours: 72, aliases: shippedAliases() });
    const story = finalStories(index, Array.from({ length: 460 }, (_, i) => report(i)));
    const sizes = new Map<string, number>();
    for (const s of story.values()) sizes.set(s, (sizes.get(s) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBeGreaterThan(440);
    const last = index.assign(report(460));
    expect(last.storyId).toBe(story.get('r459'));
    const seed = fixtureDoc('seed-pair', 'first');
    const other = index.assign({ ...doc(461, []), title: seed.title, text: seed.text });
    expect(other).toMatchObject({ reason: 'new', moved: [] });
  });
});
