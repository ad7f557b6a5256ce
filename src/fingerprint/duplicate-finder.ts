import { RestoredFingerprint, type FingerprintColumns } from './restored-fingerprints.js';
import { SimhashIndex } from './simhash-index.js';
import { SketchPostings } from './sketch-postings.js';
import { hammingDistance64, tokenHashes, type Hash64 } from './simhash.js';
import type { StoryAssignment } from './story-index-types.js';

/** Size of the bottom-k shingle sketch kept per article for the exact containment check. */
export const SKETCH_SIZE = 64;
/** Smallest sketch values that key the shingle postings (the second candidate route). */
const POSTED_VALUES = 16;
/** Newest live entries read per posting list: a shingle in every article names no copy. */
const POSTING_READ_LIMIT = 64;
/**
 * Below this many body words a text is too short to be told from another by itself (a teaser, a
 * one-line item, an interstitial page's six words): two such texts are copies only when their
 * titles agree too.
 */
export const SHORT_BODY_WORDS = 50;
/** Share of title words two short texts must have in common (Jaccard) to count as one copy (0.5 cost ECB+ 0.005 pairwise F1: short same-event texts whose titles share a name). */
const TITLE_AGREEMENT = 0.3;
/** Share of one title's words that must appear in the other's title or lead (LEAD_WORDS). */
const TITLE_COVERAGE = 0.6;
/** Body words that make a text's lead. */
export const LEAD_WORDS = 30;
/** Body words that make a text's opening, and the share two long copies must have in common (Jaccard; 0.5 cost ECB+ 0.003 B-cubed F1, 20 or 30 words let the cookie-notice pages of the multilingual pairs through). */
export const OPENING_WORDS = 12;
const OPENING_AGREEMENT = 0.3;

/** One article remembered for duplicate detection while inside the window. */
export interface FingerprintEntry {
  ref: number;
  id: string;
  hash: Hash64;
  time: number;
  storyId: string;
  /** The assignment as made (to answer a repeated id the same way). */
  assignment: Omit<StoryAssignment, 'storyId' | 'openUntil' | 'merged' | 'moved' | 'ended'>;
  shingles: number;
  sketch: Uint32Array;
  /** Body words (SHORT_BODY_WORDS); hashes of the distinct title words and lead words, sorted. */
  words: number;
  titleWords: Uint32Array;
  leadWords: Uint32Array;
  openingWords: Uint32Array;
  /** An interstitial page (StoryDoc.nonArticle): remembered for its id, never matched as a copy. */
  nonArticle: boolean;
}

/** A confirmed duplicate. */
export interface DuplicateMatch {
  entry: FingerprintEntry;
  distance: number;
  containment: number;
}

/** The probe: what is known of the new article. */
export interface DuplicateProbe {
  hash: Hash64;
  sketch: Uint32Array;
  shingles: number;
  time: number;
  /** Entries older than this (ms) are out of the window even if not evicted yet. */
  cutoff: number;
  words: number;
  titleWords: Uint32Array;
  leadWords: Uint32Array;
  openingWords: Uint32Array;
}

/**
 * First stage: syndicated copies. Candidates come from two routes: the simhash tables (copies within
 * a few bits) and postings of the smallest shingle hashes (min-hash, Broder 1997: a copy with its
 * last paragraphs cut is 10+ bits away in simhash yet shares most of its smallest shingles). Each
 * candidate is confirmed by shingle containment on the sketches, so two different stories sharing
 * a boilerplate paragraph never pass.
 */
export class DuplicateFinder {
  private readonly index: SimhashIndex;
  private readonly byRef = new Map<number, FingerprintEntry>();
  private readonly byId = new Map<string, FingerprintEntry>();
  /** Refs of the entries holding each posted sketch value, newest first (sketch-postings.ts). */
  private readonly postings = new SketchPostings();
  /** Posted refs of entries that left the window (skipped by readers until the postings are rebuilt). */
  private deadPostings = 0;
  private nextRef = 0;

  constructor(
    maxDistance: number,
    private readonly minContainment: number,
  ) {
    this.index = new SimhashIndex(maxDistance);
  }

  /** Entries in insertion order. */
  entries(): IterableIterator<FingerprintEntry> {
    return this.byRef.values();
  }

