import type { ErrorRecord } from '../errors/index.js';
import type { Validators } from '../fetch/index.js';
import { emptySourceState, recordItemTime, type CrawlerState } from '../store/index.js';
import type { SourceStateView } from './fetch-source.js';

/** What a finished source contributes to the state. */
export interface SourceResult {
  name: string;
  ok: boolean;
  at: string;
  /** Validators for the next conditional GET; null keeps the stored ones. */
  validators: Validators | null;
  notBefore: string | null;
  ttlMinutes: number | null;
  /** Publication times of items new in this run (adaptive scheduling reads them). */
  newItemDates: string[];
  /** Validators of the documents read besides the source URL (child sitemaps), replacing the stored set; null keeps it. */
  documents?: Record<string, Validators> | null;
  error: ErrorRecord | null;
}

/** The pipeline's only window onto the crawler state's layout. */
export interface StateView extends SourceStateView {
  readonly state: CrawlerState;
  markSeen(feedUrl: string, key: string, articleId: string | null, at: string): void;
  recordSource(url: string, result: SourceResult): void;
  storySnapshot(): unknown;
  setStorySnapshot(snapshot: unknown): void;
}

/** Wraps a loaded state for one run; mutations land in `state`, which the store then saves. */
export function createStateView(state: CrawlerState): StateView {
  // Article ids taken by a source in this run, and ids an earlier run committed (see SourceStateView.claimArticle).
  const claimed = new Set<string>();
  let committed: Set<string> | null = null;
  return {
    state,
    validatorsFor: (url) => state.sources[url]?.validators ?? null,
    documentValidators: (sourceUrl) => state.sources[sourceUrl]?.documents ?? {},
    isSeen: (feedUrl, key) => state.seen[feedUrl]?.[key] !== undefined,
    claimArticle(articleId) {
      // Seen entries, not articlePaths: a path is journaled before its file is written, so after a crash it can name
      // an article that was never stored. An id is marked seen only once its article (or its final failure) is committed.
      committed ??= committedArticleIds(state);
      if (claimed.has(articleId) || committed.has(articleId)) return false;
      claimed.add(articleId);
      return true;
    },
    markSeen(feedUrl, key, articleId, at) {
      const keys = (state.seen[feedUrl] ??= {});
      if (keys[key] === undefined) keys[key] = { articleId, at };
    },
    recordSource(url, result) {
      const source = (state.sources[url] ??= emptySourceState(result.name));
      source.name = result.name;
      source.lastRunAt = result.at;
      // null: no answer this run (the feed fetch failed), so the stored ones stay current. A 304's
      // validators already fall back to the ones sent (the fetch layer merges them); empty ones clear.
      if (result.validators !== null) source.validators = result.validators;
      // Replaced as a whole: only the documents of this run's read are kept, so the set stays bounded.
      if (result.documents != null) source.documents = result.documents;
      source.notBefore = latest(result.notBefore, result.ttlMinutes === null ? null : new Date(Date.parse(result.at) + result.ttlMinutes * 60_000).toISOString());
      for (const at of result.newItemDates) recordItemTime(source, at);
      if (result.ok) {
        source.lastSuccessAt = result.at;
        source.consecutiveFailures = 0;
      } else {
        source.consecutiveFailures++;
        source.lastError = { code: result.error?.code ?? 'INTERNAL', message: result.error?.message ?? 'unknown failure', at: result.at };
      }
    },
    storySnapshot: () => state.storyIndex,
    setStorySnapshot(snapshot) {
      state.storyIndex = snapshot;
    },
  };
}

/** Every article id some source has settled, whichever source it was. */
function committedArticleIds(state: CrawlerState): Set<string> {
  const ids = new Set<string>();
  for (const keys of Object.values(state.seen)) for (const entry of Object.values(keys)) if (entry.articleId !== null) ids.add(entry.articleId);
  return ids;
}

function latest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
