import { describe, expect, it } from 'vitest';
import { createStoryIndex, replayStoryIndex, type StoryIndexInput } from '../../src/fingerprint/index.js';
import { imageTestStream, shippedAliases } from './helpers.js';

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
});
