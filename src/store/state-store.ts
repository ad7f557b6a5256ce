import type { StoryIndexImage, StoryIndexInput, StoryIndexSnapshot } from '../fingerprint/index.js';
import type { StoryRecord } from '../types/index.js';

/**
 * The crawler state behind one interface: sources and their schedule, seen item keys, HTTP
 * validators, the catalog of stored articles, story history, and the story index. One
 * implementation per backend (SQLite in `sqlite/`, PostgreSQL in a cluster); nothing outside an
 * implementation knows its files or tables. Every method is one transaction.
 */
export interface StateStore {
  /** Where the state lives, for messages ("sqlite /srv/out/.wiredesk-state/state.db"). */
  readonly location: string;
  close(): Promise<void>;

  /** Every source the state remembers. */
  sources(): Promise<SourceState[]>;
  source(url: string): Promise<SourceState | null>;
  saveSource(state: SourceState): Promise<void>;
  /** The daemon's plan: each source's next due time (sources not known yet are created). */
  savePlan(plan: { url: string; name: string; nextDueAt: string }[]): Promise<void>;

  /** Which of `keys` of a feed are already handled. */
  seenKeys(feedUrl: string, keys: readonly string[]): Promise<Set<string>>;
  /** Marks item keys handled (items that failed for good, or that name an article already stored). */
  markSeen(entries: readonly SeenEntry[]): Promise<void>;

  /** Validators of a page URL for a conditional GET. */
  urlValidators(url: string): Promise<StoredValidators | null>;

  /** Catalog entries of stored articles, by id (missing ids are absent from the map). */
  articles(ids: readonly string[]): Promise<Map<string, ArticleEntry>>;
  /** A story's members in joining order. */
  storyMembers(storyId: string): Promise<ArticleEntry[]>;
  /** Stories' merge history, by id (stories that never absorbed another are absent). */
  storyMerges(storyIds: readonly string[]): Promise<Map<string, StoryRecord['merged']>>;
  /** The next joining order number (one more than any stored). */
  nextJoinSeq(): Promise<number>;

  /**
   * Records what an article commit is about to write, before any file is written. An intent
   * whose article never reached the catalog is an interrupted commit (see `pendingIntents`).
   */
  beginCommit(intent: CommitIntent): Promise<void>;
  /** One article's commit: catalog, seen keys, validators, story history and story-index changes, atomically. */
  commit(commit: ArticleCommit): Promise<void>;
  /** Intents of commits that were interrupted (their article is not in the catalog; its files may be half-way). */
  pendingIntents(): Promise<CommitIntent[]>;
  clearIntent(articleId: string): Promise<void>;
  /**
   * Optional; a store that has both lets the writer hold story files for a short batch (the
   * Committer's `storyBatchMs`): intents then carry `storiesBehind`. Returns the stories whose
   * files may lag the catalog because a batch was cut short (by a kill): those the last intent
   * names, and those of every member that joined after the batch began. Empty when none.
   */
  storiesBehind?(): Promise<string[]>;
  /** With `storiesBehind`: every story file of the batch is written; nothing lags any more. */
  storiesWritten?(): Promise<void>;

  /**
   * The story index as the last commit left it: a snapshot and the inputs to replay on it (null
   * when there is none yet).
   */
  loadStoryIndex(): Promise<StoryIndexLoad | null>;
  /** True when enough index changes are logged that the writer should hand in a checkpoint. */
  storyIndexCheckpointDue(): Promise<boolean>;
  /**
   * Stores the live index (which includes every committed change) as the new base of the index,
   * so the log of changes restarts empty; its cost is the window's size, paid once per many articles.
   * An image (`index.image()`) is read as it is encoded, in turns that let the event loop run
   * between its blocks: the index must take no input until the returned promise settles.
   */
  checkpointStoryIndex(snapshot: StoryIndexSnapshot | StoryIndexImage): Promise<void>;

  /** Stories with a member fetched at or after `since`, with their size. */
  storiesSeenSince(since: string): Promise<{ storyId: string; lastSeenAt: string; size: number }[]>;
  /** Articles stored per feed URL since `since`. */
  articleCountsSince(since: string): Promise<Map<string, number>>;

  /** Catalog entries filed on a day before `day` (YYYY-MM-DD), for prune. */
  articlesFiledBefore(day: string): Promise<ArticleEntry[]>;
  /** Removes catalog entries and the seen keys naming them; stories left empty lose their history. */
  removeArticles(ids: readonly string[], emptiedStories: readonly string[]): Promise<void>;
  /** Drops seen keys first seen before `at` (items feeds no longer list); returns how many. */
  pruneSeenKeys(at: string): Promise<number>;

  /** Replaces the whole state (rebuild, import of an older format). */
  replaceAll(contents: StateContents): Promise<void>;
  /** Sizes, for status and benches. */
  stats(): Promise<StateStats>;
}

/** HTTP validators for a conditional GET (same shape as the fetch layer's `Validators`). */
export interface StoredValidators {
  etag: string | null;
  lastModified: string | null;
}

/** The last failure of a source, for `wiredesk status` and back-off. */
export interface SourceErrorState {
  code: string;
  message: string;
  at: string;
}

