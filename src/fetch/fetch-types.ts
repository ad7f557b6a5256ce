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
  /**
   * Who lets a request to a host start (default: an in-process `HostScheduler` built from the config).
   * A cluster worker passes a gate that also holds the host's lease in the shared database, so the
   * gap holds across every worker, not only within this process.
   */
  politeness?: PolitenessGate;
  /** Where robots.txt answers are shared between processes (a cluster's database); default: none. */
  robotsStore?: SharedRobotsStore;
}

/** Per-host politeness as the fetcher uses it (`HostScheduler` is the in-process one). */
export interface PolitenessGate {
  /** Waits until a request to `key` (host:port) may start; call the returned function once when it is over. */
  acquire(key: string, signal?: AbortSignal): Promise<() => void>;
  /** Raises the host's gap (robots.txt Crawl-delay); never below the configured gap. */
  setHostGap(key: string, gapMs: number): void;
  /** Keeps new requests to the host from starting for `ms` (Retry-After). */
  pauseHost(key: string, ms: number): void;
  /** Rejects queued requests (ABORTED). */
  close(): void;
}

/** robots.txt answers kept where other processes can read them, by origin. */
export interface SharedRobotsStore {
  /** The stored answer when it is still fresh, else null (errors count as null: the fetcher asks the host). */
  load(origin: string): Promise<{ status: number; body: Uint8Array } | null>;
  /** Stores an answer for `ttlMs`. */
  save(origin: string, answer: { status: number; body: Uint8Array }, ttlMs: number): Promise<void>;
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
   * Consult robots.txt first (a disallowed URL gives ROBOTS_DISALLOWED). Default: true with the older
   * `kind: 'article'`, else false. Feed and sitemap readers pass false: those are published for machines.
   */
  obeyRobots?: boolean;
  /** Body cap for this request, when the caller expects more (or less) than `fetch.maxBodyBytes`. */
  maxBodyBytes?: number;
  /** @deprecated Use `accept` and `obeyRobots`; kept so older callers keep their defaults. */
  kind?: 'feed' | 'article';
  /** Default false: loopback/private/link-local/metadata addresses give BLOCKED_ADDRESS, on every host. */
  allowPrivateNetwork?: boolean;
  /**
   * Host names (`intranet.example`, `10.0.0.7`, `[fd00::1]`) that may resolve to non-public addresses
   * even without `allowPrivateNetwork`; checked on every hop, so a redirect to another host is judged
   * again. The pipeline passes a source's own host plus the ones its config lists.
   */
  privateHosts?: readonly string[];
  /** Per-source extra headers (cookies, tokens); sent only to `headerOrigins`, dropped on cross-origin redirects. */
  headers?: Record<string, string>;
  /**
   * Origins (`https://wire.example`, or any URL of that origin) that may receive `headers`. Default: the
   * requested URL's own origin. Even a listed origin gets nothing once a redirect has left the requested origin.
   */
  headerOrigins?: readonly string[];
  /**
   * The caller wants an HTML page (an article): a 2xx whose Content-Type is neither HTML nor a generic
   * type (text/plain, octet-stream, XML, none) is refused before its body is read, and a body whose first
   * bytes say PDF, image, media or archive is refused after, both with UNSUPPORTED_CONTENT (not retryable).
   */
  htmlOnly?: boolean;
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
