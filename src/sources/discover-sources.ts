import type { SitemapConfig } from '../config/index.js';
import { decodeBytes } from '../encoding/index.js';
import { toWiredeskError, type ErrorRecord } from '../errors/index.js';
import { findAdvertisedFeeds, type ParsedSitemap } from '../feeds/index.js';
import type { Fetcher } from '../fetch/index.js';
import { fetchSitemap, sitemapFailure } from './fetch-sitemap.js';
import { sitemapsFromRobots } from './robots-sitemaps.js';

/** A source found on a site, ready to paste into `sources[]`. */
export interface DiscoveredSource {
  kind: 'feed' | 'news-sitemap';
  url: string;
  title: string | null;
  /** How it was found: `link-alternate` (the page's `<link rel="alternate">`) or `robots.txt` (a `Sitemap:` line). */
  via: 'link-alternate' | 'robots.txt';
  /** What it holds, in a few words (`3 news entries`, `index of 12 sitemaps, news in …`). */
  note: string;
}

/** Sitemaps listed in robots.txt that are not news sitemaps, and documents that could not be read. */
export interface DiscoverResult {
  site: string;
  sources: DiscoveredSource[];
  /** Sitemaps robots.txt lists that hold no Google News entries (site archives): not sources. */
  otherSitemaps: string[];
  problems: Array<ErrorRecord & { documentUrl: string }>;
}

/** What discovery needs. */
export interface DiscoverOptions {
  fetcher: Fetcher;
  sitemap: SitemapConfig;
  now: Date;
  allowPrivateNetwork: boolean;
  /** Sitemaps from robots.txt looked at (default 10), and children of an index (default 3, newest first). */
  maxSitemaps?: number;
  maxChildren?: number;
}

const HTML_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.8';

/**
 * Finds a site's sources: the feeds its page advertises (`<link rel="alternate">`, RSS/Atom/JSON),
 * and the news sitemaps its robots.txt lists (`Sitemap:` lines). A listed sitemap is a news sitemap
 * when its entries carry `news:news`, or, for an index, when one of its newest children does. The
 * page is fetched as a crawler would (robots.txt obeyed); every failure is reported, not thrown.
 */
export async function discoverSources(siteUrl: string, options: DiscoverOptions): Promise<DiscoverResult> {
  const result: DiscoverResult = { site: siteUrl, sources: [], otherSitemaps: [], problems: [] };
  const fail = (url: string, error: unknown): void => {
    result.problems.push({ ...toWiredeskError(error, 'FETCH_NETWORK', url).toRecord(), documentUrl: url });
  };
  try {
    const page = await options.fetcher.fetch({ url: siteUrl, accept: HTML_ACCEPT, allowPrivateNetwork: options.allowPrivateNetwork });
    const html = decodeBytes(page.body, { contentType: page.contentType, kind: 'html' }).text;
    for (const feed of findAdvertisedFeeds(html, page.finalUrl)) {
      result.sources.push({ kind: 'feed', url: feed.url, title: feed.title, via: 'link-alternate', note: feed.type });
    }
  } catch (error) {
    fail(siteUrl, error);
  }
  const robotsUrl = new URL('/robots.txt', siteUrl).href;
  let listed: string[] = [];
  try {
    const robots = await options.fetcher.fetch({ url: robotsUrl, accept: 'text/plain, */*;q=0.5', obeyRobots: false, allowPrivateNetwork: options.allowPrivateNetwork });
    listed = sitemapsFromRobots(decodeBytes(robots.body, { contentType: robots.contentType }).text, robots.finalUrl);
  } catch (error) {
    // No robots.txt (404) just means no Sitemap: lines.
    if (toWiredeskError(error).status !== 404) fail(robotsUrl, error);
  }
  for (const url of listed.slice(0, options.maxSitemaps ?? 10)) {
    const parsed = await readSitemap(url, options, fail);
    if (parsed === null) continue;
    const note = await describeIfNews(parsed, options, fail);
    if (note === null) result.otherSitemaps.push(url);
    else result.sources.push({ kind: 'news-sitemap', url, title: parsed.publication, via: 'robots.txt', note });
  }
  return result;
}

/** How a news sitemap holds news (`3 news entries`), or null when it holds none. */
async function describeIfNews(parsed: ParsedSitemap, options: DiscoverOptions, fail: (url: string, error: unknown) => void): Promise<string | null> {
  if (parsed.kind === 'urlset') return parsed.news ? `${parsed.items.length} news entries` : null;
  const newest = [...parsed.sitemaps].sort((a, b) => Date.parse(b.lastmod ?? '') - Date.parse(a.lastmod ?? '') || 0).slice(0, options.maxChildren ?? 3);
  for (const child of newest) {
    const inner = await readSitemap(child.url, options, fail);
    if (inner?.kind === 'urlset' && inner.news) return `index of ${parsed.sitemaps.length} sitemaps, news in ${child.url}`;
  }
  return null;
}

async function readSitemap(url: string, options: DiscoverOptions, fail: (url: string, error: unknown) => void): Promise<ParsedSitemap | null> {
  try {
    // No age cutoff here: discovery asks what a sitemap is, not what is new in it.
    const sitemap = { ...options.sitemap, maxAgeHours: Number.MAX_SAFE_INTEGER / 3_600_000 };
    const fetched = await fetchSitemap(url, { fetcher: options.fetcher, sitemap, now: options.now, allowPrivateNetwork: options.allowPrivateNetwork, headers: {}, validators: null, pause: () => new Promise((resolve) => setImmediate(resolve)) });
    return fetched.parsed;
  } catch (error) {
    fail(url, sitemapFailure(error, url));
    return null;
  }
}
