import { RecordReader, RecordWriter } from './byte-records.js';
import type { FingerprintEntry } from './duplicate-finder.js';
import { FingerprintColumns, isKnownFlags } from './restored-fingerprints.js';
import type { LanguageFrequencyColumns, LanguageFrequencySnapshot } from './language-frequencies.js';
import type { StorySnapshot } from './story-index-types.js';
import type { PackedVectors, PackedView } from './restored-article.js';
import type { MarkCounts } from './story-marks.js';
import { WEIGHT_SCALE, type TermVector } from './story-vector.js';

/**
 * The story index's image (version 6): the live window as a stream of small binary records, so a
 * checkpoint of 100,000 live articles is written and read without one giant JSON string or an
 * object tree of [term, weight] tuples (a restore builds the index's Maps and typed arrays
 * directly from the records). Recurring strings (terms, languages, story ids) are written once
 * and then by number; weights kept to 5 decimals are written as integers, other numbers exactly
 * (float64), so a restored index continues bit for bit as the one that wrote it.
 *
 * Order: header, document frequencies, stories, remembered stories, graph articles, fingerprints
 * (the order a restore needs them in).
 */
export const STORY_IMAGE_VERSION = 6;
/**
 * Versions a restore reads: 4 lacked the anchors' arrival order (and wrote remembered stories oldest
 * first); 5 wrote article ids as plain strings each time (6: once, then by number).
 */
const READ_VERSIONS: readonly number[] = [4, 5, 6];

/** The encoded index, as raw record blocks (story-index.ts `image()`); consume before the index takes another input. */
export interface StoryIndexImage {
  /** Articles in the window (fingerprints). */
  live: number;
  blocks: Iterable<Uint8Array>;
}

export interface ImageHeader {
  windowHours: number;
  /** Latest article time (ms), -Infinity before the first. */
  now: number;
  nextSeq: number;
  nextNode: number;
  live: number;
}

/** A graph article as the image holds it. */
export interface ImageNode {
  id: string;
  seq: number;
  time: number;
  storyId: string;
  language: string;
  /** Maps, or (read from an image) views of one packed form (restored-article.ts). */
  vector: TermVector | PackedView;
  names: TermVector | PackedView;
  marks: MarkCounts | PackedView;
  /**
   * Neighbours by article id, and links to remembered stories by story id, strongest first. Read
   * from a version 6 image both are empty and the links are in ImageParts.links instead.
   */
  knn: [string, number][];
  memoryKnn: [string, number][];
  /** Read from a version 6 image: where its links are in ImageParts.links (see ImageLinks). */
  packedLinks?: PackedLinks;
}

/** An article's links in ImageLinks: its id's term number, then `knn` article links and `memory` remembered-story links from `at`. */
export interface PackedLinks {
  idTerm: number;
  at: number;
  knn: number;
  memory: number;
}

/**
 * The k-NN links of an image's graph articles as read (version 6): each link's target as a term
 * number of the image (an article id, or a remembered story's id) and its similarity, in flat
 * arrays. A restore of 100,000 articles built ~800,000 [id, similarity] tuples that lived until
 * the end of the restore: most of what its collector copied and marked, for lists that are kept
 * as rows of typed arrays anyway (restored-links.ts).
 */
export class ImageLinks {
  targets = new Int32Array(1 << 16);
  similarities = new Float64Array(1 << 16);
  size = 0;

  constructor(
    /** The image's term table (number → string; complete once the graph articles are read). */
    readonly terms: readonly string[],
  ) {}

  push(target: number, similarity: number): void {
    if (this.size === this.targets.length) {
      const targets = new Int32Array(this.size * 2);
      targets.set(this.targets);
      const similarities = new Float64Array(this.size * 2);
      similarities.set(this.similarities);
      this.targets = targets;
      this.similarities = similarities;
    }
    this.targets[this.size] = target;
    this.similarities[this.size] = similarity;
    this.size += 1;
  }
}

/** A remembered story as the image holds it (story-memory.ts). */
export interface ImageMemory {
  storyId: string;
  time: number;
  members: number;
  sum: TermVector;
  recent: TermVector[];
  /** Its anchor's arrival order (story-memory.ts); absent in a version 4 image. */
  anchorSeq?: number | undefined;
}

