import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeStoryIndex, encodeStoryIndex, encodeStoryIndexInTurns } from '../../src/store/story-index-bytes.js';

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

  it('deflates a block that differs only at its start, and stores one that deflate cannot shrink', () => {
    // Judged by slices of the block (start, middle, end): a random start must not get a compressible block stored.
    const randomStart = Buffer.concat([randomBytes(8_000), Buffer.alloc(292_000, 'wire text ')]);
    const random = randomBytes(300_000);
    const framed = (block: Buffer): number => encodeStoryIndex({ upTo: 1, live: 1 }, { live: 1, blocks: [block] }, true).length;
    expect(framed(randomStart)).toBeLessThan(20_000);
    expect(framed(random)).toBeGreaterThan(300_000);
    expect(framed(random)).toBeLessThan(300_000 + 200);
  });

  it('inflates each block into its stated size, and refuses a block whose stated size is wrong', () => {
    const tiny = Buffer.from('ab');
    const block = Buffer.alloc(70_000, 'xyz');
    const bytes = encodeStoryIndex({ upTo: 1, live: 1 }, { live: 1, blocks: [tiny, Buffer.alloc(0), block] }, true);
    const blocks = [...(decodeStoryIndex(bytes).snapshot as { blocks: Iterable<Uint8Array> }).blocks].map((b) => Buffer.from(b));
    expect(blocks).toEqual([tiny, Buffer.alloc(0), block]);
    // The third frame's raw length (after the header and the first two frames) told one byte short, then long.
    const header = 9 + bytes.readUInt32LE(5);
    let at = header;
    for (let frame = 0; frame < 2; frame += 1) at += 8 + bytes.readUInt32LE(at + 4);
    for (const told of [block.length - 1, block.length + 1]) {
      const wrong = Buffer.from(bytes);
      wrong.writeUInt32LE(told, at);
      expect(() => [...(decodeStoryIndex(wrong).snapshot as { blocks: Iterable<Uint8Array> }).blocks]).toThrow(/wrong length/);
    }
  });

  it('encodes in turns: other work runs between blocks, and the bytes are the same', async () => {
    // Deflated and stored blocks, two stored ones in a row (a stored block's frame is ready at once).
    const blocks = [Buffer.alloc(200_000, 'first '), randomBytes(200_000), randomBytes(200_000), Buffer.alloc(200_000, 'fourth ')];
    // What else the event loop did, counted as each block was taken (a checkpoint's blocks are built as they are taken).
    let turns = 0;
    let running = true;
    const tick = (): void => {
      turns += 1;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const seen: number[] = [];
    const taken = (): Iterable<Uint8Array> => ({
      *[Symbol.iterator]() {
        for (const block of blocks) {
          seen.push(turns);
          yield block;
        }
      },
    });
    const inTurns = await encodeStoryIndexInTurns({ upTo: 3, live: 4 }, { live: 4, blocks: taken() }, true);
    running = false;
    for (let k = 1; k < blocks.length; k += 1) expect(seen[k]).toBeGreaterThan(seen[k - 1] as number);
    seen.length = 0;
    const atOnce = encodeStoryIndex({ upTo: 3, live: 4 }, { live: 4, blocks: taken() }, true);
    expect(new Set(seen).size).toBe(1);
    expect(inTurns.equals(atOnce)).toBe(true);
    expect([...(decodeStoryIndex(inTurns).snapshot as { blocks: Iterable<Uint8Array> }).blocks].map((b) => Buffer.from(b))).toEqual(blocks);
  });
});