  /** The entry of an article id still in the window. */
  get(id: string): FingerprintEntry | undefined {
    return this.byId.get(id);
  }

  /**
   * Best confirmed duplicate among the simhash neighbours and the articles sharing one of the
   * smallest shingles, inside the window; null when none passes the containment check.
   */
  find(probe: DuplicateProbe, windowMs: number): DuplicateMatch | null {
    const refs = new Set<number>();
    for (const match of this.index.query(probe.hash)) refs.add(match.ref);
    const posted = Math.min(POSTED_VALUES, probe.sketch.length);
    for (let i = 0; i < posted; i += 1) {
      let read = 0;
      for (let node = this.postings.newest(probe.sketch[i] as number); node !== 0 && read < POSTING_READ_LIMIT; node = this.postings.olderThan(node)) {
        const entry = this.byRef.get(this.postings.refAt(node));
        if (entry === undefined || entry.time < probe.cutoff) continue;
        read += 1;
        refs.add(entry.ref);
      }
    }
    const candidates = [...refs].sort((a, b) => a - b).map((ref) => this.byRef.get(ref)).filter((e): e is FingerprintEntry => e !== undefined);
    return this.confirm(probe, candidates, windowMs);
  }

  /** Makes room for `entries` more entries' sketch postings at once (a restore; see SketchPostings.reserve). */
  reserve(entries: number): void {
    // Refs for an eighth more: the inputs replayed after a restore post theirs at once, and room
    // for exactly the image's entries was regrown (a copy of all the refs) at the first of them.
    this.postings.reserve(POSTED_VALUES * entries, POSTED_VALUES * (entries + (entries >> 3)));
  }

  /** Remembers an article. */
  add(entry: Omit<FingerprintEntry, 'ref'>): FingerprintEntry {
    // Fields listed, not spread: a restore adds 100,000 entries, and the spread copy was most of its cost.
    const full: FingerprintEntry = {
      ref: this.nextRef,
      id: entry.id,
      hash: entry.hash,
      time: entry.time,
      storyId: entry.storyId,
      assignment: entry.assignment,
      shingles: entry.shingles,
      sketch: entry.sketch,
      words: entry.words,
      titleWords: entry.titleWords,
      leadWords: entry.leadWords,
      openingWords: entry.openingWords,
      nonArticle: entry.nonArticle,
    };
    this.nextRef += 1;
    this.byRef.set(full.ref, full);
    this.byId.set(full.id, full);
    if (full.nonArticle) return full;
    this.index.add(full.hash, full.ref);
    this.post(full);
    return full;
  }

  /**
   * Remembers an image's fingerprints (restored-fingerprints.ts), in their order: as `add` of each
   * row's entry, without building its hash, lists or assignment. Returns the entries.
   */
  addColumns(columns: FingerprintColumns): RestoredFingerprint[] {
    this.reserve(columns.size);
    this.index.reserve(columns.size);
    const added: RestoredFingerprint[] = [];
    const hash = { hi: 0, lo: 0 };
    for (let row = 0; row < columns.size; row += 1) {
      const entry = new RestoredFingerprint(this.nextRef, columns.ids[row] as string, columns.storyIds[row] as string, columns, row);
      this.nextRef += 1;
      added.push(entry);
      this.byRef.set(entry.ref, entry);
      this.byId.set(entry.id, entry);
      if (columns.isNonArticle(row)) continue;
      hash.hi = columns.hi[row] as number;
      hash.lo = columns.lo[row] as number;
      this.index.add(hash, entry.ref);
      // post() of the row's sketch, read in place.
      const at = columns.starts[4 * row] as number;
      const posted = Math.min(POSTED_VALUES, (columns.starts[4 * row + 1] as number) - at);
      for (let i = 0; i < posted; i += 1) this.postings.add(columns.values[at + i] as number, entry.ref);
    }
    return added;
  }

  /** Points an article's entry at the story it moved to (stories split and merge). */
  move(id: string, storyId: string): void {
    const entry = this.byId.get(id);
    if (entry !== undefined) entry.storyId = storyId;
  }

