import { describe, expect, it } from 'vitest';
import { createStoryIndex, hammingDistance, simhash64, type StoryDoc, type StoryIndexSnapshot } from '../../src/fingerprint/index.js';
import { finalStories, fixtureDoc, shippedAliases } from './helpers.js';

const aliases = shippedAliases();

function roundTrip(snapshot: StoryIndexSnapshot): StoryIndexSnapshot {
  return JSON.parse(JSON.stringify(snapshot)) as StoryIndexSnapshot;
}

function newIndex(snapshot: StoryIndexSnapshot | null = null, windowHours = 72, memoryDays?: number) {
  return createStoryIndex({ windowHours, aliases, memoryDays }, snapshot);
}

/** A republished copy of `doc`: agency dateline added, an hour later. */
function copyOf(doc: StoryDoc): StoryDoc {
  const at = new Date(Date.parse(doc.publishedAt as string) + 3_600_000).toISOString();
  return { ...doc, id: doc.id.replace(/-agency-\d+$/, '-copy'), text: `NAIROBI (Wire) — ${doc.text}`, publishedAt: at, seenAt: at };
}

const COPY_KINDS = ['copy-headline', 'copy-dateline', 'copy-cut', 'copy-edited', 'copy-chrome'] as const;

describe('story index: the seed reports', () => {
  it('puts the two seed reports (Daesh / ISIS, almost no shared sentence) in one story', () => {
    const index = newIndex();
    const first = index.assign(fixtureDoc('seed-pair', 'first'));
    const second = index.assign(fixtureDoc('seed-pair', 'second'));
    expect(first.reason).toBe('new');
    expect(second).toMatchObject({ storyId: first.storyId, reason: 'similar', duplicateOf: null });
    expect(second.similarity).toBeGreaterThan(0);
    expect(first.storyId).toMatch(/^[a-z0-9_-]+$/);
    expect(first.simhash).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('story index: syndicated copies', () => {
  for (const kind of COPY_KINDS) {
    it(`marks a wire copy (${kind}) as a duplicate of the first copy, with its Hamming distance`, () => {
      const index = newIndex();
      const original = index.assign(fixtureDoc('wire-copy', 'original'));
      const copy = index.assign(fixtureDoc('wire-copy', kind));
      expect(copy).toMatchObject({ storyId: original.storyId, duplicateOf: 'agency-a-kalvar-dam', reason: 'duplicate' });
      expect(copy.distance).toBe(hammingDistance(BigInt(`0x${copy.simhash}`), BigInt(`0x${original.simhash}`)));
    });
  }

  it('points a copy of a copy at the first copy', () => {
    const index = newIndex();
    index.assign(fixtureDoc('wire-copy', 'original'));
    index.assign(fixtureDoc('wire-copy', 'copy-chrome'));
    const third = index.assign(fixtureDoc('wire-copy', 'copy-headline'));
    expect(third.duplicateOf).toBe('agency-a-kalvar-dam');
  });

  it('never makes two different stories duplicates because they share page chrome', () => {
    const index = newIndex();
    const chromed = index.assign(fixtureDoc('wire-copy', 'copy-chrome'));
    const other = index.assign(fixtureDoc('wire-copy', 'other-with-same-chrome'));
    expect(other.duplicateOf).toBeNull();
    expect(other.storyId).not.toBe(chromed.storyId);
  });
});

describe('story index: same kind, different events', () => {
  it('keeps two earthquakes apart while grouping the reports of each', () => {
    const docs = ['quake-a-1', 'quake-b-1', 'quake-a-2', 'quake-b-2'].map((n) => fixtureDoc('same-kind-events', n));
    const story = finalStories(newIndex(), docs);
    const [a1, b1, a2, b2] = docs.map((d) => story.get(d.id));
    expect(b1).not.toBe(a1);
    expect(a2).toBe(a1);
    expect(b2).toBe(b1);
  });

  it('splits the first report of the second quake out again once its own reports link to it', () => {
    const index = newIndex();
    const [a1, a2, b1, b2] = ['quake-a-1', 'quake-a-2', 'quake-b-1', 'quake-b-2'].map((n) => index.assign(fixtureDoc('same-kind-events', n)));
    expect(a2).toMatchObject({ storyId: a1?.storyId, moved: [] });
    // Alone, the second quake's first report is closest to the first quake (same kind, same words)...
    expect(b1).toMatchObject({ storyId: a1?.storyId, reason: 'similar', moved: [] });
    // ...until a report of its own event arrives: the two link more strongly and leave together.
    expect(b2?.storyId).not.toBe(a1?.storyId);
    expect(b2?.moved).toEqual([{ articleId: 'quake-b-agency-1', from: a1?.storyId, to: b2?.storyId }]);
    expect(b2?.ended).toEqual([]);
  });

  it('does not make a story of two articles joined by one weak link alone', () => {
    const index = newIndex();
    const a1 = index.assign(fixtureDoc('same-kind-events', 'quake-a-1'));
    const b1 = index.assign(fixtureDoc('same-kind-events', 'quake-b-1'));
    expect(b1).toMatchObject({ reason: 'new', similarity: null });
    expect(b1.storyId).not.toBe(a1.storyId);
    const linked = createStoryIndex({ windowHours: 72, aliases, tuning: { pairSimilarity: 0.14 } });
    const first = linked.assign(fixtureDoc('same-kind-events', 'quake-a-1'));
    expect(linked.assign(fixtureDoc('same-kind-events', 'quake-b-1')).storyId).toBe(first.storyId);
  });
});

describe('story index: Arabic script', () => {
  it('folds Arabic and Persian letter variants, tatweel, harakat and digits: same fingerprint, a duplicate', () => {
    const persian = fixtureDoc('arabic-script-pair', 'persian-letters');
    const arabic = fixtureDoc('arabic-script-pair', 'arabic-letters');
    expect(arabic.text).not.toBe(persian.text);
    expect(hammingDistance(simhash64(persian.text, aliases), simhash64(arabic.text, aliases))).toBe(0);
    const index = newIndex();
    const first = index.assign(persian);
    expect(index.assign(arabic)).toMatchObject({ storyId: first.storyId, duplicateOf: persian.id, distance: 0 });
  });
});

describe('story index: across runs and over time', () => {
  it('continues after a JSON snapshot round trip exactly as without the stop', () => {
    const docs = [
      fixtureDoc('seed-pair', 'first'),
      fixtureDoc('wire-copy', 'original'),
      fixtureDoc('same-kind-events', 'quake-a-1'),
      fixtureDoc('seed-pair', 'second'),
      fixtureDoc('wire-copy', 'copy-cut'),
      fixtureDoc('same-kind-events', 'quake-a-2'),
      fixtureDoc('same-kind-events', 'quake-b-1'),
      copyOf(fixtureDoc('same-kind-events', 'quake-b-1')),
      fixtureDoc('same-kind-events', 'quake-b-2'),
    ];
    const straight = newIndex();
    const expected = docs.map((d) => straight.assign(d));
    // The last report splits the second quake (with the copy of its first report) out of the first's story.
    expect(expected.at(-1)?.moved.map((m) => m.articleId)).toEqual(['quake-b-agency-1', 'quake-b-copy']);
    for (let stop = 1; stop < docs.length; stop += 1) {
      const first = newIndex();
      const got = docs.slice(0, stop).map((d) => first.assign(d));
      const second = newIndex(roundTrip(first.snapshot()));
      got.push(...docs.slice(stop).map((d) => second.assign(d)));
      expect(got).toEqual(expected);
      expect(second.snapshot()).toEqual(straight.snapshot());
    }
  });

  it('restores a version 1 snapshot (story centroids, before the graph): ids and copies carry on', () => {
    const today = newIndex();
    const original = today.assign(fixtureDoc('wire-copy', 'original'));
    const { nodes: _nodes, nextNode: _next, ...rest } = roundTrip(today.snapshot());
    const v1 = { ...rest, version: 1, stories: rest.stories.map((st) => ({ ...st, firstTime: rest.now, lastTime: rest.now, size: 1, centroid: [['kalvar', 1]], marks: [] })) };
    const tomorrow = newIndex(v1 as unknown as StoryIndexSnapshot);
    expect(tomorrow.assign(fixtureDoc('wire-copy', 'copy-next-day'))).toMatchObject({ storyId: original.storyId, duplicateOf: 'agency-a-kalvar-dam' });
    expect(tomorrow.snapshot().version).toBe(3);
  });

  it('lets a copy seen a day later, in the next run, join the earlier story', () => {
    const today = newIndex();
    const original = today.assign(fixtureDoc('wire-copy', 'original'));
    const tomorrow = newIndex(roundTrip(today.snapshot()));
    const copy = tomorrow.assign(fixtureDoc('wire-copy', 'copy-next-day'));
    expect(copy).toMatchObject({ storyId: original.storyId, duplicateOf: 'agency-a-kalvar-dam', reason: 'duplicate' });
  });

  it('forgets what is older than the window, in the index and in the snapshot (no story memory)', () => {
    const index = newIndex(null, 24, 0);
    const original = fixtureDoc('wire-copy', 'original');
    const first = index.assign(original);
    const late: StoryDoc = { ...fixtureDoc('wire-copy', 'copy-headline'), publishedAt: '2026-03-12T09:00:00Z', seenAt: '2026-03-12T09:00:00Z' };
    const later = index.assign(late);
    expect(later.duplicateOf).toBeNull();
    expect(later.storyId).not.toBe(first.storyId);
    const snapshot = index.snapshot();
    expect(snapshot.fingerprints.map((f) => f.id)).toEqual([late.id]);
    expect(snapshot.stories.map((s) => s.id)).toEqual([later.storyId]);
  });

  it('a report weeks later joins the old story through the story memory, and says so', () => {
    const index = newIndex(null, 24);
    const first = index.assign(fixtureDoc('wire-copy', 'original'));
    const late: StoryDoc = { ...fixtureDoc('wire-copy', 'copy-headline'), publishedAt: '2026-03-12T09:00:00Z', seenAt: '2026-03-12T09:00:00Z' };
    const later = index.assign(late);
    expect(later).toMatchObject({ duplicateOf: null, storyId: first.storyId, reason: 'similar', via: 'memory' });
    expect(Date.parse(later.openUntil)).toBe(Date.parse('2026-03-12T09:00:00Z') + (24 + 30 * 24) * 3_600_000);
    const snapshot = roundTrip(index.snapshot());
    expect(snapshot.nodes?.map((n) => n.id)).toEqual([late.id]);
    expect(snapshot.memory?.map((m) => m.storyId)).toEqual([first.storyId]);
    // Restored, the memory still holds the story: another late report joins it too.
    const restored = newIndex(snapshot, 24);
    const third = restored.assign({ ...fixtureDoc('wire-copy', 'copy-cut'), id: 'third', publishedAt: '2026-03-20T09:00:00Z', seenAt: '2026-03-20T09:00:00Z' });
    expect(third.storyId).toBe(first.storyId);
  });

  it('stays bounded however long it runs: the window, then the story memory', () => {
    const index = newIndex(null, 24, 1);
    const base = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < 400; i += 1) {
      const at = new Date(base + i * 3_600_000).toISOString();
      index.assign({ id: `n${i}`, title: `Bulletin ${i}`, text: `Item ${i} reports event number ${i} in district ${i % 17} with ${i * 7} people.`, publishedAt: at, seenAt: at, source: null });
    }
    const snapshot = index.snapshot();
    expect(snapshot.fingerprints.length).toBeLessThanOrEqual(25);
    expect(snapshot.nodes?.length ?? 0).toBeLessThanOrEqual(25);
    // A story is remembered for the window and one more day after its latest report.
    expect(snapshot.memory?.length ?? 0).toBeLessThanOrEqual(48 + 1);
    expect(snapshot.stories.length).toBeLessThanOrEqual(25 + 48 + 1);
  });

  it('answers a repeated article id the same way without counting it twice', () => {
    const index = newIndex();
    const first = index.assign(fixtureDoc('seed-pair', 'first'));
    const before = index.snapshot();
    expect(index.assign(fixtureDoc('seed-pair', 'first'))).toEqual(first);
    expect(index.snapshot()).toEqual(before);
  });

  it('reads a publishedAt without a zone as UTC and ignores one far in the future', () => {
    const index = newIndex(null, 24);
    const a = index.assign({ ...fixtureDoc('wire-copy', 'original'), publishedAt: '2026-03-10T09:00:00', seenAt: '2026-03-10T10:00:00Z' });
    const b = index.assign({ ...fixtureDoc('wire-copy', 'copy-headline'), publishedAt: '2031-01-01T00:00:00Z', seenAt: '2026-03-10T11:00:00Z' });
    expect(b.duplicateOf).toBe('agency-a-kalvar-dam');
    expect(index.snapshot().now).toBe('2026-03-10T11:00:00.000Z');
    expect(a.reason).toBe('new');
  });
});

describe('story index: merges', () => {
  it('joins two stories an article bridges, keeping the older id and reporting the absorbed one', () => {
    const words = (prefix: string): string => Array.from({ length: 12 }, (_, i) => `${prefix}${String.fromCharCode(97 + i)}word`).join(' ');
    const [a, b, c] = [words('alp'), words('bet'), words('gam')];
    const at = '2026-04-01T10:00:00Z';
    const doc = (id: string, text: string): StoryDoc => ({ id, title: '', text, publishedAt: at, seenAt: at, source: null });
    const index = createStoryIndex({ windowHours: 72, aliases, tuning: { linkSimilarity: 0.6 } });
    const first = index.assign(doc('one', `${a} ${b}`));
    const second = index.assign(doc('two', `${b} ${c}`));
    expect(second.storyId).not.toBe(first.storyId);
    // Same words in reverse order: a bag-of-words match that shares no shingle (not a copy).
    const bridge = index.assign(doc('three', `${a} ${b} ${c}`.split(' ').reverse().join(' ')));
    expect(bridge).toMatchObject({
      storyId: first.storyId,
      reason: 'similar',
      merged: [second.storyId],
      moved: [{ articleId: 'two', from: second.storyId, to: first.storyId }],
      ended: [{ storyId: second.storyId, into: first.storyId }],
    });
    expect(index.snapshot().stories.map((s) => s.id)).toEqual([first.storyId]);
    expect(index.assign(doc('four', `${c} ${b}`.split(' ').reverse().join(' '))).storyId).toBe(first.storyId);
  });

  it('refuses a snapshot of another shape with STATE_CORRUPT', () => {
    const good = createStoryIndex({ windowHours: 72, aliases });
    good.assign(fixtureDoc('seed-pair', 'first'));
    const snapshot = roundTrip(good.snapshot()) as unknown as Record<string, unknown>;
    for (const broken of [{ ...snapshot, version: 4 }, { ...snapshot, stories: [{ id: 'x' }] }, { ...snapshot, fingerprints: [{ id: 'y', simhash: 'zz' }] }]) {
      expect(() => createStoryIndex({ windowHours: 72, aliases }, broken as unknown as StoryIndexSnapshot)).toThrow(expect.objectContaining({ code: 'STATE_CORRUPT' }));
    }
  });

  it('refuses a snapshot whose clock, counters or entry sizes are not numbers, instead of never evicting', () => {
    const good = createStoryIndex({ windowHours: 72, aliases });
    good.assign(fixtureDoc('seed-pair', 'first'));
    const snapshot = roundTrip(good.snapshot()) as unknown as Record<string, unknown> & { stories: object[]; fingerprints: object[]; nodes: object[] };
    const broken = [
      { ...snapshot, now: 'soon' },
      { ...snapshot, nextSeq: 'x' },
      { ...snapshot, df: { docs: 1, terms: 7 } },
      { ...snapshot, stories: snapshot.stories.map((st) => ({ ...st, seq: undefined })) },
      { ...snapshot, nodes: snapshot.nodes.map((n) => ({ ...n, vector: undefined })) },
      { ...snapshot, nodes: snapshot.nodes.map((n) => ({ ...n, storyId: 'nowhere' })) },
      { ...snapshot, fingerprints: snapshot.fingerprints.map((f) => ({ ...f, shingles: undefined })) },
    ];
    for (const b of broken) {
      expect(() => createStoryIndex({ windowHours: 72, aliases }, b as unknown as StoryIndexSnapshot)).toThrow(expect.objectContaining({ code: 'STATE_CORRUPT' }));
    }
  });
});
