import { describe, expect, it } from 'vitest';
import { createStoryIndex, replayStoryIndex, storyIndexInputOf, type StoryDoc, type StoryIndexInput } from '../../src/fingerprint/index.js';
import { imageTestStream, makeVocabulary, randomWords, seededRandom, shippedAliases } from './helpers.js';

// A window of a day on an hourly stream: articles leave it and come back through the story memory.
const options = { windowHours: 24, aliases: shippedAliases() };

/** The inputs an index took, logged as the commit logs them (with their traces), through JSON as the log stores them. */
function logged(index: ReturnType<typeof createStoryIndex>, docs: ReturnType<typeof imageTestStream>): StoryIndexInput[] {
  return docs.map((doc) => {
    index.assign(doc);
    return JSON.parse(JSON.stringify(storyIndexInputOf(doc, index.lastTrace()))) as StoryIndexInput;
  });
}

/** An index that took the stream's first 60 articles, and its image then. */
function checkpointedAt60(stream: StoryDoc[]): { original: ReturnType<typeof createStoryIndex>; blocks: Uint8Array[] } {
  const original = createStoryIndex(options);
  for (const doc of stream.slice(0, 60)) original.assign(doc);
  return { original, blocks: [...original.image().blocks] };
}

describe('story index replay', () => {
  it('replayed with their traces, logged inputs give the index that took them, as replaying them by searching does', () => {
    const stream = imageTestStream(260);
    const { original, blocks } = checkpointedAt60(stream);
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
    // Searching again reads the text, which the traced inputs leave out.
    replayStoryIndex(searched, stream.slice(60, 220).map((doc) => ({ doc, placement: null })));
    expect(traced.snapshot()).toEqual(original.snapshot());
    expect(searched.snapshot()).toEqual(original.snapshot());
    const next = stream.slice(220);
    const assigned = next.map((doc) => original.assign(doc));
    expect(next.map((doc) => traced.assign(doc))).toEqual(assigned);
    expect(next.map((doc) => searched.assign(doc))).toEqual(assigned);
  });

  it('takes the searches from the trace instead of searching again', () => {
    const stream = imageTestStream(80);
    const { original, blocks } = checkpointedAt60(stream);
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

  it('logs a traced input with its tokens instead of its text; rows logged before, with the text and no tokens, replay to the same index', () => {
    const stream = imageTestStream(200);
    const { original, blocks } = checkpointedAt60(stream);
    const inputs = logged(original, stream.slice(60));
    const traced = inputs.filter((i) => i.trace !== undefined);
    expect(traced.length).toBeGreaterThan(100);
    for (const input of traced) {
      expect(input.trace?.tokens).toHaveLength(4);
      expect([input.doc.title, input.doc.text]).toEqual(['', '']);
    }
    // As the previous format logged them: the whole doc, a trace without tokens.
    const before = inputs.map((input, i): StoryIndexInput => {
      const doc = stream[60 + i] as StoryDoc;
      if (input.trace === undefined) return { doc, placement: null };
      const { tokens: _tokens, ...trace } = input.trace;
      return { doc, placement: null, trace };
    });
    const fromTokens = createStoryIndex(options, { live: 0, blocks });
    const fromText = createStoryIndex(options, { live: 0, blocks });
    const mixed = createStoryIndex(options, { live: 0, blocks });
    replayStoryIndex(fromTokens, inputs);
    replayStoryIndex(fromText, before);
    replayStoryIndex(mixed, inputs.map((input, i) => (i % 2 === 0 ? input : (before[i] as StoryIndexInput))));
    expect(fromTokens.snapshot()).toEqual(original.snapshot());
    expect(fromText.snapshot()).toEqual(original.snapshot());
    expect(mixed.snapshot()).toEqual(original.snapshot());
    // Replayed, an input gives the trace it was logged with, tokens included.
    const again = createStoryIndex(options, { live: 0, blocks });
    for (const input of inputs) {
      again.assign(input.doc, input.trace ?? null);
      if (input.trace !== undefined) expect(again.lastTrace()).toEqual(input.trace);
    }
  });

  it('calls tokens whose entity flags do not match them corrupt', () => {
    const stream = imageTestStream(70);
    const { original, blocks } = checkpointedAt60(stream);
    const [input] = logged(original, stream.slice(60, 61)) as [StoryIndexInput & { trace: NonNullable<StoryIndexInput['trace']> }];
    const [title, body, titleFlags, bodyFlags] = input.trace.tokens ?? ['', '', '', ''];
    const replayed = createStoryIndex(options, { live: 0, blocks });
    expect(() => replayed.assign(input.doc, { ...input.trace, tokens: [title, body, titleFlags, `${bodyFlags}0`] })).toThrow(/entity flags/);
    expect(() => replayed.assign(input.doc, { ...input.trace, tokens: [title, body, titleFlags.replace(/.$/, '2'), bodyFlags] })).toThrow(/entity flag/);
  });

  it('calls a trace that names an article outside the window corrupt', () => {
    const stream = imageTestStream(70);
    const { original, blocks } = checkpointedAt60(stream);
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
      log.push(JSON.parse(JSON.stringify(storyIndexInputOf(doc, trace))) as StoryIndexInput);
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