  /** Forgets entries older than `cutoff` (ms); returns the ids forgotten. */
  evict(cutoff: number): string[] {
    const removed: string[] = [];
    for (const entry of [...this.byRef.values()]) {
      if (entry.time >= cutoff) continue;
      this.byRef.delete(entry.ref);
      if (this.byId.get(entry.id) === entry) {
        this.byId.delete(entry.id);
        removed.push(entry.id);
      }
      if (!entry.nonArticle) {
        this.index.removeRef(entry.hash, entry.ref);
        this.deadPostings += Math.min(POSTED_VALUES, entry.sketch.length);
      }
    }
    // Readers skip the refs of entries gone; once those are half the postings, they are rebuilt
    // from the live entries in arrival order (the same lists without them).
    if (this.deadPostings > this.postings.size / 2) {
      this.postings.clear();
      this.deadPostings = 0;
      for (const entry of this.byRef.values()) if (!entry.nonArticle) this.post(entry);
    }
    return removed;
  }

  /** Posts an entry's smallest sketch values. */
  private post(entry: FingerprintEntry): void {
    const posted = Math.min(POSTED_VALUES, entry.sketch.length);
    for (let i = 0; i < posted; i += 1) this.postings.add(entry.sketch[i] as number, entry.ref);
  }

  /**
   * Keeps candidates whose containment passes; the best is the most similar overall (Jaccard on the
   * sketches, then Hamming distance, then the earliest), so a copy points at its own original rather
   * than at another report that quotes the same paragraphs.
   */
  private confirm(probe: DuplicateProbe, candidates: FingerprintEntry[], windowMs: number): DuplicateMatch | null {
    let best: (DuplicateMatch & { jaccard: number }) | null = null;
    for (const entry of candidates) {
      if (entry.nonArticle || entry.time < probe.cutoff || Math.abs(entry.time - probe.time) > windowMs) continue;
      if (Math.min(probe.words, entry.words) < SHORT_BODY_WORDS ? !headingsAgree(probe, entry) : !openingsAgree(probe, entry)) continue;
      const overlap = sketchOverlap(probe.sketch, probe.shingles, entry.sketch, entry.shingles);
      if (overlap.containment < this.minContainment) continue;
      const distance = hammingDistance64(probe.hash, entry.hash);
      const better =
        best === null ||
        overlap.jaccard > best.jaccard + 1e-9 ||
        (Math.abs(overlap.jaccard - best.jaccard) <= 1e-9 && (distance < best.distance || (distance === best.distance && entry.ref < best.entry.ref)));
      if (better) best = { entry, distance, containment: overlap.containment, jaccard: overlap.jaccard };
    }
    return best === null ? null : { entry: best.entry, distance: best.distance, containment: best.containment };
  }
}

/**
 * Whether the headings of two texts agree: their titles share half their words, or one title's
 * words are mostly found in the other's title and lead (a republisher's headline drawn from the
 * lead). Two different headlines over the same few words of body (or of cookie notice) do not.
 */
export function headingsAgree(a: { titleWords: Uint32Array; leadWords: Uint32Array }, b: { titleWords: Uint32Array; leadWords: Uint32Array }): boolean {
  if (a.titleWords.length === 0 || b.titleWords.length === 0) return false;
  const both = common(a.titleWords, b.titleWords);
  if (both / (a.titleWords.length + b.titleWords.length - both) >= TITLE_AGREEMENT) return true;
  return isCovered(a.titleWords, b.titleWords, b.leadWords) || isCovered(b.titleWords, a.titleWords, a.leadWords);
}

/**
 * Whether at least TITLE_COVERAGE of a title's words are in another text's title or lead. All
 * three lists are sorted (distinctSorted), so one merge pass over them answers it, and it stops
 * once the words left cannot reach the share: a binary search of both lists per word, through
 * a closure, cost ~1.6 µs per pair of Chinese headings (16 title words), where the segmenter's
 * short words make ~14 such pairs per Chinese article (docs/notes/stories.md, session lang16).
 */
function isCovered(title: Uint32Array, otherTitle: Uint32Array, otherLead: Uint32Array): boolean {
  const needed = TITLE_COVERAGE * title.length;
  let found = 0;
  let j = 0;
  let k = 0;
  for (let i = 0; i < title.length; i += 1) {
    if (found + (title.length - i) < needed) return false;
    const word = title[i] as number;
    while (j < otherTitle.length && (otherTitle[j] as number) < word) j += 1;
    while (k < otherLead.length && (otherLead[k] as number) < word) k += 1;
    if ((j < otherTitle.length && otherTitle[j] === word) || (k < otherLead.length && otherLead[k] === word)) found += 1;
  }
  return found >= needed;
}

