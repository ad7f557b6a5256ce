import { sourceFetchScope } from '../config/index.js';
import type { SitemapRef } from '../feeds/index.js';
import type { FetchResponse } from '../fetch/index.js';
import type { FeedItem } from '../types/index.js';
import { fetchSitemap, sitemapFailure, UnreadableSitemapError, type FetchedSitemap, type SitemapFetch } from './fetch-sitemap.js';
import { emptyRead, type SourceRead, type SourceReadContext, type SourceReader } from './source-reader.js';

/**
 * Google News sitemaps (a `urlset` with `news:news` entries), plain sitemaps (entries dated by
 * `lastmod`), and sitemap indexes of them. An index's children are read newest first by
 * `lastmod`: those last modified before `sitemap.maxAgeHours` are not fetched, and at most
 * `sitemap.maxSitemapsPerRun` are. Every document is fetched conditionally with its own validators
 * (an unchanged child costs a 304), gzip files are decompressed within `sitemap.maxBytes`, and
 * entries older than `maxAgeHours` are left out, as the news sitemap protocol intends (two days).
 * A child that fails is recorded and the others are read.
 */
export const newsSitemapReader: SourceReader = {
  async read(context: SourceReadContext): Promise<SourceRead> {
    const { source } = context;
    const read = emptyRead();
    read.documents = {};
    let top: FetchedSitemap;
    try {
      top = await fetchSitemap(source.url, sitemapOptions(context, source.url));
    } catch (error) {
      read.error = sitemapFailure(error, source.url);
      if (!(error instanceof UnreadableSitemapError)) return read;
      // Fetched but unreadable: no validators (a 304 next time would hide that it is still unusable).
      read.validators = { etag: null, lastModified: null };
      return fillHttp(read, error.response);
    }
    fillHttp(read, top.response);
    read.validators = top.response.validators;
    read.notModified = top.response.notModified;
    if (top.parsed === null) return read;
    read.http.encoding = top.parsed.encoding;
    read.warnings.push(...top.parsed.warnings);
    if (top.parsed.kind === 'urlset') {
      read.items = top.parsed.items;
      return read;
    }
    const items = new Map<string, FeedItem>();
    for (const child of chooseChildren(top.parsed.sitemaps, context, read)) {
      if (context.signal?.aborted === true) break;
      try {
        const fetched = await fetchSitemap(child.url, sitemapOptions(context, child.url));
        read.documents[child.url] = fetched.response.validators;
        if (fetched.parsed === null) continue;
        for (const warning of fetched.parsed.warnings) read.warnings.push({ code: warning.code, message: `${child.url}: ${warning.message}` });
        if (fetched.parsed.kind === 'index') {
          read.warnings.push({ code: 'SITEMAP_NESTED_INDEX', message: `${child.url} is itself an index; the protocol does not nest indexes and it was not followed` });
        }
        for (const item of fetched.parsed.items) if (!items.has(item.key)) items.set(item.key, item);
      } catch (error) {
        const failure = sitemapFailure(error, child.url);
        read.documentFailures.push({ url: child.url, error: failure });
        // The index must be read again next time, or a 304 would skip the child that failed.
        if (failure.retryable) read.validators = { etag: null, lastModified: null };
      }
    }
    read.items = [...items.values()];
    return read;
  },
};

/** Children worth fetching: recent by lastmod (undated ones last), at most `maxSitemapsPerRun`. */
function chooseChildren(sitemaps: SitemapRef[], context: SourceReadContext, read: SourceRead): SitemapRef[] {
  const cutoff = context.now.getTime() - context.sitemap.maxAgeHours * 3_600_000;
  const recent = sitemaps.filter((s) => s.lastmod === null || Date.parse(s.lastmod) >= cutoff);
  const old = sitemaps.length - recent.length;
  if (old > 0) read.warnings.push({ code: 'SITEMAP_OLD_CHILDREN', message: `${old} child sitemap(s) last modified more than ${context.sitemap.maxAgeHours} h ago were not fetched` });
  // Newest first; a stable sort keeps document order among equals (and among the undated).
  recent.sort((a, b) => (b.lastmod === null ? -1 : Date.parse(b.lastmod)) - (a.lastmod === null ? -1 : Date.parse(a.lastmod)));
  const bound = context.sitemap.maxSitemapsPerRun;
  if (recent.length > bound) read.warnings.push({ code: 'SITEMAP_CHILDREN_BOUNDED', message: `read the ${bound} newest of ${recent.length} child sitemaps (sitemap.maxSitemapsPerRun)` });
  return recent.slice(0, bound);
}

function sitemapOptions(context: SourceReadContext, url: string): SitemapFetch {
  return {
    fetcher: context.fetcher,
    sitemap: context.sitemap,
    now: context.now,
    // The source's scope: its secrets and private-network permission reach its own host and the ones it names.
    allowPrivateNetwork: false,
    ...sourceFetchScope(context.source),
    validators: context.validatorsFor(url),
    pause: context.pause,
    ...(context.signal ? { signal: context.signal } : {}),
  };
}

function fillHttp(read: SourceRead, response: FetchResponse | null): SourceRead {
  if (response !== null) read.http = { status: response.status, finalUrl: response.finalUrl, notModified: response.notModified, durationMs: response.durationMs, encoding: null };
  return read;
}
