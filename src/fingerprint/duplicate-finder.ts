import { SimhashIndex } from './simhash-index.js';
import { hammingDistance64, type Hash64 } from './simhash.js';
import type { StoryAssignment } from './story-index-types.js';

/** Size of the bottom-k shingle sketch kept per article for the exact containment check. */
export const SKETCH_SIZE = 64;

/** One article remembered for duplicate detection while inside the window. */
export interface FingerprintEntry {
  ref: number;
  id: string;
  hash: Hash64;
  time: number;
  storyId: string;
  /** The assignment as made (to answer a repeated id the same way). */
  assignment: Omit<StoryAssignment, 'storyId' | 'merged'>;
  shingles: number;
  sketch: Uint32Array;
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
}

/**
 * First stage: syndicated copies. Candidates come from the simhash tables (or from the members of
 * the story the article is about to join); each is confirmed by shingle containment on the sketch,
 * so two different stories sharing a boilerplate paragraph never pass.
 */
export class DuplicateFinder {
  private readonly index: SimhashIndex;
  private readonly byRef = new Map<number, FingerprintEntry>();
  private readonly byId = new Map<string, FingerprintEntry>();
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

  /** Best confirmed duplicate among the simhash neighbours within the window, or null. */
  findNear(probe: DuplicateProbe, windowMs: number): DuplicateMatch | null {
    const candidates: FingerprintEntry[] = [];
    for (const match of this.index.query(probe.hash)) {
      const entry = this.byRef.get(match.ref);
      if (entry !== undefined) candidates.push(entry);
    }
    return this.confirm(probe, candidates, windowMs);
  }

  /** Best confirmed duplicate among the given article ids (members of a story), or null. */
  findAmong(probe: DuplicateProbe, ids: readonly string[], windowMs: number): DuplicateMatch | null {
    const candidates = ids.map((id) => this.byId.get(id)).filter((e): e is FingerprintEntry => e !== undefined);
    return this.confirm(probe, candidates, windowMs);
  }

  /** Remembers an article. */
  add(entry: Omit<FingerprintEntry, 'ref'>): FingerprintEntry {
    const full: FingerprintEntry = { ...entry, ref: this.nextRef };
    this.nextRef += 1;
    this.byRef.set(full.ref, full);
    this.byId.set(full.id, full);
    this.index.add(full.hash, full.ref);
    return full;
  }

  /** Points every entry of story `from` at story `to` (after a merge). */
  retarget(from: string, to: string): void {
    for (const entry of this.byRef.values()) if (entry.storyId === from) entry.storyId = to;
  }

  /** Forgets entries older than `cutoff` (ms). */
  evict(cutoff: number): void {
    for (const entry of [...this.byRef.values()]) {
      if (entry.time >= cutoff) continue;
      this.byRef.delete(entry.ref);
      if (this.byId.get(entry.id) === entry) this.byId.delete(entry.id);
      this.index.remove(entry.ref);
    }
  }

  private confirm(probe: DuplicateProbe, candidates: FingerprintEntry[], windowMs: number): DuplicateMatch | null {
    let best: DuplicateMatch | null = null;
    for (const entry of candidates) {
      if (entry.time < probe.cutoff || Math.abs(entry.time - probe.time) > windowMs) continue;
      const containment = sketchContainment(probe.sketch, probe.shingles, entry.sketch, entry.shingles);
      if (containment < this.minContainment) continue;
      const distance = hammingDistance64(probe.hash, entry.hash);
      const better =
        best === null ||
        containment > best.containment + 1e-9 ||
        (Math.abs(containment - best.containment) <= 1e-9 && (distance < best.distance || (distance === best.distance && entry.ref < best.entry.ref)));
      if (better) best = { entry, distance, containment };
    }
    return best;
  }
}

/** The `k` smallest distinct values of a hash list, ascending (a bottom-k sketch). */
export function bottomK(hashes: Uint32Array, k: number = SKETCH_SIZE): Uint32Array {
  const sorted = Uint32Array.from(new Set(hashes)).sort();
  return sorted.slice(0, k);
}

/**
 * Containment of the shorter text in the longer one, computed exactly on the two bottom-k sketches
 * below the smaller of their maxima (where both sketches are complete). A copy whose last
 * paragraphs were cut is contained in its original; two stories sharing a copyright line are not.
 * The shorter text must still hold a quarter of the longer one's shingles, so a one-line brief is
 * not a "copy" of a long report that quotes it.
 */
export function sketchContainment(a: Uint32Array, aCount: number, b: Uint32Array, bCount: number): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (Math.min(aCount, bCount) < 0.25 * Math.max(aCount, bCount)) return 0;
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
  return smaller === 0 ? 0 : both / smaller;
}