/**
 * Whether two long texts open alike (their first OPENING_WORDS words share half), or their
 * headings agree: a republished copy keeps its lead, while pages of different articles behind
 * one cookie notice or blog header open with their own headline and share only what follows.
 */
function openingsAgree(a: { titleWords: Uint32Array; leadWords: Uint32Array; openingWords: Uint32Array }, b: { titleWords: Uint32Array; leadWords: Uint32Array; openingWords: Uint32Array }): boolean {
  if (a.openingWords.length === 0 || b.openingWords.length === 0) return true;
  const both = common(a.openingWords, b.openingWords);
  return both / (a.openingWords.length + b.openingWords.length - both) >= OPENING_AGREEMENT || headingsAgree(a, b);
}

/** Distinct values two sorted arrays share. */
function common(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      both += 1;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return both;
}

/**
 * Hashes of the distinct words of a token list, sorted (compact enough to keep per entry); in
 * `slabs` when given (a view into a shared buffer, see U32Slabs), else in an array of its own.
 */
export function wordHashes(tokens: readonly string[], limit: number = tokens.length, slabs?: U32Slabs): Uint32Array {
  return distinctSorted(tokenHashes(tokens, limit), slabs);
}

/** wordHashes of the first `limit` tokens whose hashes (simhash.ts tokenHashes) are given. */
export function wordHashesOf(hashes: Uint32Array, limit: number, slabs?: U32Slabs): Uint32Array {
  return distinctSorted(hashes.slice(0, Math.min(limit, hashes.length)), slabs);
}

/** The distinct values of `hashes` ascending (sorted in place), in `slabs` when given. */
function distinctSorted(hashes: Uint32Array, slabs?: U32Slabs): Uint32Array {
  const count = hashes.length;
  hashes.sort();
  let n = 0;
  for (let i = 0; i < count; i += 1) if (n === 0 || hashes[i] !== hashes[n - 1]) hashes[n++] = hashes[i] as number;
  return slabs === undefined ? hashes.slice(0, n) : slabs.copy(hashes, n);
}

/** The `k` smallest distinct values of a hash list, ascending (a bottom-k sketch); in `slabs` when given. */
export function bottomK(hashes: Uint32Array, k: number = SKETCH_SIZE, slabs?: U32Slabs): Uint32Array {
  const low = k > 0 && hashes.length > 2 * k ? lowestDistinct(hashes, k) : null;
  if (low !== null) return slabs === undefined ? Uint32Array.from(low) : slabs.copyArray(low);
  const sorted = hashes.slice().sort();
  const out = new Uint32Array(Math.min(k, sorted.length));
  let n = 0;
  for (let i = 0; i < sorted.length && n < out.length; i += 1) {
    if (n === 0 || sorted[i] !== out[n - 1]) out[n++] = sorted[i] as number;
  }
  return slabs === undefined ? out.slice(0, n) : slabs.copy(out, n);
}

/**
 * The `k` smallest distinct values of `hashes` ascending, or null when fewer than `k` distinct
 * values lie below 2k/n of the 32-bit range (bottomK then sorts them all). Shingle hashes spread
 * evenly over the range, so ~2k of an article's n lie there and the k smallest distinct are among
 * them: exact either way, as every value at or above the limit is larger than the k taken. Those
 * ~2k are placed in 2k buckets by their value (a counting sort; a bucket's order follows the
 * values'), and an insertion pass orders the few that share a bucket. Sorting a copy of all n
 * (~300) took ~1.4 % of the story stage's profile (microbench: 11.4 µs CPU for the sort of 300,
 * 8.3 µs for this whole function, on this 2-core machine at load ~4).
 */