/** What the crawler remembers about one source. */
export interface SourceState {
  url: string;
  name: string | null;
  validators: StoredValidators | null;
  /** Do not fetch before this time (feed TTL, Cache-Control max-age, Expires, Retry-After). */
  notBefore: string | null;
  /** When the scheduler intends to run the source next. */
  nextDueAt: string | null;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastError: SourceErrorState | null;
  consecutiveFailures: number;
  /** Publication (else first-seen) times of recent new items, newest last; bounded, drives adaptive intervals. */
  recentItemTimes: string[];
  /** Validators of the documents the source read besides its URL (a sitemap index's children), by URL. */
  documents?: Record<string, StoredValidators>;
}

/** An item key handled for a feed. */
export interface SeenEntry {
  feedUrl: string;
  key: string;
  /** Article id written for the item (null when the item was deliberately skipped). */
  articleId: string | null;
  at: string;
}

/** What the state keeps of each stored article: enough to file, group and list it without its file. */
export interface ArticleEntry {
  id: string;
  /** UTC day the output files it under (YYYY-MM-DD); fixed at the first commit. */
  filedDay: string;
  feedUrl: string;
  /** Feed name. */
  source: string;
  title: string;
  duplicateOf: string | null;
  storyId: string;
  /** Order of joining its current story (a moved article joins again). */
  joinedSeq: number;
  /** When it was fetched (ISO). */
  seenAt: string;
  /** Other feeds that listed the same article: [url, name]. */
  alsoIn: { url: string; name: string }[];
}

/** What an article commit is about to write (see `beginCommit`). */
export interface CommitIntent {
  articleId: string;
  filedDay: string;
  /** True when the article was new (an interrupted commit leaves a file the catalog does not know). */
  isNew: boolean;
  /** Earlier articles whose files it rewrites (they moved to another story). */
  moved: string[];
  /** Stories whose files it writes or removes. */
  stories: string[];
  at: string;
  /**
   * Set when story files are held for a batch (see `StateStore.storiesBehind`): the largest join
   * number committed before the batch began (stories that gained members since are found by it),
   * and the stories earlier commits of the batch changed without a new member (members moved out,
   * stories ended), which the catalog cannot name.
   */
  storiesBehind?: { sinceJoinSeq: number; stories: string[] };
}

/** One article's commit. */
export interface ArticleCommit {
  articleId: string;
  /** The article itself and any earlier article that moved story (upserts). */
  articles: ArticleEntry[];
  seen: SeenEntry[];
  urlValidators: { url: string; validators: StoredValidators } | null;
  /** Story histories that changed (upserts) and stories that ended (their history goes). */
  merges: { storyId: string; merged: StoryRecord['merged'] }[];
  endedStories: string[];
  /** What the story index was asked to do for this article (null: nothing). */
  index: StoryIndexInput | null;
}

/** A persisted story index: a snapshot, and the inputs it took since, to replay in order. */
export interface StoryIndexLoad {
  /** An image (read as the restore takes it) or, from an older state, a JSON snapshot. */
  snapshot: StoryIndexSnapshot | StoryIndexImage | null;
  replay: LoggedInputs;
}

/**
 * Logged inputs to replay, in order. A store may decode each only as it is iterated: at 100,000
 * live articles all 4,000 inputs decoded before the snapshot's restore were ~25 MB of parsed JSON
 * the collector marked through the whole restore.
 */
export interface LoggedInputs extends Iterable<StoryIndexInput> {
  readonly length: number;
}

/** A whole state, for `replaceAll`. */
export interface StateContents {
  sources: SourceState[];
  seen: SeenEntry[];
  articles: ArticleEntry[];
  merges: { storyId: string; merged: StoryRecord['merged'] }[];
  urlValidators: { url: string; validators: StoredValidators }[];
  storyIndex: StoryIndexSnapshot | StoryIndexImage | null;
}

/** Sizes of the state. */
export interface StateStats {
  sources: number;
  seenKeys: number;
  articles: number;
  /** Articles in the story index's window (graph articles and copies). */
  windowArticles: number;
  bytes: number;
}

/** A fresh per-source state. */
export function emptySourceState(url: string, name: string | null = null): SourceState {
  return {
    url,
    name,
    validators: null,
    notBefore: null,
    nextDueAt: null,
    lastRunAt: null,
    lastSuccessAt: null,
    lastError: null,
    consecutiveFailures: 0,
    recentItemTimes: [],
  };
}

/** Bound on `recentItemTimes` per source. */
export const MAX_RECENT_ITEM_TIMES = 50;

/** Appends an item time to a source's recent list, keeping it sorted and bounded. */
export function recordItemTime(source: SourceState, at: string): void {
  if (!Number.isFinite(Date.parse(at))) return;
  source.recentItemTimes.push(at);
  source.recentItemTimes.sort((a, b) => Date.parse(a) - Date.parse(b));
  if (source.recentItemTimes.length > MAX_RECENT_ITEM_TIMES) source.recentItemTimes.splice(0, source.recentItemTimes.length - MAX_RECENT_ITEM_TIMES);
}
