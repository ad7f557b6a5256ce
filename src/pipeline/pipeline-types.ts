import type { WiredeskConfig, SourceConfig } from '../config/index.js';
import type { ErrorRecord } from '../errors/index.js';
import type { ExtractorPool, ExtractedArticle } from '../extract/index.js';
import type { Fetcher, Validators } from '../fetch/index.js';
import type { OutputSink, StateStore } from '../store/index.js';
import type { Clock, FeedItem, Logger, SourceRunReport } from '../types/index.js';
import type { Committer } from './committer.js';
import type { SourceGate } from './source-gate.js';

/** Everything one run needs, created at the top (ops) and passed down. */
export interface RunDeps {
  config: WiredeskConfig;
  sink: OutputSink;
  state: StateStore;
  /** The one writer of articles and stories, with the story index (kept between runs by a daemon). */
  committer: Committer;
  fetcher: Fetcher;
  extractor: ExtractorPool;
  clock: Clock;
  logger: Logger;
  /** Admits sources (shared by a crawler's overlapping runs); default: one for this run, `fetch.sourceConcurrency` places. */
  gate?: SourceGate;
  /** Crawl only these sources (the scheduler passes the due ones); default: every enabled source. */
  sources?: SourceConfig[];
  /**
   * Stops the crawl: no new fetch starts and requests in flight are aborted (their items stay unseen
   * for the next run); articles already fetched are still written, then the state and the report.
   */
  signal?: AbortSignal;
  onProgress?: (event: RunProgress) => void;
}

/** Progress events for a terminal display. */
export type RunProgress =
  | { type: 'source-done'; source: string; itemsNew: number; status: SourceRunReport['status'] }
  | { type: 'articles-known'; total: number }
  | { type: 'article-done'; source: string; ok: boolean };

/** An item whose page was fetched and extracted (or fell back to feed text), waiting to be grouped and written. */
export interface PendingArticle {
  source: SourceConfig;
  sourceIndex: number;
  itemIndex: number;
  item: FeedItem;
  articleId: string;
  fetchedAt: string;
  finalUrl: string | null;
  extracted: ExtractedArticle;
  encoding: string | null;
  encodingSource: string | null;
  /** Set when the page could not be used and the feed's own text stands in. */
  fallbackReason: string | null;
  /** The page response's validators (kept for a conditional GET of the same URL). */
  validators: Validators | null;
}

/** Stage-A result of one source: its report so far and the articles to commit. */
export interface SourceOutcome {
  report: SourceRunReport;
  pending: PendingArticle[];
  /** Item keys whose failure is final (not retryable): marked seen so they are not refetched forever. */
  finalFailures: { key: string; articleId: string }[];
  /** Article ids this source claimed for the run (released when its commits are done). */
  claimed?: string[];
  /** New items whose article is already stored (another feed listed it, or the page did not change). */
  known: { key: string; articleId: string }[];
  /** New items whose article another source of this run claimed: recorded once that source is done. */
  knownLater: { key: string; articleId: string }[];
  /** Validators of the feed response, to send on the next conditional GET. */
  validators: Validators | null;
  /** Validators of the other documents the source read (child sitemaps); null when its reader reads only its URL. */
  documents: Record<string, Validators> | null;
  /** RSS `<ttl>` in minutes, if the feed sets one. */
  ttlMinutes: number | null;
  /** Publication times of the items new in this run (with their keys), for adaptive scheduling. */
  itemDates: { key: string; at: string }[];
}

export type FailureRecord = ErrorRecord & { itemUrl: string | null };