function lowestDistinct(hashes: Uint32Array, k: number): number[] | null {
  const n = hashes.length;
  const limit = Math.floor(((2 * k) / n) * 2 ** 32);
  const buckets = 2 * k;
  const scale = buckets / limit;
  // starts[b + 1] counts bucket b's values, then (summed) starts[b] is where bucket b begins.
  const starts = new Array<number>(buckets + 1).fill(0);
  let count = 0;
  for (let i = 0; i < n; i += 1) {
    const value = hashes[i] as number;
    if (value >= limit) continue;
    const at = Math.min(buckets - 1, Math.floor(value * scale)) + 1;
    starts[at] = (starts[at] as number) + 1;
    count += 1;
  }
  if (count < k) return null;
  for (let b = 1; b <= buckets; b += 1) starts[b] = (starts[b] as number) + (starts[b - 1] as number);
  const sorted = new Array<number>(count).fill(0);
  for (let i = 0; i < n; i += 1) {
    const value = hashes[i] as number;
    if (value >= limit) continue;
    const bucket = Math.min(buckets - 1, Math.floor(value * scale));
    sorted[starts[bucket] as number] = value;
    starts[bucket] = (starts[bucket] as number) + 1;
  }
  for (let i = 1; i < count; i += 1) {
    const value = sorted[i] as number;
    let j = i;
    for (; j > 0 && (sorted[j - 1] as number) > value; j -= 1) sorted[j] = sorted[j - 1] as number;
    sorted[j] = value;
  }
  let distinct = 0;
  for (let i = 0; i < count && distinct < k; i += 1) if (distinct === 0 || sorted[i] !== sorted[distinct - 1]) sorted[distinct++] = sorted[i] as number;
  if (distinct < k) return null;
  sorted.length = k;
  return sorted;
}

/** Words per slab of U32Slabs (256 KB). */
const SLAB_WORDS = 64 * 1024;

/**
 * Short uint32 arrays kept for as long as an article is in the window (its sketch and word
 * hashes), handed out as views into shared slabs. An array with its own buffer is an ArrayBuffer
 * the collector tracks and sweeps on every cycle: four per article, tens of thousands live. A slab
 * is freed once every article holding a view into it has left the window (they leave in about the
 * order they came).
 */
export class U32Slabs {
  private slab = new Uint32Array(0);
  private at = 0;

  /** A view holding the first `length` values of `values`. */
  copy(values: Uint32Array, length: number = values.length): Uint32Array {
    const out = this.reserve(length);
    out.set(values.subarray(0, length));
    return out;
  }

  /** A view holding `values` (numbers of 0 to 2^32 - 1), as copy gives it from a plain array. */
  copyArray(values: readonly number[]): Uint32Array {
    const out = this.reserve(values.length);
    for (let i = 0; i < values.length; i += 1) out[i] = values[i] as number;
    return out;
  }

  /** A view of the next `length` words (a new slab when this one has too few left). */
  private reserve(length: number): Uint32Array {
    if (this.at + length > this.slab.length) {
      this.slab = new Uint32Array(Math.max(SLAB_WORDS, length));
      this.at = 0;
    }
    const out = this.slab.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }
}

/**
 * Containment of the shorter text in the longer one and their Jaccard similarity, computed exactly
 * on the two bottom-k sketches below the smaller of their maxima (where both sketches are
 * complete). A copy whose last paragraphs were cut is contained in its original; two stories
 * sharing a copyright line are not. The shorter text must still hold a quarter of the longer one's
 * shingles, so a one-line brief is not a "copy" of a long report that quotes it.
 */
export function sketchOverlap(a: Uint32Array, aCount: number, b: Uint32Array, bCount: number): { containment: number; jaccard: number } {
  const none = { containment: 0, jaccard: 0 };
  if (a.length === 0 || b.length === 0) return none;
  if (Math.min(aCount, bCount) < 0.25 * Math.max(aCount, bCount)) return none;
  const limit = Math.min(a[a.length - 1] as number, b[b.length - 1] as number);
  let i = 0;
  let j = 0;
  let inA = 0;
  let inB = 0;
  let both = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : Infinity;
    const y = j < b.length ? (b[j] as number) : Infinity;
    const v = Math.min(x, y);
    if (v > limit) break;
    if (x === v) {
      inA += 1;
      i += 1;
    }
    if (y === v) {
      inB += 1;
      j += 1;
    }
    if (x === v && y === v) both += 1;
  }
  const smaller = Math.min(inA, inB);
  if (smaller === 0) return none;
  return { containment: both / smaller, jaccard: both / (inA + inB - both) };
}
