import { WiredeskError } from '../errors/index.js';

/** Version of the state file format; a state written by a newer version is refused, not guessed at. */
export const STATE_FORMAT_VERSION = 1;

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

/** What the crawler remembers about one source (keyed by feed URL). */
export interface SourceState {
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
  /** Validators of the documents a source reads besides its URL (a sitemap index's children), by URL; only those of the last read. */
  documents?: Record<string, StoredValidators>;
}

/** An item key already handled for a feed. */
export interface SeenEntry {
  /** Article id written for the item (null when the item was deliberately skipped). */
  articleId: string | null;
  /** When the key was first seen; entries older than the retention are pruned. */
  at: string;
}

/** Everything the crawler keeps between runs, saved atomically as one JSON file. */
export interface CrawlerState {
  formatVersion: number;
  updatedAt: string | null;
  /** Per source, keyed by feed URL. */
  sources: Record<string, SourceState>;
  /** Validators for any URL other than a feed (article pages), keyed by URL. */
  urlValidators: Record<string, StoredValidators>;
  /** Feed URL → item key → entry. */
  seen: Record<string, Record<string, SeenEntry>>;
  /** Opaque snapshot of the fingerprint module's story index (`StoryIndexSnapshot`). */
  storyIndex: unknown;
  /** Article id → path relative to the output directory, so a re-filed id never gets a second file. */
  articlePaths: Record<string, string>;
}

/** Bound on `recentItemTimes` per source. */
export const MAX_RECENT_ITEM_TIMES = 50;

/** A fresh state: nothing seen, nothing scheduled. */
export function emptyState(): CrawlerState {
  return { formatVersion: STATE_FORMAT_VERSION, updatedAt: null, sources: {}, urlValidators: {}, seen: {}, storyIndex: null, articlePaths: {} };
}

/** A fresh per-source state. */
export function emptySourceState(name: string | null = null): SourceState {
  return {
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

/**
 * Checks a parsed state file and fills fields a same-version writer may have omitted.
 * Anything structurally wrong is STATE_CORRUPT with the path and the rebuild hint.
 */
export function parseCrawlerState(json: unknown, path: string): CrawlerState {
  const fail = (why: string): never => {
    throw stateCorrupt(path, why);
  };
  if (!isRecord(json)) return fail('not a JSON object');
  const version = json['formatVersion'];
  if (typeof version !== 'number') return fail('missing formatVersion');
  if (version > STATE_FORMAT_VERSION) return fail(`formatVersion ${version} is newer than this wiredesk understands (${STATE_FORMAT_VERSION})`);
  const state = emptyState();
  state.updatedAt = typeof json['updatedAt'] === 'string' ? json['updatedAt'] : null;
  for (const key of ['sources', 'urlValidators', 'seen', 'articlePaths'] as const) {
    const value = json[key];
    if (value !== undefined && !isRecord(value)) fail(`"${key}" is not an object`);
  }
  for (const [url, raw] of Object.entries((json['sources'] as Record<string, unknown> | undefined) ?? {})) {
    if (!isRecord(raw)) fail(`sources["${url}"] is not an object`);
    state.sources[url] = { ...emptySourceState(), ...(raw as Partial<SourceState>) };
  }
  state.urlValidators = (json['urlValidators'] as Record<string, StoredValidators> | undefined) ?? {};
  for (const [feed, keys] of Object.entries((json['seen'] as Record<string, unknown> | undefined) ?? {})) {
    if (!isRecord(keys)) fail(`seen["${feed}"] is not an object`);
    state.seen[feed] = keys as Record<string, SeenEntry>;
  }
  const paths = (json['articlePaths'] as Record<string, unknown> | undefined) ?? {};
  for (const [id, rel] of Object.entries(paths)) if (typeof rel !== 'string') fail(`articlePaths["${id}"] is not a string`);
  state.articlePaths = paths as Record<string, string>;
  state.storyIndex = json['storyIndex'] ?? null;
  return state;
}

/**
 * Drops seen keys first seen before `cutoff` (keeps the state bounded over months).
 * Feeds re-list old items rarely; one that does is fetched again and lands on the same article file.
 * Returns how many keys were removed.
 */
export function pruneSeenKeys(state: CrawlerState, cutoff: Date): number {
  const limit = cutoff.getTime();
  let removed = 0;
  for (const [feed, keys] of Object.entries(state.seen)) {
    for (const [key, entry] of Object.entries(keys)) {
      const at = Date.parse(entry.at);
      if (!Number.isFinite(at) || at < limit) {
        delete keys[key];
        removed++;
      }
    }
    if (Object.keys(keys).length === 0) delete state.seen[feed];
  }
  return removed;
}

/** Appends an item time to a source's recent list, keeping it sorted and bounded. */
export function recordItemTime(source: SourceState, at: string): void {
  if (!Number.isFinite(Date.parse(at))) return;
  source.recentItemTimes.push(at);
  source.recentItemTimes.sort((a, b) => Date.parse(a) - Date.parse(b));
  if (source.recentItemTimes.length > MAX_RECENT_ITEM_TIMES) source.recentItemTimes.splice(0, source.recentItemTimes.length - MAX_RECENT_ITEM_TIMES);
}

/** The STATE_CORRUPT error with the path and what to do about it. */
export function stateCorrupt(path: string, why: string, cause?: unknown): WiredeskError {
  return new WiredeskError(
    'STATE_CORRUPT',
    `store: state file ${path} is unusable: ${why}. Run "wiredesk state rebuild" to recreate it from the article files (or move it away to start fresh).`,
    { cause, details: { path, hint: 'wiredesk state rebuild' } },
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
