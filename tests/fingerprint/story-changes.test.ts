import { describe, expect, it } from 'vitest';
import {
  applyStoryIndexChanges,
  createStoryIndex,
  emptyStoryRows,
  rowsOfSnapshot,
  snapshotOfRows,
  type StoryDoc,
  type StoryIndexChanges,
  type StoryIndexSnapshot,
} from '../../src/fingerprint/index.js';
import { makeVocabulary, randomWords, seededRandom, shippedAliases } from './helpers.js';

const aliases = shippedAliases();
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Overlapping synthetic events over a few windows, with copies, so stories split, join and expire. */
function stream(count: number, seed: number): StoryDoc[] {
  const random = seededRandom(seed);
  const vocabulary = makeVocabulary(random, 3000);
  const docs: StoryDoc[] = [];
  for (let i = 0; i < count; i += 1) {
    const at = new Date(Date.parse('2026-02-01T00:00:00Z') + i * 1_800_000).toISOString();
    if (i % 9 === 8) {
      const original = docs[docs.length - 2] as StoryDoc;
      docs.push({ ...original, id: `c${i}`, text: `BEIRUT (Wire) — ${original.text}`, publishedAt: at, seenAt: at });
      continue;
    }
    const event = Math.floor(i / 4) + Math.floor(random() * 3);
    const words = randomWords(random, vocabulary, 120).map((w, k) => (k % 3 === 0 ? `ev${event * 5 + Math.floor(random() * 12)}` : w));
    docs.push({ id: `n${i}`, title: words.slice(0, 6).join(' '), text: words.join(' '), publishedAt: at, seenAt: at, source: null });
  }
  return docs;
}

describe('story index change log', () => {
  it('persisted rows plus the logged changes restore the exact index, at any stop', () => {
    const docs = stream(260, 5);
    const straight = createStoryIndex({ windowHours: 24, aliases });
    const expected = docs.map((d) => straight.assign(d));
    expect(expected.some((a) => a.moved.length > 0)).toBe(true);
    expect(expected.some((a) => a.duplicateOf !== null)).toBe(true);

    for (const [stop, checkpointAt] of [
      [41, 20],
      [133, 100],
      [222, 222],
    ] as const) {
      // What a state store does: fold changes into its rows at checkpoints, log them in between.
      const live = createStoryIndex({ windowHours: 24, aliases });
      let rows = emptyStoryRows(24);
      const log: StoryIndexChanges[] = [];
      const got = docs.slice(0, stop).map((d, i) => {
        const assignment = live.assign(d);
        log.push(json(live.drainChanges()));
        if (i + 1 === checkpointAt) for (const change of log.splice(0)) applyStoryIndexChanges(rows, change);
        return assignment;
      });
      rows = rowsOfSnapshot(json(snapshotOfRows(rows)));
      for (const change of log) applyStoryIndexChanges(rows, change);
      const restored = createStoryIndex({ windowHours: 24, aliases }, json(snapshotOfRows(rows)));
      got.push(...docs.slice(stop).map((d) => restored.assign(d)));
      expect(got).toEqual(expected);
      expect(restored.snapshot()).toEqual(straight.snapshot());
    }
  });

  it('keeps a change small: one article adds one node and touches a few neighbours, not the window', () => {
    const docs = stream(200, 11);
    const index = createStoryIndex({ windowHours: 24, aliases });
    const sizes: number[] = [];
    for (const doc of docs) {
      index.assign(doc);
      sizes.push(JSON.stringify(index.drainChanges()).length);
    }
    const early = sizes.slice(20, 60).reduce((a, b) => a + b, 0) / 40;
    const late = sizes.slice(160).reduce((a, b) => a + b, 0) / 40;
    // The window holds ~48 articles by then; a change must not grow with what was assigned before.
    expect(late).toBeLessThan(early * 1.5);
    const snapshot: StoryIndexSnapshot = index.snapshot();
    expect(late).toBeLessThan(JSON.stringify(snapshot).length / 10);
  });
});
