import type { AliasTable } from './aliases.js';

/** Options of the story index (see docs/architecture.md). */
export interface StoryIndexOptions {
  /** Articles further apart than this never share a story; older entries are evicted. */
  windowHours: number;
  aliases: AliasTable;
  /** Thresholds, for benches and experiments; the defaults are the measured ones. */
  tuning?: Partial<StoryTuning>;
}

/** The measured knobs of both stages. */
export interface StoryTuning {
  /** Hamming radius of the simhash candidate search for duplicates. */
  duplicateDistance: number;
  /** Minimum shingle containment (sampled, exact on the sample) that confirms a duplicate. */
  duplicateContainment: number;
  /** Minimum cosine similarity to join a one-article story. */
  joinSimilarity: number;
  /**
   * Added to the join threshold per natural log of the story's size: a centroid of many reports
   * is cleaner, so both same-event and same-kind articles score higher against it (measured).
   */
  joinGrowth: number;
  /** Minimum cosine between two story centroids for an article that matches both to merge them. */
  mergeSimilarity: number;
  /**
   * Share of the article's key-name weight (its top `keyEntityCount` names) that must appear in a
   * story's centroid to join it; 0 turns the check off.
   */
  minEntityCoverage: number;
  keyEntityCount: number;
  /** Weight of title words against body words. */
  titleWeight: number;
  /** Weight of the lead's words (the first `leadTokens` tokens of the body). */
  leadWeight: number;
  leadTokens: number;
  /** Extra weight of names and figures (capitalised away from a sentence start, aliases, numbers). */
  entityWeight: number;
  /** Extra weight of figures (casualty counts, magnitudes, scores, years). */
  numberWeight: number;
  /** Terms kept per document vector. */
  maxDocTerms: number;
  /**
   * Factors on the similarity to a story (and between two stories to merge) that conflicts with the
   * article on years, months, weekdays or other figures (both mention some, none in common; see
   * story-marks.ts); conflicts multiply. 1 turns a check off, 0 is a veto.
   */
  yearConflictFactor: number;
  monthConflictFactor: number;
  weekdayConflictFactor: number;
  figureConflictFactor: number;
  /** Mentions of a kind each side needs before a conflict on it counts. */
  markMinMentions: number;
  /** Conflicts count only between texts published at most this many hours apart. */
  markConflictHours: number;
  /** Body tokens read for marks (the title is always read): datelines and leads date the event, later paragraphs tell its history. */
  markLeadTokens: number;
}

/** One article as the story index sees it. Times are ISO 8601; nothing is read from a clock. */
export interface StoryDoc {
  id: string;
  title: string;
  text: string;
  publishedAt: string | null;
  /** When the crawler saw it; used when `publishedAt` is missing or implausible. */
  seenAt: string;
  source: string | null;
}

/** Where an article went and why. */
export interface StoryAssignment {
  /** 16 lowercase hex digits. */
  simhash: string;
  /** Filename-safe `[a-z0-9_-]`. */
  storyId: string;
  /** The first copy's article id when this article is a republished copy. */
  duplicateOf: string | null;
  /** Hamming distance to `duplicateOf`'s simhash. */
  distance: number | null;
  /** Cosine similarity to the story joined (null for a new story or a duplicate). */
  similarity: number | null;
  reason: 'new' | 'duplicate' | 'similar';
  /** Story ids absorbed into `storyId` by this assignment (the older id survives). */
  merged: string[];
}

/** A fingerprint entry as persisted. */
export interface FingerprintSnapshot {
  id: string;
  simhash: string;
  time: string;
  storyId: string;
  duplicateOf: string | null;
  distance: number | null;
  similarity: number | null;
  reason: 'new' | 'duplicate' | 'similar';
  /** Number of shingles of the text. */
  shingles: number;
  /** Bottom-k sketch of the shingle hashes, ascending. */
  sample: number[];
}

/** A story as persisted. */
export interface StorySnapshot {
  id: string;
  seq: number;
  firstTime: string;
  lastTime: string;
  size: number;
  /** Sum of member vectors, [term, weight], strongest terms only. */
  centroid: [string, number][];
  /** Years, months, weekdays and figures the members mention, [`kind:value`, count], at most 6 per kind (absent in older snapshots). */
  marks?: [string, number][];
}

/** The whole index state: JSON-serialisable, bounded by the window. */
export interface StoryIndexSnapshot {
  version: 1;
  windowHours: number;
  /** Latest article time seen (ISO), null before the first article. */
  now: string | null;
  nextSeq: number;
  df: { docs: number; terms: [string, number][] };
  fingerprints: FingerprintSnapshot[];
  stories: StorySnapshot[];
}
