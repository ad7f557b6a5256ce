import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeStoryIndex, encodeStoryIndex } from '../../src/store/story-index-bytes.js';

describe('story index bytes', () => {
  it('gives back the image blocks as written, deflated or stored (blocks deflate barely shrinks)', () => {
    const repetitive = Buffer.alloc(300_000, 'abcabcabc');
    const random = randomBytes(300_000);
    const mixed = Buffer.concat([randomBytes(150_000), Buffer.alloc(150_000, 7)]);
    const bytes = encodeStoryIndex({ upTo: 7, live: 3 }, { live: 3, blocks: [repetitive, random, mixed] }, true);
    // The random block is kept about as large as it is (stored); the others shrink.
    expect(bytes.length).toBeGreaterThan(300_000);
    expect(bytes.length).toBeLessThan(300_000 + 200_000);
    const decoded = decodeStoryIndex(bytes);
    expect(decoded.upTo).toBe(7);
    expect(decoded.live).toBe(3);
    const blocks = [...(decoded.snapshot as { blocks: Iterable<Uint8Array> }).blocks].map((b) => Buffer.from(b));
    expect(blocks).toEqual([repetitive, random, mixed]);
  });
});
