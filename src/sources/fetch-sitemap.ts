import type { SitemapConfig } from '../config/index.js';
import { toWiredeskError, type WiredeskError } from '../errors/index.js';
import { parseSitemapInSlices, type ParsedSitemap } from '../feeds/index.js';
import type { Fetcher, FetchResponse, Validators } from '../fetch/index.js';
import { gunzipBody, isGzip } from './gunzip-body.js';

/** Sitemaps are XML, often gzip files; servers also send them as text/plain or text/html. */
export const SITEMAP_ACCEPT = 'application/xml, text/xml;q=0.9, application/gzip;q=0.8, application/x-gzip;q=0.8, */*;q=0.5';

/** How to fetch and read one sitemap document. */
export interface SitemapFetch {
  fetcher: Fetcher;
  sitemap: SitemapConfig;
  now: Date;
  allowPrivateNetwork: boolean;
  headers: Record<string, string>;
  /** Origins the headers may go to, and hosts allowed on private addresses (a source's scope, see `sourceFetchScope`). */
  headerOrigins?: readonly string[];
  privateHosts?: readonly string[];
  validators: Validators | null;
  pause: () => Promise<void>;
  signal?: AbortSignal;
}

/** One sitemap document fetched and parsed (`parsed` null on a 304). */
export interface FetchedSitemap {
  response: FetchResponse;
  parsed: ParsedSitemap | null;
}

/** A sitemap that was fetched but could not be read: keeps the response so a report can say what the server sent. */
export class UnreadableSitemapError extends Error {
  constructor(
    readonly response: FetchResponse,
    readonly error: WiredeskError,
  ) {
    super(error.message);
  }
}

/**
 * Conditional GET of one sitemap document (robots.txt is not consulted: sitemaps are published for
 * crawlers, and robots.txt is where they are announced), gunzipped when the body is a gzip file,
 * parsed in slices with the configured bounds. Rejects with the fetch layer's WiredeskError, or with
 * UnreadableSitemapError when the body is no readable sitemap.
 */
export async function fetchSitemap(url: string, options: SitemapFetch): Promise<FetchedSitemap> {
  const { sitemap } = options;
  const response = await options.fetcher.fetch({
    url,
    accept: SITEMAP_ACCEPT,
    obeyRobots: false,
    maxBodyBytes: sitemap.maxBytes,
    allowPrivateNetwork: options.allowPrivateNetwork,
    headers: options.headers,
    ...(options.headerOrigins ? { headerOrigins: options.headerOrigins } : {}),
    ...(options.privateHosts ? { privateHosts: options.privateHosts } : {}),
    validators: options.validators,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (response.notModified) return { response, parsed: null };
  try {
    const body = isGzip(response.body) ? await gunzipBody(response.body, sitemap.maxBytes, response.finalUrl) : response.body;
    const parsed = await parseSitemapInSlices(body, {
      // A gzip file's Content-Type says nothing about the XML inside it.
      contentType: body === response.body ? response.contentType : null,
      baseUrl: response.finalUrl,
      fetchedAt: options.now,
      maxUrls: sitemap.maxUrls,
      maxAgeHours: sitemap.maxAgeHours,
      pause: options.pause,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return { response, parsed };
  } catch (error) {
    throw new UnreadableSitemapError(response, toWiredeskError(error, 'SITEMAP_MALFORMED', url));
  }
}

/** The typed error of a failed `fetchSitemap`. */
export function sitemapFailure(error: unknown, url: string): WiredeskError {
  return error instanceof UnreadableSitemapError ? error.error : toWiredeskError(error, 'FETCH_NETWORK', url);
}
