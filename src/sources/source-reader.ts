import type { SitemapConfig, SourceConfig } from '../config/index.js';
import type { WiredeskError } from '../errors/index.js';
import type { Fetcher, Validators } from '../fetch/index.js';
import type { FeedItem, FeedWarning, Logger, SourceRunReport } from '../types/index.js';

/** What a reader needs to read one source once. */
export interface SourceReadContext {
  source: SourceConfig;
  fetcher: Fetcher;
  sitemap: SitemapConfig;
  /** When the read starts: the fetch time parsers date against. */
  now: Date;
  logger: Logger;
  signal?: AbortSignal;
  /** Validators stored from an earlier read: for the source URL, and for the other documents it read (child sitemaps). */
  validatorsFor(url: string): Validators | null;
  /** Gives the event loop a turn between slices of parsing. */
  pause(): Promise<void>;
}

/** A document other than the source URL that failed (a child sitemap): the rest of the source was read. */
export interface DocumentFailure {
  url: string;
  error: WiredeskError;
}

/** What a reader found: normalized items plus everything the run report and the state need. */
export interface SourceRead {
  http: SourceRunReport['http'];
  /** Set when the source as a whole could not be read (fetch or parse of the source URL). */
  error: WiredeskError | null;
  /** The source URL answered 304: nothing to parse. */
  notModified: boolean;
  items: FeedItem[];
  warnings: FeedWarning[];
  /** Validators for the source URL's next conditional GET; null keeps the stored ones, empty ones force a full fetch. */
  validators: Validators | null;
  notBefore: string | null;
  ttlMinutes: number | null;
  /** Validators of the other documents read this run (child sitemaps) by URL; null when a reader reads only its URL. */
  documents: Record<string, Validators> | null;
  documentFailures: DocumentFailure[];
}

/** One kind of source. Readers are the only code that knows a source format; everything after them is shared. */
export interface SourceReader {
  /** Never rejects: failures are in `SourceRead.error` and `documentFailures`. */
  read(context: SourceReadContext): Promise<SourceRead>;
}

/** A read that produced nothing yet, to fill in. */
export function emptyRead(): SourceRead {
  return {
    http: { status: null, finalUrl: null, notModified: false, durationMs: null, encoding: null },
    error: null,
    notModified: false,
    items: [],
    warnings: [],
    validators: null,
    notBefore: null,
    ttlMinutes: null,
    documents: null,
    documentFailures: [],
  };
}
