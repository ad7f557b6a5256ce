import { describe, expect, it } from 'vitest';
import { RecordWriter } from '../../src/fingerprint/byte-records.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createStoryIndex, STORY_IMAGE_VERSION } from '../../src/fingerprint/index.js';
import { fixtureDoc, imageTestStream, shippedAliases } from './helpers.js';

/** An image of an empty window in the given version's layout (header, no document frequencies, four empty sections). */
function emptyImage(version: number): { live: number; blocks: Uint8Array[] } {
  const w = new RecordWriter();
  w.uint(version);
  w.f64(72);
  w.f64(Date.parse('2026-02-01T00:00:00Z'));
  w.uint(3);
  w.uint(0);
  w.uint(0);
  w.uint(0);
  for (let section = 0; section < 4; section += 1) {
    w.endRecord();
    w.uint(0);
  }
  return { live: 0, blocks: [w.close() as Buffer] };
}

// State dirs checkpointed before version 5 keep their image until the next checkpoint.
describe('story index image versions', () => {
  it('restores a version 4 image and goes on from its counters', () => {
    const index = createStoryIndex({ windowHours: 72, aliases: shippedAliases() }, emptyImage(4));
    const doc = fixtureDoc('seed-pair', 'first');
    expect(index.assign({ ...doc, seenAt: '2026-02-01T01:00:00Z', publishedAt: null }).storyId).toMatch(/^s3-/);
  });

  it('calls an image of an unknown version corrupt', () => {
    expect(() => createStoryIndex({ windowHours: 72, aliases: shippedAliases() }, emptyImage(3))).toThrow(expect.objectContaining({ code: 'STATE_CORRUPT' }));
  });

  // fixtures/state/story-index-v5.bin: imageTestStream(40) as the version 5 writer (ids as plain strings) left it.
  it('restores a version 5 image as the index that wrote it, and writes the current version', () => {
    const options = { windowHours: 72, aliases: shippedAliases() };
    const stream = imageTestStream(50);
    const v5 = new Uint8Array(readFileSync(fileURLToPath(new URL('../../fixtures/state/story-index-v5.bin', import.meta.url))));
    expect(v5[0]).toBe(5);
    const written = createStoryIndex(options);
    for (const doc of stream.slice(0, 40)) written.assign(doc);
    const image = written.image();
    const blocks = [...image.blocks];
    expect(blocks[0]?.[0]).toBe(STORY_IMAGE_VERSION);
    const fromV5 = createStoryIndex(options, { live: 40, blocks: [v5] });
    const fromCurrent = createStoryIndex(options, { live: image.live, blocks });
    const next = stream.slice(40);
    const assigned = next.map((doc) => written.assign(doc));
    expect(assigned.some((a) => a.reason === 'duplicate') && assigned.some((a) => a.reason === 'similar')).toBe(true);
    expect(next.map((doc) => fromV5.assign(doc))).toEqual(assigned);
    expect(next.map((doc) => fromCurrent.assign(doc))).toEqual(assigned);
    // Cross-language keys were cognate-folded after version 5 (cognates.ts): the articles restored
    // from that image keep the keys it stored (their `names`) until they leave the window.
    const restored = new Set(stream.slice(0, 40).map((doc) => doc.id));
    const withoutRestoredNames = (s: ReturnType<typeof written.snapshot>): ReturnType<typeof written.snapshot> => ({ ...s, nodes: (s.nodes ?? []).map((n) => (restored.has(n.id) ? { ...n, names: [] } : n)) });
    expect(withoutRestoredNames(fromV5.snapshot())).toEqual(withoutRestoredNames(written.snapshot()));
    expect(fromCurrent.snapshot()).toEqual(written.snapshot());
  });
});
