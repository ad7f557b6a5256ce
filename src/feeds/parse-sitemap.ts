import { WiredeskError } from '../errors/index.js';
import type { FeedItem, FeedWarning } from '../types/index.js';
import { resolveAndCanonicalize } from './canonical-url.js';
import { decodeDocument } from './decode-document.js';
import { normalizeItem, type NormalizeContext } from './normalize-item.js';
import { parseFeedDate } from './parse-date.js';
import { prepareXmlText } from './prepare-text.js';
import { runSliced, type SliceOptions } from './run-sliced.js';
import { readSitemapEntries, type SitemapEntry, type SitemapDocument } from './sitemap-entries.js';
import type { WireItem } from './wire-types.js';
import { runToEnd, XmlLimitError } from './xml-scanner.js';

/** What parseSitemap needs besides the document. */
export interface ParseSitemapOptions {
  /** HTTP Content-Type (only its charset is used: sitemaps served as text/html or text/plain are read by their root). */
  contentType?: string | null;
  /** URL the sitemap was fetched from: base for relative `loc` values. */
  baseUrl?: string | null;
  /** When it was fetched: dates more than a day after it are clamped to it. */
  fetchedAt: Date;
  /** URLs (or child sitemaps) one file may list; more is SITEMAP_TOO_LARGE. Default 50,000, the protocol's limit. */
  maxUrls?: number;
  /**
   * Entries published (news:publication_date, else lastmod) more than this many hours before
   * `fetchedAt` are left out, with one SITEMAP_OLD_ENTRIES warning; undated entries are kept.
   * Default: none left out.
   */
  maxAgeHours?: number | null;
}

/** A child sitemap listed by a sitemap index. */
export interface SitemapRef {
  url: string;
  /** ISO time of `lastmod`, null when absent or unreadable. */
  lastmod: string | null;
}

/** A parsed sitemap: a `urlset` (items) or a `sitemapindex` (child sitemaps). */
export interface ParsedSitemap {
  kind: 'urlset' | 'index';
  /** True when entries carry Google News fields (`news:news`). */
  news: boolean;
  encoding: string | null;
  encodingSource: string | null;
  /** `news:publication/news:name` of the first entry that has one. */
  publication: string | null;
  /** The `urlset`'s entries as feed items (empty for an index). */
  items: FeedItem[];
  /** The index's child sitemaps, in document order (empty for a `urlset`). */
  sitemaps: SitemapRef[];
  warnings: FeedWarning[];
}

/** The protocol's limit on URLs per file. */
export const SITEMAP_MAX_URLS = 50_000;

/**
 * Parses a sitemap (sitemaps.org 0.9, or Google's older 0.84 namespace) or sitemap index into
 * normalized items. Elements are matched by local name in context, so a sitemap that forgot or
 * misspelled its namespaces still reads. Google News fields map into the item: `news:title` →
 * title, `news:publication_date` → publishedAt (else `lastmod`), `news:publication/news:language`
 * → language, `news:keywords` → categories, `image:image/image:loc` → media; `lastmod` is
 * updatedAt. The key is the canonical URL; a URL listed twice is kept once. Pure and synchronous;
 * `parseSitemapInSlices` does the same work in slices.
 *
 * @throws WiredeskError `SITEMAP_NOT_A_SITEMAP` (an HTML page, a feed, another XML root),
 *   `SITEMAP_MALFORMED` (empty, or nested past any sitemap's depth), `SITEMAP_TOO_LARGE` (more than
 *   `maxUrls` entries).
 */
export function parseSitemap(input: Uint8Array | string, options: ParseSitemapOptions): ParsedSitemap {
  return runToEnd(parseSitemapSteps(input, options));
}

/** `parseSitemap` in bounded slices (see `parseFeedInSlices`). */
export function parseSitemapInSlices(input: Uint8Array | string, options: ParseSitemapOptions & SliceOptions): Promise<ParsedSitemap> {
  return runSliced(parseSitemapSteps(input, options), options, options.baseUrl ?? null);
}

/** Entries normalized between two pauses. */
const ENTRIES_PER_SLICE = 2000;

