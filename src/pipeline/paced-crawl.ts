import type { FetchConfig } from '../config/index.js';
import type { ExtractorPool } from '../extract/index.js';
import { hostKey, type Fetcher } from '../fetch/index.js';
import { HostPacer } from './host-pacer.js';

/** Pages fetched and not yet extracted, at most; past it article fetches wait (feeds do not). */
export const EXTRACTION_BACKLOG = 64;

/** A crawler's fetcher and extractor behind one pacer, shared by every run of the crawler. */
export interface PacedCrawl {
  fetcher: Fetcher;
  extractor: ExtractorPool;
  /** Requests waiting for their host, a slot or extraction room (the daemon's queue depth). */
  queued(): number;
}

/**
 * Wraps a fetcher and an extractor pool so that requests start in the order their hosts become
 * ready (HostPacer) and article pages are only fetched while the extraction backlog has room. The
 * fetcher keeps enforcing politeness itself (robots.txt Crawl-delay, Retry-After pauses); the pacer
 * only decides which waiting request goes next, so nothing waiting holds a slot.
 */
export function paceCrawl(fetcher: Fetcher, extractor: ExtractorPool, config: FetchConfig): PacedCrawl {
  let extracting = 0;
  const pacer = new HostPacer({
    perHost: config.perHostConcurrency,
    gapMs: config.minHostGapMs,
    maxActive: config.globalConcurrency,
    canStartArticle: () => extracting < EXTRACTION_BACKLOG,
  });
  return {
    fetcher: {
      async fetch(request) {
        const key = keyOf(request.url);
        // An unparsable URL is the fetcher's to refuse (INVALID_URL), with its own message.
        if (key === null) return fetcher.fetch(request);
        const release = await pacer.acquire(key, requestKind(request), request.signal);
        try {
          return await fetcher.fetch(request);
        } finally {
          release();
        }
      },
      async close() {
        pacer.close();
        await fetcher.close();
      },
    },
    extractor: {
      async extract(input) {
        extracting++;
        try {
          return await extractor.extract(input);
        } finally {
          extracting--;
          if (extracting < EXTRACTION_BACKLOG) pacer.backlogEased();
        }
      },
      close: () => extractor.close(),
    },
    queued: () => pacer.queued,
  };
}

function keyOf(url: string): string | null {
  try {
    return hostKey(new URL(url));
  } catch {
    return null;
  }
}

/**
 * Whether a request fetches an article page (its body goes to extraction) or a source document:
 * article fetches ask for HTML only (fetch-source.ts); the older `kind` tag still counts when set.
 */
export function requestKind(request: { kind?: 'feed' | 'article'; htmlOnly?: boolean }): 'feed' | 'article' {
  return request.kind ?? (request.htmlOnly === true ? 'article' : 'feed');
}