/** What an image is written from and read into; sections are read lazily, in this order. */
export interface ImageParts {
  header: ImageHeader;
  /** Written from a snapshot; read as columns (no [term, count] pair per term). */
  df: LanguageFrequencySnapshot | LanguageFrequencyColumns;
  stories: Section<StorySnapshot>;
  memory: Section<ImageMemory>;
  nodes: Section<ImageNode>;
  fingerprints: Section<Omit<FingerprintEntry, 'ref'>>;
  /** The graph articles' links (version 6 images: ImageNode.packedLinks), filled as the nodes are read. */
  links?: ImageLinks;
  /** Reads the fingerprints section into columns instead of iterating `fingerprints` (an image read; one or the other, once). */
  fingerprintColumns?: () => FingerprintColumns;
}

/** What an image is written from: the index's own parts, its document frequencies as a snapshot (columns come only from a read). */
export type WrittenImageParts = ImageParts & { df: LanguageFrequencySnapshot };

export interface Section<T> {
  count: number;
  items: Iterable<T>;
}

/** The (empty, never written) tuple lists of a node whose links are packed. */
const NO_LINKS: [string, number][] = [];
const REASONS = ['new', 'duplicate', 'similar'] as const;
const VIAS = [null, 'cross-language', 'memory'] as const;

/** Encodes the parts into blocks of records, each produced when the one before was taken. */
export function* writeStoryImage(parts: WrittenImageParts): Generator<Buffer> {
  const w = new RecordWriter();
  const ended = function* (block: Buffer | null): Generator<Buffer> {
    if (block !== null) yield block;
  };
  const { header } = parts;
  w.uint(STORY_IMAGE_VERSION);
  w.f64(header.windowHours);
  w.f64(header.now);
  w.uint(header.nextSeq);
  w.uint(header.nextNode);
  w.uint(header.live);
  w.uint(parts.df.languages.length);
  yield* ended(w.endRecord());
  for (const table of parts.df.languages) {
    w.term(table.language);
    writeNumber(w, table.docs);
    w.uint(table.terms.length);
    yield* ended(w.endRecord());
    for (const [term, count] of table.terms) {
      w.term(term);
      writeNumber(w, count);
      yield* ended(w.endRecord());
    }
  }
  yield* writeSection(w, parts.stories, (s) => {
    w.term(s.id);
    w.uint(s.seq);
  });
  yield* writeSection(w, parts.memory, (m) => {
    w.term(m.storyId);
    w.f64(m.time);
    w.uint(m.members);
    // An anchor's order is -1 - its first story's creation order: negative.
    w.uint(-1 - (m.anchorSeq ?? -1));
    writeVector(w, m.sum);
    w.uint(m.recent.length);
    for (const v of m.recent) writeVector(w, v);
  });
  // Article ids as recurring strings (version 6): each k-NN link names one, and a restore read
  // 1 million of them, each a new string hashed again to find its article.
  yield* writeSection(w, parts.nodes, (n) => {
    w.term(n.id);
    w.uint(n.seq);
    w.f64(n.time);
    w.term(n.storyId);
    w.term(n.language);
    writeVector(w, n.vector);
    writeVector(w, n.names);
    writeVector(w, n.marks);
    w.uint(n.knn.length);
    for (const [id, similarity] of n.knn) {
      w.term(id);
      w.f64(similarity);
    }
    w.uint(n.memoryKnn.length);
    for (const [storyId, similarity] of n.memoryKnn) {
      w.term(storyId);
      w.f64(similarity);
    }
  });
  yield* writeSection(w, parts.fingerprints, (e) => {
    const a = e.assignment;
    w.term(e.id);
    w.uint(e.hash.hi >>> 0);
    w.uint(e.hash.lo >>> 0);
    w.f64(e.time);
    w.term(e.storyId);
    w.byte(REASONS.indexOf(a.reason) | (VIAS.indexOf(a.via) << 2) | (e.nonArticle ? 16 : 0) | (a.duplicateOf === null ? 0 : 32) | (a.distance === null ? 0 : 64) | (a.similarity === null ? 0 : 128));
    if (a.duplicateOf !== null) w.term(a.duplicateOf);
    if (a.distance !== null) writeNumber(w, a.distance);
    if (a.similarity !== null) w.f64(a.similarity);
    w.term(a.language);
    w.uint(e.shingles);
    w.uint(e.words);
    w.u32s(e.sketch);
    w.u32s(e.titleWords);
    w.u32s(e.leadWords);
    w.u32s(e.openingWords);
  });
  yield* ended(w.close());
}

