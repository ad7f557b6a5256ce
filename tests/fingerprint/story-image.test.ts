import { describe, expect, it } from 'vitest';
import { RecordWriter } from '../../src/fingerprint/byte-records.js';
import { createStoryIndex } from '../../src/fingerprint/index.js';
import { fixtureDoc, shippedAliases } from './helpers.js';

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
});
