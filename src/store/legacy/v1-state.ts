import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { WiredeskError } from '../../errors/index.js';

/**
 * The state format of wiredesk before the state database: one JSON file, `state.json`, in the
 * state directory. Read once, to import it into the database; never written any more.
 */

/** File name of the version 1 state. */
export const V1_STATE_FILE = 'state.json';

/** Version of the state file format; a state written by a newer version is refused, not guessed at. */
export const STATE_FORMAT_VERSION = 1;

/** HTTP validators for a conditional GET (same shape as the fetch layer's `Validators`). */
export interface V1Validators {
  etag: string | null;
  lastModified: string | null;
}

/** The last failure of a source, for `wiredesk status` and back-off. */
export interface V1SourceError {
  code: string;
  message: string;
  at: string;
}

/** What the crawler remembers about one source (keyed by feed URL). */
export interface V1SourceState {
  name: string | null;
  validators: V1Validators | null;
  /** Do not fetch before this time (feed TTL, Cache-Control max-age, Expires, Retry-After). */
  notBefore: string | null;
  /** When the scheduler intends to run the source next. */
  nextDueAt: string | null;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastError: V1SourceError | null;
  consecutiveFailures: number;
  /** Publication (else first-seen) times of recent new items, newest last; bounded, drives adaptive intervals. */
  recentItemTimes: string[];
  /** Validators of the documents a source reads besides its URL (a sitemap index's children), by URL; only those of the last read. */
  documents?: Record<string, V1Validators>;
}

/** An item key already handled for a feed. */
export interface V1SeenEntry {
  /** Article id written for the item (null when the item was deliberately skipped). */
  articleId: string | null;
  /** When the key was first seen; entries older than the retention are pruned. */
  at: string;
}

/** Everything the crawler kept between runs, in one JSON file. */
export interface V1State {
  formatVersion: number;
  updatedAt: string | null;
  /** Per source, keyed by feed URL. */
  sources: Record<string, V1SourceState>;
  /** Validators for any URL other than a feed (article pages), keyed by URL. */
  urlValidators: Record<string, V1Validators>;
  /** Feed URL → item key → entry. */
  seen: Record<string, Record<string, V1SeenEntry>>;
  /** Opaque snapshot of the fingerprint module's story index (`StoryIndexSnapshot`). */
  storyIndex: unknown;
  /** Article id → path relative to the output directory, so a re-filed id never gets a second file. */
  articlePaths: Record<string, string>;
}

/** A fresh state: nothing seen, nothing scheduled. */
function emptyState(): V1State {
  return { formatVersion: STATE_FORMAT_VERSION, updatedAt: null, sources: {}, urlValidators: {}, seen: {}, storyIndex: null, articlePaths: {} };
}

/** A fresh per-source state. */
function emptySourceState(name: string | null = null): V1SourceState {
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
export function parseCrawlerState(json: unknown, path: string): V1State {
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
    state.sources[url] = { ...emptySourceState(), ...(raw as Partial<V1SourceState>) };
  }
  state.urlValidators = (json['urlValidators'] as Record<string, V1Validators> | undefined) ?? {};
  for (const [feed, keys] of Object.entries((json['seen'] as Record<string, unknown> | undefined) ?? {})) {
    if (!isRecord(keys)) fail(`seen["${feed}"] is not an object`);
    state.seen[feed] = keys as Record<string, V1SeenEntry>;
  }
  const paths = (json['articlePaths'] as Record<string, unknown> | undefined) ?? {};
  for (const [id, rel] of Object.entries(paths)) if (typeof rel !== 'string') fail(`articlePaths["${id}"] is not a string`);
  state.articlePaths = paths as Record<string, string>;
  state.storyIndex = json['storyIndex'] ?? null;
  return state;
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

/** The version 1 state of `stateDir`, or null when there is none. STATE_CORRUPT when it does not parse. */
export async function readV1State(stateDir: string): Promise<V1State | null> {
  const path = join(stateDir, V1_STATE_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    if ((cause as { code?: string }).code === 'ENOENT') return null;
    throw stateCorrupt(path, (cause as Error).message, cause);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw stateCorrupt(path, text.length === 0 ? 'the file is empty' : `not valid JSON (${(cause as Error).message})`, cause);
  }
  return parseCrawlerState(json, path);
}

/** Moves the version 1 state aside once imported (kept, never read again); returns where it went. */
export async function setAsideV1State(stateDir: string, now: Date): Promise<string> {
  const from = join(stateDir, V1_STATE_FILE);
  const to = `${from}.imported-${now.toISOString().replace(/[:.]/g, '-')}`;
  await rename(from, to);
  await rename(join(stateDir, 'article-paths.log'), `${to}.article-paths.log`).catch(() => undefined);
  return to;
}
