import type { AliasTable } from './aliases.js';
import type { LanguageDetector } from './language-detector.js';
import type { LanguageFrequencySnapshot } from './language-frequencies.js';
import type { RememberedStorySnapshot } from './story-memory.js';

/** Options of the story index (see docs/architecture.md). */
export interface StoryIndexOptions {
  /** Articles further apart than this never share a story; older entries are evicted. */
  windowHours: number;
  aliases: AliasTable;
  /** Thresholds, for benches and experiments; the defaults are the measured ones. */
  tuning?: Partial<StoryTuning>;
  /**
   * Days a story stays joinable after it left the window (default 30): a later report may join it
   * through its recent members or its summary vector, at a stricter bar than a link in the window.
   * 0 turns the memory off.
   */
  memoryDays?: number;
  /**
   * Identifies the language of articles whose declared language is missing or not credible
   * (loadLanguageDetector). Without one, the language comes from the declared language, the
   * script, or the stop words the text uses.
   */
  languageDetector?: LanguageDetector;
}

/** The measured knobs of both stages. */
export interface StoryTuning {
  /** Hamming radius of the simhash candidate search for duplicates. */
  duplicateDistance: number;
  /** Minimum shingle containment (sampled, exact on the sample) that confirms a duplicate. */
  duplicateContainment: number;
  /**
   * Minimum similarity (cosine, discounted on date conflicts) for two articles to be neighbours in
   * the story graph; an article without a neighbour starts a story.
   */
  linkSimilarity: number;
  /** A story needs at least one link this strong; articles joined only by weaker links stay apart. */
  pairSimilarity: number;
  /** Neighbours each article keeps (k of the k-nearest-neighbour graph). */
  neighbours: number;
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
  /** Terms an article keeps in the graph (its strongest; a newcomer still compares all of its own). */
  keptTerms: number;
  /**
   * Factors on the similarity of two articles that conflict on years, months, weekdays or other
   * figures (both mention some, none in common; see story-marks.ts); conflicts multiply. 1 turns a
   * check off, 0 is a veto.
   */
  yearConflictFactor: number;
  monthConflictFactor: number;
  weekdayConflictFactor: number;
  figureConflictFactor: number;
  /** Mentions of a kind each side needs before a conflict on it counts. */
  markMinMentions: number;
  /** Conflicts count only between texts published at most this many hours apart. */
  markConflictHours: number;
  /**
   * Minimum similarity for a link to a remembered story (its summary or one of its latest members),
   * stricter than linkSimilarity: after weeks, a report must be clearly about the same affair.
   */
  memorySimilarity: number;
  /**
   * Links between reports in different languages are scored on their names and figures alone
   * (cross-language.ts): the cosine of those must reach crossLanguageSimilarity (with at least two
   * shared), and the link then weighs that cosine times crossLanguageWeight.
   */
  crossLanguageSimilarity: number;
  crossLanguageWeight: number;
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
  /** The language the page or feed declares (BCP 47, e.g. `de-AT`); used when the text agrees with it. */
  language?: string | null;
  /**
   * Set (to the reason, e.g. `cookie-wall`) when extraction found an interstitial page rather than
   * an article: such a page is never a copy of anything, nor anything a copy of it. Pass the feed's
   * own text as `text` then (the wall's text would group every page behind the same wall).
   */
  nonArticle?: string | null;
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
  /** Similarity to its closest neighbour in the story joined (null for a new story or a duplicate). */
  similarity: number | null;
  reason: 'new' | 'duplicate' | 'similar';
  /**
   * What joined the article to its story when that was more than a link to a same-language report
   * in the window: `cross-language` (shared names, places and figures with a report in another
   * language), `memory` (a story that had left the window, through its recent members or summary).
   */
  via: 'cross-language' | 'memory' | null;
  /** The language the article was read in (ISO 639-1 where one exists; `und` when unknown). */
  language: string;
  /**
   * Until when the story can still be joined (ISO): its latest report's time plus the window and
   * the story memory. Later reports of the same event start a new story.
   */
  openUntil: string;
  /** Story ids absorbed into `storyId` by this assignment (the older id survives); also in `ended`. */
  merged: string[];
  /**
   * Earlier articles whose story changed because of this one: the links it added split a story
   * (two events that a bridging report had joined) or joined two. Their copies move with them.
   */
  moved: StoryMove[];
  /** Stories left without articles by the moves, each with the story that took most of them. */
  ended: { storyId: string; into: string }[];
}

/** An earlier article moved to another story. */
export interface StoryMove {
  articleId: string;
  from: string;
  to: string;
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
  /** Since version 3. */
  via?: 'cross-language' | 'memory' | null;
  language?: string;
  /** Set when the text was an interstitial page (never matched as a copy). Since version 3. */
  nonArticle?: boolean;
  /** Body words, and hashes of the distinct title and lead words, sorted (short texts are copies only when headings agree). Since version 3. */
  words?: number;
  titleWords?: number[];
  leadWords?: number[];
  openingWords?: number[];
  /** Number of shingles of the text. */
  shingles: number;
  /** Bottom-k sketch of the shingle hashes, ascending. */
  sample: number[];
}

/** A story as persisted. */
export interface StorySnapshot {
  id: string;
  seq: number;
}

/** An original article of the story graph as persisted (copies are fingerprints only). */
export interface GraphNodeSnapshot {
  id: string;
  seq: number;
  time: string;
  storyId: string;
  /** The language its terms are in (since version 3; `und` before). */
  language?: string;
  /** Its tf-idf vector, [term, weight], strongest first. */
  vector: [string, number][];
  /** Its names and figures in language-neutral form, [key, weight] (version 3). */
  names?: [string, number][];
  /** Years, months, weekdays and figures of its title and lead, [`kind:value`, count]. */
  marks: [string, number][];
  /** Its nearest neighbours, [article id, similarity], strongest first. */
  knn: [string, number][];
  /** Its links to remembered stories, [story id, similarity] (version 3). */
  memoryKnn?: [string, number][];
}

/** The whole index state: JSON-serialisable, bounded by the window. */
export interface StoryIndexSnapshot {
  /**
   * 3 since languages (per-language document frequencies, languages of articles) and the story
   * memory; 2 since the story graph; a version 1 snapshot (centroids) restores its fingerprints and
   * ids only.
   */
  version: 1 | 2 | 3;
  windowHours: number;
  /** Latest article time seen (ISO), null before the first article. */
  now: string | null;
  nextSeq: number;
  /** Arrival counter of graph articles. */
  nextNode?: number;
  /** Document frequencies of versions 1 and 2 (one table for all languages); empty since version 3. */
  df: { docs: number; terms: [string, number][] };
  /** Per-language document frequencies (version 3). */
  languageDf?: LanguageFrequencySnapshot;
  fingerprints: FingerprintSnapshot[];
  stories: StorySnapshot[];
  nodes?: GraphNodeSnapshot[];
  /** Stories remembered after their articles left the window (version 3; story-memory.ts). */
  memory?: RememberedStorySnapshot[];
}
