import { setImmediate } from 'node:timers/promises';
import { promisify } from 'node:util';
import { deflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { StoryIndexImage, StoryIndexSnapshot } from '../fingerprint/index.js';

/**
 * The bytes of a persisted story index, shared by the SQLite file and the PostgreSQL row.
 *
 * Since the binary image (fingerprint/story-image.ts): `WDIX`, a format byte, a small JSON header
 * ({upTo, live}, length-prefixed), then the image's blocks one by one, each deflated on its own
 * and framed as [raw length u32][deflated length u32][bytes], ending with a [0][0] frame. Written
 * and read block by block: no JSON string of the window exists on either side.
 *
 * Before it: the whole `{upTo, live, snapshot}` (SQLite) or the snapshot (PostgreSQL) as one
 * deflated JSON document. Still read (a raw deflate stream never starts with `W`: its block type
 * would be the reserved 11), and still written for a JSON snapshot handed in (a v1 state import).
 */
const MAGIC = Buffer.from('WDIX', 'latin1');
const deflateInPool = promisify(deflateRaw);
const FORMAT = 1;
/**
 * A block whose deflated form keeps more than this share of its bytes is written in deflate's
 * stored form instead (level 0: the bytes as they are, in the same framing, read by the same
 * inflate): inflating a checkpoint of 100,000 live articles (113 MB from 85) was ~0.35 CPU-s of a
 * restart, inflating stored blocks ~0.05, and deflate at level 1 kept 70-81 % of these blocks
 * (term numbers, weights and hash values, little that repeats).
 */
const STORED_ABOVE = 2 / 3;
/** Bytes of each of the three slices (start, middle, end) of a block deflated to judge it (blocks are ~256 KB). */
const SAMPLE_SLICE = 4 * 1024;
/**
 * A block whose three slices together deflate to more than this share of their bytes is stored
 * without deflating it whole. Deflating blocks only to store them was ~2.2 of the ~6 CPU-s a
 * checkpoint of 100,000 live articles took; on that checkpoint's 449 blocks the slices skipped
 * ~1.4 s of it for ~0.14 s, and never stored a block deflate would have kept (slices deflate
 * worse than their whole block: less history to match). Three slices, not one, so a block whose
 * start differs from the rest (a section ending, another starting) is still judged by the rest.
 */
const SAMPLE_STORED_ABOVE = 0.75;

/** Where a stored index stands: the last log sequence number it includes and the articles in its window. */
export interface StoryIndexMeta {
  upTo: number;
  live: number;
}

/** A stored index read back: its meta and the index (an image whose blocks are inflated as the restore reads them). */
export interface StoredStoryIndex extends StoryIndexMeta {
  snapshot: StoryIndexSnapshot | StoryIndexImage;
}

/** Whether an index handed to a store is an image (else a JSON snapshot). */
export function isStoryIndexImage(index: StoryIndexSnapshot | StoryIndexImage): index is StoryIndexImage {
  return 'blocks' in index;
}

/** The articles in the window of an index handed to a store. */
export function liveArticles(index: StoryIndexSnapshot | StoryIndexImage): number {
  return isStoryIndexImage(index) ? index.live : index.fingerprints.length;
}

/**
 * Encodes an index with its meta; an image is consumed here (its blocks are encoded as they are
 * taken, so call this before the index takes another input). `wrapJson` keeps the old SQLite
 * layout for a JSON snapshot ({upTo, live, snapshot}; PostgreSQL stored the bare snapshot).
 */
export function encodeStoryIndex(meta: StoryIndexMeta, index: StoryIndexSnapshot | StoryIndexImage, wrapJson: boolean): Buffer {
  if (!isStoryIndexImage(index)) return deflateRawSync(JSON.stringify(wrapJson ? { ...meta, snapshot: index } : index), { level: 1 });
  return Buffer.concat([...imageFrames(meta, index)].flat());
}

/**
 * As encodeStoryIndex, giving the event loop a turn after each block: a checkpoint of 100,000 live
 * articles took ~4 s of one piece of main-thread work (building its ~450 blocks is most of it,
 * deflating them the rest), during which a daemon's sockets and timers and a grouper's heartbeat
 * waited. Per block, the longest piece is ~60 ms. Each block is deflated in zlib's thread pool
 * while the next is built (blocks are copies the index no longer writes). The index must take no
 * input until the returned promise settles (its image is read as the blocks are taken); the
 * committer awaits it.
 */
export async function encodeStoryIndexInTurns(meta: StoryIndexMeta, index: StoryIndexSnapshot | StoryIndexImage, wrapJson: boolean): Promise<Buffer> {
  if (!isStoryIndexImage(index)) return encodeStoryIndex(meta, index, wrapJson);
  const parts: Buffer[] = headerFrame(meta);
  let previous: Promise<Buffer[]> | null = null;
  for (const block of index.blocks) {
    const next = storedLooksBetter(block) ? Promise.resolve(blockFrame(block, null)) : deflateInPool(block, { level: 1 }).then((packed) => blockFrame(block, packed));
    if (previous !== null) parts.push(...(await previous));
    // A turn even when nothing was waited for (a stored block's frame is ready at once).
    await setImmediate();
    previous = next;
  }
  if (previous !== null) parts.push(...(await previous));
  parts.push(u32(0), u32(0));
  return Buffer.concat(parts);
}

/** The image format's pieces: the header, then one frame per block (each block deflated or stored), then the end frame. */
function* imageFrames(meta: StoryIndexMeta, index: StoryIndexImage): Generator<Buffer[]> {
  yield headerFrame(meta);
  for (const block of index.blocks) yield blockFrame(block, storedLooksBetter(block) ? null : deflateRawSync(block, { level: 1 }));
  yield [u32(0), u32(0)];
}

function headerFrame(meta: StoryIndexMeta): Buffer[] {
  const header = Buffer.from(JSON.stringify(meta), 'utf8');
  return [MAGIC, Buffer.from([FORMAT]), u32(header.length), header];
}

/** One block's frame: its level-1 deflate (`packed`) unless that keeps too much of it, else the block stored; null: stored without trying. */
function blockFrame(block: Uint8Array, packed: Buffer | null): Buffer[] {
  const kept = packed === null || packed.length > STORED_ABOVE * block.byteLength ? deflateRawSync(block, { level: 0 }) : packed;
  return [u32(block.byteLength), u32(kept.length), kept];
}

/** True when a block's slices deflate so poorly that the whole block will be stored. */
function storedLooksBetter(block: Uint8Array): boolean {
  if (block.byteLength <= 8 * SAMPLE_SLICE) return false;
  const middle = (block.byteLength - SAMPLE_SLICE) >> 1;
  const sample = Buffer.concat([block.subarray(0, SAMPLE_SLICE), block.subarray(middle, middle + SAMPLE_SLICE), block.subarray(block.byteLength - SAMPLE_SLICE)]);
  return deflateRawSync(sample, { level: 1 }).length > SAMPLE_STORED_ABOVE * sample.byteLength;
}

/** Whether stored bytes are in the image format (else deflated JSON). */
export function isImageBytes(bytes: Buffer): boolean {
  return bytes.length >= 5 && bytes.subarray(0, 4).equals(MAGIC);
}

/** Bytes from the start of an image file enough to read its meta (readMeta). */
export const META_BYTES = 4096;

/** The meta of image bytes from their first bytes (at least META_BYTES, or the whole file); null when it does not fit. */
export function readImageMeta(head: Buffer): StoryIndexMeta | null {
  if (!isImageBytes(head)) return null;
  if (head[4] !== FORMAT) throw new Error(`unknown story index format ${head[4]}`);
  const length = head.readUInt32LE(5);
  if (9 + length > head.length) return null;
  const meta = JSON.parse(head.toString('utf8', 9, 9 + length)) as StoryIndexMeta;
  if (typeof meta.upTo !== 'number' || typeof meta.live !== 'number') throw new Error('not a story index header');
  return meta;
}

/** Decodes stored bytes; `meta` supplies upTo and live for a bare JSON snapshot (PostgreSQL's old rows). */
export function decodeStoryIndex(bytes: Buffer, meta: StoryIndexMeta | null = null): StoredStoryIndex {
  if (!isImageBytes(bytes)) {
    const parsed = JSON.parse(inflateRawSync(bytes).toString('utf8')) as unknown;
    if (meta !== null) return { ...meta, snapshot: parsed as StoryIndexSnapshot };
    const file = parsed as StoredStoryIndex;
    if (typeof file.upTo !== 'number' || typeof file.snapshot !== 'object' || file.snapshot === null) throw new Error('not a story index snapshot');
    return file;
  }
  const head = readImageMeta(bytes);
  if (head === null) throw new Error('truncated story index header');
  const start = 9 + (bytes.readUInt32LE(5) as number);
  return { ...head, snapshot: { live: head.live, blocks: inflatedBlocks(bytes, start) } };
}

/** Largest block inflated into a buffer of its stated size (a larger size is corrupt or not ours: zlib's chunks then). */
const MAX_BLOCK_CHUNK = 16 * 2 ** 20;

/** The image's blocks, inflated one at a time as they are read. */
function inflatedBlocks(bytes: Buffer, start: number): Iterable<Uint8Array> {
  return {
    *[Symbol.iterator]() {
      let at = start;
      for (;;) {
        if (at + 8 > bytes.length) throw new Error('story index image is truncated');
        const raw = bytes.readUInt32LE(at);
        const packed = bytes.readUInt32LE(at + 4);
        at += 8;
        if (raw === 0 && packed === 0) return;
        if (at + packed > bytes.length) throw new Error('story index image is truncated');
        // Inflated into one buffer of the block's size: in zlib's default 16 KB chunks joined
        // after, a restore of 100,000 live articles spent half its ~70 ms of inflating copying.
        const block = inflateRawSync(bytes.subarray(at, at + packed), raw <= MAX_BLOCK_CHUNK ? { chunkSize: Math.max(64, raw) } : undefined);
        if (block.length !== raw) throw new Error('story index image block has the wrong length');
        at += packed;
        yield block;
      }
    },
  };
}

function u32(value: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32LE(value);
  return b;
}