/**
 * Reads an image written by writeStoryImage. The header and document frequencies are read at
 * once; each section is read when iterated, and the sections must be iterated in order.
 */
export function readStoryImage(blocks: Iterable<Uint8Array>): ImageParts {
  const r = new RecordReader(blocks[Symbol.iterator]());
  r.beginRecord();
  const version = r.uint();
  if (!READ_VERSIONS.includes(version)) throw new RangeError(`fingerprint: story index image version ${version} is not one of ${READ_VERSIONS.join(', ')}`);
  const header: ImageHeader = { windowHours: r.f64(), now: r.f64(), nextSeq: r.uint(), nextNode: r.uint(), live: r.uint() };
  const languages: LanguageFrequencyColumns['languages'] = [];
  for (let l = r.uint(); l > 0; l -= 1) {
    r.beginRecord();
    const language = r.term();
    const docs = readNumber(r);
    const size = r.uint();
    const terms: string[] = [];
    const counts = new Float64Array(size);
    for (let t = 0; t < size; t += 1) {
      r.beginRecord();
      terms.push(r.term());
      counts[t] = readNumber(r);
    }
    languages.push({ language, docs, terms, counts });
  }
  const slabs = new Slabs();
  const articleId = version >= 6 ? (): string => r.term() : (): string => r.string();
  const links = version >= 6 ? new ImageLinks(r.termTable) : undefined;
  return {
    links,
    header,
    df: { languages },
    stories: readSection(r, () => ({ id: r.term(), seq: r.uint() })),
    memory: readSection(r, () => {
      const storyId = r.term();
      const time = r.f64();
      const members = r.uint();
      const anchorSeq = version >= 5 ? -1 - r.uint() : undefined;
      const sum = readVector(r);
      const recent: TermVector[] = [];
      for (let n = r.uint(); n > 0; n -= 1) recent.push(readVector(r));
      return { storyId, time, members, sum, recent, anchorSeq };
    }),
    nodes: readSection(r, () => {
      const idTerm = links === undefined ? -1 : r.termId();
      const id = links === undefined ? r.string() : (r.termTable[idTerm] as string);
      const seq = r.uint();
      const time = r.f64();
      const storyId = r.term();
      const language = r.term();
      const { vector, names, marks } = readPacked(r, slabs);
      if (links !== undefined) {
        const at = links.size;
        const knn = r.uint();
        for (let n = knn; n > 0; n -= 1) links.push(r.termId(), r.f64());
        const memory = r.uint();
        for (let n = memory; n > 0; n -= 1) links.push(r.termId(), r.f64());
        return { id, seq, time, storyId, language, vector, names, marks, knn: NO_LINKS, memoryKnn: NO_LINKS, packedLinks: { idTerm, at, knn, memory } };
      }
      const knn: [string, number][] = [];
      for (let n = r.uint(); n > 0; n -= 1) knn.push([articleId(), r.f64()]);
      const memoryKnn: [string, number][] = [];
      for (let n = r.uint(); n > 0; n -= 1) memoryKnn.push([r.term(), r.f64()]);
      return { id, seq, time, storyId, language, vector, names, marks, knn, memoryKnn };
    }),
    fingerprintColumns: () => readFingerprintColumns(r, articleId),
    fingerprints: readSection(r, () => {
      const id = articleId();
      const hash = { hi: r.uint(), lo: r.uint() };
      const time = r.f64();
      const storyId = r.term();
      const flags = r.byte();
      const duplicateOf = (flags & 32) !== 0 ? articleId() : null;
      const distance = (flags & 64) !== 0 ? readNumber(r) : null;
      const similarity = (flags & 128) !== 0 ? r.f64() : null;
      const reason = REASONS[flags & 3];
      const via = VIAS[(flags >> 2) & 3];
      if (reason === undefined || via === undefined) throw new RangeError(`fingerprint: bad flags of ${id} in story index image`);
      const language = r.term();
      return {
        id,
        hash,
        time,
        storyId,
        assignment: { simhash: hashHex(hash), duplicateOf, distance, similarity, reason, via, language },
        shingles: r.uint(),
        words: r.uint(),
        sketch: r.u32s(),
        titleWords: r.u32s(),
        leadWords: r.u32s(),
        openingWords: r.u32s(),
        nonArticle: (flags & 16) !== 0,
      };
    }),
  };
}