function* parseSitemapSteps(input: Uint8Array | string, options: ParseSitemapOptions): Generator<void, ParsedSitemap, void> {
  const baseUrl = options.baseUrl ?? null;
  const maxUrls = options.maxUrls ?? SITEMAP_MAX_URLS;
  const { text, encoding, encodingSource, warnings } = decodeDocument(input, options.contentType ?? null);
  yield;
  const prepared = prepareXmlText(text);
  warnings.push(...prepared.warnings);
  if (prepared.text.trim() === '') throw new WiredeskError('SITEMAP_MALFORMED', 'sitemaps: the document is empty', { url: baseUrl, details: { reason: 'empty' } });
  let doc: SitemapDocument;
  try {
    doc = yield* readSitemapEntries(prepared.text, maxUrls, baseUrl);
  } catch (error) {
    if (!(error instanceof XmlLimitError)) throw error;
    const code = error.reason === 'elements' ? 'SITEMAP_TOO_LARGE' : 'SITEMAP_MALFORMED';
    throw new WiredeskError(code, `sitemaps: not a sitemap: ${error.message}`, { url: baseUrl, details: { reason: error.reason, limit: error.limit } });
  }
  if (doc.truncated) warnings.push({ code: 'XML_UNCLOSED', message: `the document ended with elements still open (truncated?); kept the ${doc.entries.length} complete entries` });
  if (doc.kind === 'index') {
    const sitemaps: SitemapRef[] = [];
    for (const entry of doc.entries) {
      const url = resolveAndCanonicalize(entry.loc, baseUrl).url;
      if (url !== null) sitemaps.push({ url, lastmod: isoDate(entry.lastmod) });
    }
    return { kind: 'index', news: false, encoding, encodingSource, publication: null, items: [], sitemaps, warnings };
  }
  const context: NormalizeContext = { base: baseUrl, language: null, fetchedAt: options.fetchedAt, warnings };
  const cutoff = options.maxAgeHours == null ? null : options.fetchedAt.getTime() - options.maxAgeHours * 3_600_000;
  const items: FeedItem[] = [];
  const seen = new Set<string>();
  let withoutLoc = 0;
  let duplicates = 0;
  let old = 0;
  for (const [index, entry] of doc.entries.entries()) {
    const item = normalizeItem(toWire(entry), index, context);
    const identity = item.canonicalUrl ?? item.url;
    if (identity === null) withoutLoc++;
    else if (seen.has(identity)) duplicates++;
    else if (cutoff !== null && item.publishedAt !== null && Date.parse(item.publishedAt) < cutoff) old++;
    else {
      seen.add(identity);
      // Each URL is listed once now, so it is the identity (sitemaps have no guid).
      item.key = identity;
      items.push(item);
    }
    if (index % ENTRIES_PER_SLICE === ENTRIES_PER_SLICE - 1) yield;
  }
  if (withoutLoc > 0) warnings.push({ code: 'SITEMAP_ENTRY_WITHOUT_LOC', message: `ignored ${withoutLoc} <url> entries without a usable <loc>` });
  if (duplicates > 0) warnings.push({ code: 'SITEMAP_DUPLICATE_URL', message: `ignored ${duplicates} entries listing a URL already listed` });
  if (old > 0) warnings.push({ code: 'SITEMAP_OLD_ENTRIES', message: `left out ${old} entries published more than ${options.maxAgeHours} h before the fetch` });
  return { kind: 'urlset', news: doc.news, encoding, encodingSource, publication: doc.publication, items, sitemaps: [], warnings };
}

/** A sitemap entry in the wire form the feed normalizer reads (one set of URL, date and media rules for both). */
function toWire(entry: SitemapEntry): WireItem {
  return {
    guid: null,
    link: entry.loc,
    linkFromGuid: false,
    base: null,
    title: entry.title,
    // news:title is plain text by the protocol, but CMSs escape it twice like RSS titles.
    titleKind: 'maybe-html',
    summary: null,
    summaryKind: 'text',
    content: null,
    authors: [],
    categories: [
      ...splitList(entry.keywords).map((term) => ({ term, scheme: null })),
      ...splitList(entry.genres).map((term) => ({ term, scheme: 'news:genres' })),
    ],
    published: entry.publicationDate ?? entry.lastmod,
    updated: entry.lastmod,
    language: entry.language,
    media: entry.images.map((url) => ({ url, type: 'image/*', width: null, height: null })),
  };
}

function splitList(value: string | null): string[] {
  if (value === null) return [];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function isoDate(raw: string | null): string | null {
  return raw === null ? null : (parseFeedDate(raw)?.toISOString() ?? null);
}
