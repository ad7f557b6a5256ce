import { sourceFetchScope } from '../config/index.js';
import { toWiredeskError } from '../errors/index.js';
import { parseFeedInSlices } from '../feeds/index.js';
import { emptyRead, type SourceRead, type SourceReadContext, type SourceReader } from './source-reader.js';

/** What a feed reader asks for: the feed formats first, generic XML after. */
export const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8';

/**
 * RSS, Atom and JSON Feed sources: one conditional GET of the feed URL (robots.txt is not consulted:
 * feeds are published for machines), then `parseFeedInSlices`. A 304 costs no parsing.
 */
export const feedReader: SourceReader = {
  async read(context: SourceReadContext): Promise<SourceRead> {
    const { source } = context;
    const read = emptyRead();
    let body: Uint8Array;
    let contentType: string | null;
    try {
      const res = await context.fetcher.fetch({
        url: source.url,
        accept: FEED_ACCEPT,
        obeyRobots: false,
        ...sourceFetchScope(source),
        validators: context.validatorsFor(source.url),
        ...(context.signal ? { signal: context.signal } : {}),
      });
      read.http = { status: res.status, finalUrl: res.finalUrl, notModified: res.notModified, durationMs: res.durationMs, encoding: null };
      read.notBefore = res.notBefore;
      read.validators = res.validators;
      read.notModified = res.notModified;
      if (res.notModified) return read;
      body = res.body;
      contentType = res.contentType;
    } catch (error) {
      read.error = toWiredeskError(error, 'FETCH_NETWORK', source.url);
      return read;
    }
    try {
      const parsed = await parseFeedInSlices(body, {
        contentType,
        baseUrl: read.http.finalUrl ?? source.url,
        fetchedAt: context.now,
        pause: context.pause,
        ...(context.signal ? { signal: context.signal } : {}),
      });
      read.items = parsed.items;
      read.http.encoding = parsed.feed.encoding;
      read.warnings = parsed.warnings;
      read.ttlMinutes = parsed.feed.ttlMinutes;
    } catch (error) {
      // Not this response's validators: a 304 next time would hide that the feed is still unusable.
      read.validators = { etag: null, lastModified: null };
      read.error = toWiredeskError(error, 'FEED_MALFORMED', source.url);
    }
    return read;
  },
};