/** The fingerprints section (last in the image) as columns: the records the `fingerprints` section reads as objects. */
function readFingerprintColumns(r: RecordReader, articleId: () => string): FingerprintColumns {
  r.beginRecord();
  const count = r.uint();
  const c = new FingerprintColumns(count);
  for (let row = 0; row < count; row += 1) {
    r.beginRecord();
    const id = articleId();
    c.ids.push(id);
    c.hi[row] = r.uint();
    c.lo[row] = r.uint();
    c.time[row] = r.f64();
    c.storyIds.push(r.term());
    const flags = r.byte();
    if (!isKnownFlags(flags)) throw new RangeError(`fingerprint: bad flags of ${id} in story index image`);
    c.flags[row] = flags;
    c.duplicateOf.push((flags & 32) !== 0 ? articleId() : null);
    if ((flags & 64) !== 0) c.distance[row] = readNumber(r);
    if ((flags & 128) !== 0) c.similarity[row] = r.f64();
    c.languages.push(r.term());
    c.shingles[row] = r.uint();
    c.words[row] = r.uint();
    for (let part = 0; part < 4; part += 1) {
      c.starts[4 * row + part] = c.used;
      c.used += r.u32sInto(c, c.used);
    }
    c.size = row + 1;
  }
  return c;
}

function* writeSection<T>(w: RecordWriter, section: Section<T>, write: (item: T) => void): Generator<Buffer> {
  w.uint(section.count);
  let block = w.endRecord();
  if (block !== null) yield block;
  let written = 0;
  for (const item of section.items) {
    write(item);
    block = w.endRecord();
    if (block !== null) yield block;
    written += 1;
  }
  if (written !== section.count) throw new RangeError(`fingerprint: story index image section announced ${section.count} records, wrote ${written}`);
}

function readSection<T>(r: RecordReader, read: () => T): Section<T> {
  let count: number | null = null;
  const start = (): number => {
    if (count === null) {
      r.beginRecord();
      count = r.uint();
    }
    return count;
  };
  return {
    get count() {
      return start();
    },
    items: {
      *[Symbol.iterator]() {
        for (let left = start(); left > 0; left -= 1) {
          r.beginRecord();
          yield read();
        }
      },
    },
  };
}

/** A vector in its order; weights as integers when all are kept to 5 decimals (mode 0), else float64 (mode 1). */
function writeVector(w: RecordWriter, vector: Map<string, number> | PackedView): void {
  if (!(vector instanceof Map)) return writePacked(w, vector);
  let scaled = true;
  for (const weight of vector.values()) {
    if (!isScaled(weight)) {
      scaled = false;
      break;
    }
  }
  w.uint(vector.size);
  w.byte(scaled ? 0 : 1);
  for (const [term, weight] of vector) {
    w.term(term);
    if (scaled) w.uint(Math.round(weight * WEIGHT_SCALE));
    else w.f64(weight);
  }
}

/** writeVector of a restored article's packed vector, byte for byte, without building its Map. */
function writePacked(w: RecordWriter, view: PackedView): void {
  const { packed, start, size } = view;
  let scaled = true;
  for (let i = start; i < start + size && scaled; i += 1) scaled = isScaled(packed.weights[i] as number);
  w.uint(size);
  w.byte(scaled ? 0 : 1);
  for (let i = start; i < start + size; i += 1) {
    const weight = packed.weights[i] as number;
    w.termIn(packed.terms, packed.ids[i] as number);
    if (scaled) w.uint(Math.round(weight * WEIGHT_SCALE));
    else w.f64(weight);
  }
}

