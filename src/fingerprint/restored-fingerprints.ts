import type { U32Sink } from './byte-records.js';
import type { FingerprintEntry } from './duplicate-finder.js';
import type { Hash64 } from './simhash.js';
import type { StoryAssignment } from './story-index-types.js';

/** What a fingerprint's assignment records (FingerprintEntry.assignment). */
type EntryAssignment = FingerprintEntry['assignment'];

/** Hash values a row holds as a rule (its sketch and its title, lead and opening words), to size `values` once. */
const VALUES_PER_ROW = 128;
const REASONS: readonly StoryAssignment['reason'][] = ['new', 'duplicate', 'similar'];
const VIAS: readonly StoryAssignment['via'][] = [null, 'cross-language', 'memory'];

/**
 * An image's fingerprints read column by column (story-image.ts): numbers in typed arrays, the
 * four hash lists of each in one shared array, strings (ids, story ids, languages, originals) in
 * plain arrays of the image's recurring strings. Read as objects, each fingerprint was ten or so
 * heap objects (the entry, its hash, its assignment and simhash string, four array views, boxed
 * numbers): at 100,000 live articles about a million objects that the restore's collector copied
 * and marked. Each is now one RestoredFingerprint reading its row.
 */
export class FingerprintColumns implements U32Sink {
  readonly ids: string[] = [];
  readonly storyIds: string[] = [];
  readonly languages: string[] = [];
  /** The original's id (a duplicate), else null. */
  readonly duplicateOf: (string | null)[] = [];
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
  readonly time: Float64Array;
  readonly distance: Float64Array;
  readonly similarity: Float64Array;
  /** The image record's flag byte: reason, via, nonArticle, and which of duplicateOf, distance and similarity are set. */
  readonly flags: Uint8Array;
  readonly shingles: Uint32Array;
  readonly words: Uint32Array;
  /** Per row, where its sketch, title, lead and opening words start in `values` (the next row's sketch ends its opening). */
  readonly starts: Uint32Array;
  values: Uint32Array;
  /** Values used in `values`. */
  used = 0;
  /** Rows read. */
  size = 0;

  constructor(readonly count: number) {
    this.hi = new Uint32Array(count);
    this.lo = new Uint32Array(count);
    this.time = new Float64Array(count);
    this.distance = new Float64Array(count);
    this.similarity = new Float64Array(count);
    this.flags = new Uint8Array(count);
    this.shingles = new Uint32Array(count);
    this.words = new Uint32Array(count);
    this.starts = new Uint32Array(4 * count + 1);
    // Sized for the rows at once (grown by doubling, a restore of 100,000 copied ~2x its final
    // size on the way): a sketch of 64 and three word lists of ~50 together, 110 per row at 100,000 live.
    this.values = new Uint32Array(Math.max(1 << 16, count * VALUES_PER_ROW));
  }

  /** Makes room for `count` more values (the reader then writes them at `used`). */
  reserveValues(count: number): Uint32Array {
    if (this.used + count > this.values.length) {
      const grown = new Uint32Array(Math.max(this.values.length * 2, this.used + count));
      grown.set(this.values.subarray(0, this.used));
      this.values = grown;
    }
    return this.values;
  }

  /** Whether row `row` is an interstitial page (never matched as a copy). */
  isNonArticle(row: number): boolean {
    return ((this.flags[row] as number) & 16) !== 0;
  }

  /** Row `row`'s hash list `part` (0 sketch, 1 title, 2 lead, 3 opening words) as a view. */
  list(row: number, part: number): Uint32Array {
    const at = 4 * row + part;
    const end = at + 1 < 4 * this.size ? (this.starts[at + 1] as number) : this.used;
    return this.values.subarray(this.starts[at] as number, end);
  }

  /** The assignment as the image recorded it, in the key order of one read as an object. */
  assignment(row: number): EntryAssignment {
    const flags = this.flags[row] as number;
    return {
      simhash: hashHex(this.hi[row] as number, this.lo[row] as number),
      duplicateOf: (flags & 32) !== 0 ? (this.duplicateOf[row] as string) : null,
      distance: (flags & 64) !== 0 ? (this.distance[row] as number) : null,
      similarity: (flags & 128) !== 0 ? (this.similarity[row] as number) : null,
      reason: REASONS[flags & 3] as StoryAssignment['reason'],
      via: VIAS[(flags >> 2) & 3] as StoryAssignment['via'],
      language: this.languages[row] as string,
    };
  }
}

/** The flag byte of an image's fingerprint record, or null when it names no reason or via. */
export function isKnownFlags(flags: number): boolean {
  return REASONS[flags & 3] !== undefined && VIAS[(flags >> 2) & 3] !== undefined;
}

/**
 * A duplicate finder's entry restored from an image: its fields are read from its row of the
 * columns on each access (its hash and assignment as new objects, its lists as views: callers read
 * them, never keep and change them); only its story is its own (stories move).
 */
export class RestoredFingerprint implements FingerprintEntry {
  constructor(
    readonly ref: number,
    readonly id: string,
    public storyId: string,
    private readonly columns: FingerprintColumns,
    readonly row: number,
  ) {}

  get hash(): Hash64 {
    return { hi: this.columns.hi[this.row] as number, lo: this.columns.lo[this.row] as number };
  }

  get time(): number {
    return this.columns.time[this.row] as number;
  }

  get assignment(): EntryAssignment {
    return this.columns.assignment(this.row);
  }

  get shingles(): number {
    return this.columns.shingles[this.row] as number;
  }

  get words(): number {
    return this.columns.words[this.row] as number;
  }

  get nonArticle(): boolean {
    return this.columns.isNonArticle(this.row);
  }

  get sketch(): Uint32Array {
    return this.columns.list(this.row, 0);
  }

  get titleWords(): Uint32Array {
    return this.columns.list(this.row, 1);
  }

  get leadWords(): Uint32Array {
    return this.columns.list(this.row, 2);
  }

  get openingWords(): Uint32Array {
    return this.columns.list(this.row, 3);
  }
}

/** simhashToHex of the halves without a BigInt per fingerprint (16 lowercase hex digits). */
export function hashHex(hi: number, lo: number): string {
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}
