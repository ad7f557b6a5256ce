import type { LookupFunction } from 'node:net';
import type { FetchConfig } from '../config/index.js';
import type { Clock, Logger } from '../types/index.js';

export type { LookupFunction };

/** What `createFetcher` needs; everything except `config` has a production default. */
export interface FetcherOptions {
  /** userAgent, concurrency, gaps, timeouts, caps, retries (see src/config). */
  config: FetchConfig;
  clock?: Clock;
  logger?: Logger;
  /** Injected DNS resolver with the `net.connect` lookup signature (tests use it so no DNS query is sent). */
  lookup?: LookupFunction;
  /** Waits between retries; injectable so callers can observe or shorten backoff. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Address policy used when a request does not set `allowPrivateNetwork`: true refuses the address.
   * Default `isPrivateAddress` (loopback, private, link-local, CGNAT, metadata, …). Replacing it lets an
   * operator add ranges (compose with `isPrivateAddress`) and lets tests treat one loopback address as private.
   */
  isBlockedAddress?: (address: string) => boolean;
}

/** HTTP access with politeness, limits and typed failures. */
export interface Fetcher {
  /** Fetches one URL; rejects only with WiredeskError. */
  fetch(request: FetchRequest): Promise<FetchResponse>;
  /** Rejects queued requests, closes every socket; the process can exit afterwards. */
  close(): Promise<void>;
}

/** One URL to fetch. The fetcher knows HTTP, not feeds or pages: the caller says what it accepts and whether robots.txt applies. */
export interface FetchRequest {
  url: string;
  /** The Accept header (default `*\/*`, or the one `kind` implies). */
  accept?: string;
  /**
   * Consult robots.txt first (a disallowed URL gives ROBOTS_DISALLOWED). Default true, or, with the
   * older `kind`, true for `article` only. Feed and sitemap readers pass false: those are published for machines.
   */
  obeyRobots?: boolean;
  /** Body cap for this request, when the caller expects more (or less) than `fetch.maxBodyBytes`. */
  maxBodyBytes?: number;
  /** @deprecated Use `accept` and `obeyRobots`; kept so older callers keep their defaults. */
  kind?: 'feed' | 'article';
  /** Default false: loopback/private/link-local/metadata addresses give BLOCKED_ADDRESS. */
  allowPrivateNetwork?: boolean;
  /** Per-source extra headers (cookies, tokens); dropped on cross-origin redirects. */
  headers?: Record<string, string>;
  /** Validators from the previous response, for a conditional GET. */
  validators?: Validators | null;
  signal?: AbortSignal;
}

/** HTTP cache validators kept per URL between runs. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/** A successful (2xx or 304) response. */
export interface FetchResponse {
  /** The URL asked for. */
  url: string;
  /** The URL the body came from after redirects. */
  finalUrl: string;
  /** Every URL redirected to, in order (finalUrl last when there were redirects). */
  redirects: string[];
  status: number;
  notModified: boolean;
  /** Response headers, lower-case names, repeated headers joined with ", ". */
  headers: Record<string, string>;
  contentType: string | null;
  /** Decompressed body; empty on 304. */
  body: Uint8Array;
  /** To persist for the next conditional GET (the stored ones are kept when a 304 sends none). */
  validators: Validators;
  /** ISO time before which fetching again is pointless (Cache-Control max-age, Expires, Retry-After). */
  notBefore: string | null;
  /** HTTP attempts made, retries included (redirect hops and robots.txt excluded). */
  attempts: number;
  durationMs: number;
  fetchedAt: string;
}