function isScaled(weight: number): boolean {
  const k = Math.round(weight * WEIGHT_SCALE);
  return k >= 0 && Number.isSafeInteger(k) && k / WEIGHT_SCALE === weight;
}

/** Entries per slab of packed vectors. */
const SLAB_ENTRIES = 256 * 1024;

/** Where packed vectors are read into: slabs of term numbers and weights, handed out as views. */
class Slabs {
  ids = new Uint32Array(0);
  weights = new Float64Array(0);
  at = 0;

  /**
   * Makes room for `more` entries after the `used` already written from the current position (an
   * article being read, whose size is known part by part): when the current slab cannot hold them,
   * a fresh one takes the article's entries so far. Returns where the article starts.
   */
  room(used: number, more: number): number {
    if (this.at + used + more <= this.ids.length) return this.at;
    const size = Math.max(SLAB_ENTRIES, used + more);
    const ids = new Uint32Array(size);
    const weights = new Float64Array(size);
    ids.set(this.ids.subarray(this.at, this.at + used));
    weights.set(this.weights.subarray(this.at, this.at + used));
    this.ids = ids;
    this.weights = weights;
    this.at = 0;
    return 0;
  }

  /** Ends an article of `count` entries written at the current position (after `room`). */
  advance(count: number): void {
    this.at += count;
  }
}

/** An article's vector, names and marks (three records of writeVector) into one packed form. */
function readPacked(r: RecordReader, slabs: Slabs): { vector: PackedView; names: PackedView; marks: PackedView } {
  // Read straight into the article's own range of the current slab (no JS arrays per article, no
  // scratch copy; RecordReader.pairsInto): a part that does not fit moves the article to a fresh
  // slab (Slabs.room).
  let n = 0;
  let vectorSize = 0;
  let namesSize = 0;
  let base = 0;
  for (let part = 0; part < 3; part += 1) {
    const size = r.uint();
    const scaled = r.byte() === 0;
    base = slabs.room(n, size);
    r.pairsInto(slabs.ids, slabs.weights, base + n, size, scaled ? WEIGHT_SCALE : 0);
    n += size;
    if (part === 0) vectorSize = size;
    else if (part === 1) namesSize = size;
  }
  // The article's range of the slab, not views of it: two typed-array views per article were
  // 200,000 more heap objects in a restore of 100,000.
  slabs.advance(n);
  const { ids, weights } = slabs;
  const packed: PackedVectors = { terms: r.termTable, ids, weights, base, vectorSize, namesSize, end: base + n };
  return { vector: { packed, start: base, size: vectorSize }, names: { packed, start: base + vectorSize, size: namesSize }, marks: { packed, start: base + vectorSize + namesSize, size: n - vectorSize - namesSize } };
}

function readVector(r: RecordReader): Map<string, number> {
  const size = r.uint();
  const scaled = r.byte() === 0;
  const out = new Map<string, number>();
  for (let i = 0; i < size; i += 1) {
    const term = r.term();
    out.set(term, scaled ? r.uint() / WEIGHT_SCALE : r.f64());
  }
  return out;
}

/** simhashToHex of the halves without a BigInt per fingerprint (16 lowercase hex digits). */
function hashHex(hash: { hi: number; lo: number }): string {
  return (hash.hi >>> 0).toString(16).padStart(8, '0') + (hash.lo >>> 0).toString(16).padStart(8, '0');
}

/** A count as an integer when it is one, else exactly (decayed document frequencies are halves). */
function writeNumber(w: RecordWriter, value: number): void {
  if (Number.isSafeInteger(value) && value >= 0) {
    w.byte(0);
    w.uint(value);
  } else {
    w.byte(1);
    w.f64(value);
  }
}

function readNumber(r: RecordReader): number {
  return r.byte() === 0 ? r.uint() : r.f64();
}
