import { describe, expect, it } from 'vitest';
import { createStoryIndex, replayStoryIndex, type StoryDoc, type StoryIndexInput } from '../../src/fingerprint/index.js';
import { imageTestStream, makeVocabulary, randomWords, seededRandom, shippedAliases } from './helpers.js';

// A window of a day on an hourly stream: articles leave it and come back through the story memory.
const options = { windowHours: 24, aliases: shippedAliases() };

/** The inputs an index took, logged as the commit logs them (with their traces), through JSON as the log stores them. */
function logged(index: ReturnType<typeof createStoryIndex>, docs: ReturnType<typeof imageTestStream>): StoryIndexInput[] {
  return docs.map((doc) => {
    index.assign(doc);
    const trace = index.lastTrace();
    return JSON.parse(JSON.stringify(trace === null ? { doc, placement: null } : { doc, placement: null, trace })) as StoryIndexInput;
  });
}

describe('story index replay', () => {
  it('replayed with their traces, logged inputs give the index that took them, as replaying them by searching does', () => {
    const stream = imageTestStream(260);
    const original = createStoryIndex(options);
    for (const doc of stream.slice(0, 60)) original.assign(doc);
    const blocks = [...original.image().blocks];
    const inputs = logged(original, stream.slice(60, 220));
    const traces = inputs.flatMap((i) => (i.trace === undefined ? [] : [i.trace]));
    // The stream exercises what a trace carries: duplicates, links, remembered stories, new and redrawn stories.
    expect(traces.some((t) => t.duplicate !== null)).toBe(true);
    expect(traces.some((t) => t.links.some(([ref]) => typeof ref === 'string'))).toBe(true);
    expect(traces.some((t) => t.plans.some(([storyId]) => storyId === null))).toBe(true);
    expect(traces.some((t) => t.plans.some(([, seqs]) => seqs.length > 1))).toBe(true);

    const traced = createStoryIndex(options, { live: 0, blocks });
    const searched = createStoryIndex(options, { live: 0, blocks });
    expect(replayStoryIndex(traced, inputs)).toBe(160);
    replayStoryIndex(searched, inputs.map(({ doc, placement }) => ({ doc, placement })));
    expect(traced.snapshot()).toEqual(original.snapshot());
    expect(searched.snapshot()).toEqual(original.snapshot());
    const next = stream.slice(220);
    const assigned = next.map((doc) => original.assign(doc));
    expect(next.map((doc) => traced.assign(doc))).toEqual(assigned);
    expect(next.map((doc) => searched.assign(doc))).toEqual(assigned);
  });

  it('takes the searches from the trace instead of searching again', () => {
    const stream = imageTestStream(80);
    const original = createStoryIndex(options);
    for (const doc of stream.slice(0, 60)) original.assign(doc);
    const blocks = [...original.image().blocks];
    const inputs = logged(original, stream.slice(60));
    const replayedOnce = createStoryIndex(options, { live: 0, blocks });
    const reasons = inputs.map((i) => replayedOnce.assign(i.doc, i.trace).reason);
    const at = reasons.indexOf('similar');
    const input = inputs[at] as StoryIndexInput & { trace: NonNullable<StoryIndexInput['trace']> };
    const seq = input.trace.plans.flatMap(([, seqs]) => seqs).at(-1) as number;
    const replayed = createStoryIndex(options, { live: 0, blocks });
    replayStoryIndex(replayed, inputs.slice(0, at));
    // Told it found no links, the article starts a story of its own: nothing was searched again.
    const alone = replayed.assign(input.doc, { ...input.trace, links: [], plans: [[null, [seq]]] });
    expect(alone.reason).toBe('new');
    expect(alone.similarity).toBeNull();
  });

  it('calls a trace that names an article outside the window corrupt', () => {
    const stream = imageTestStream(70);
    const original = createStoryIndex(options);
    for (const doc of stream.slice(0, 60)) original.assign(doc);
    const blocks = [...original.image().blocks];
    const [input] = logged(original, stream.slice(60, 61)) as [StoryIndexInput];
    const replayed = createStoryIndex(options, { live: 0, blocks });
    const trace = input.trace ?? { language: 'en', duplicate: null, links: [], plans: [] };
    expect(() => replayed.assign(input.doc, { ...trace, duplicate: null, links: [[999_999, 0.5]] })).toThrow(/not in the window/);
  });

  it('restarts at any input of a stream published out of order, with re-sent ids and several languages, as the index that never stopped', () => {
    // Reports published up to 40 h before they are seen (a 6 h window: many arrive already outside
    // it and reach stories through the memory), copies, ids sent again; crashes at random inputs
    // restore the last checkpoint and replay the log with its traces, and the run goes on from there.
    const random = seededRandom(29);
    const vocabulary = makeVocabulary(random, 600);
    const docs: StoryDoc[] = [];
    for (let i = 0; i < 400; i += 1) {
      const seen = Date.UTC(2026, 0, 1) + i * 600_000;
      const publishedAt = random() < 0.25 ? new Date(seen - Math.floor(random() * 40 * 3_600_000)).toISOString() : null;
      const earlier = docs[Math.floor(random() * docs.length)];
      const roll = random();
      if (earlier !== undefined && roll < 0.1) docs.push({ ...earlier, id: `copy-${i}`, seenAt: new Date(seen).toISOString(), publishedAt });
      else if (earlier !== undefined && roll < 0.15) docs.push({ ...earlier, seenAt: new Date(seen).toISOString(), publishedAt });
      else {
        const words = [...randomWords(seededRandom(500 + (Math.floor(i / 4) % 40)), vocabulary, 20), ...randomWords(random, vocabulary, 40)];
        const language = roll < 0.5 ? 'en' : roll < 0.7 ? 'de' : roll < 0.8 ? 'fr' : null;
        docs.push({ id: `article-${i}`, title: words.slice(0, 8).join(' '), text: words.join(' '), publishedAt, seenAt: new Date(seen).toISOString(), source: null, language });
      }
    }
    const memoryOptions = { windowHours: 6, memoryDays: 1, aliases: shippedAliases() };
    const schedule = docs.map(() => random());
    const straight = createStoryIndex(memoryOptions);
    const expected = docs.map((doc, i) => {
      const a = straight.assign(doc);
      if ((schedule[i] as number) < 0.03) for (const _block of straight.image().blocks);
      return a;
    });
    let index = createStoryIndex(memoryOptions);
    let checkpoint = [...index.image().blocks];
    let log: StoryIndexInput[] = [];
    let crashes = 0;
    const traces: NonNullable<StoryIndexInput['trace']>[] = [];
    const assigned = docs.map((doc, i) => {
      const a = index.assign(doc);
      const trace = index.lastTrace();
      log.push(JSON.parse(JSON.stringify(trace === null ? { doc, placement: null } : { doc, placement: null, trace })) as StoryIndexInput);
      if (trace !== null) traces.push(trace);
      const r = schedule[i] as number;
      if (r < 0.03) {
        checkpoint = [...index.image().blocks];
        log = [];
      } else if (r < 0.08) {
        crashes += 1;
        index = createStoryIndex(memoryOptions, { live: 0, blocks: checkpoint });
        replayStoryIndex(index, log);
      }
      return a;
    });
    expect(crashes).toBeGreaterThan(10);
    // What a trace carries came up: copies, links to remembered stories, redrawn stories.
    expect(traces.some((t) => t.duplicate !== null)).toBe(true);
    expect(traces.some((t) => t.links.some(([ref]) => typeof ref === 'string'))).toBe(true);
    expect(traces.some((t) => t.plans.some(([, seqs]) => seqs.length > 1))).toBe(true);
    expect(assigned).toEqual(expected);
    expect(index.snapshot()).toEqual(straight.snapshot());
  });
});
