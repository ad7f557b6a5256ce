import { isIP } from 'node:net';
import { Agent } from 'undici';
import type { FetchConfig } from '../config/index.js';
import { WiredeskError, toWiredeskError } from '../errors/index.js';
import { silentLogger } from '../log/index.js';
import { systemClock } from '../types/index.js';
import { onAbort, sleepUntilAborted } from './abort-hub.js';
import { isPrivateAddress } from './address-policy.js';
import { computeNotBefore } from './cache-headers.js';
import type { FetchRequest, FetchResponse, Fetcher, FetcherOptions, Validators } from './fetch-types.js';
import { createGuardedLookup } from './guarded-lookup.js';
import { HostScheduler } from './host-scheduler.js';
import { performExchange, withUrl, type ExchangeResult } from './http-exchange.js';
import { backoffDelayMs } from './retry-policy.js';
import { RobotsCache } from './robots-cache.js';
import { isAllowedByRobots } from './robots-txt.js';

/** robots.txt files larger than this are cut (RFC 9309 asks parsers to handle at least 500 KiB). */
const ROBOTS_MAX_BYTES = 512 * 1024;

/** Accept headers the deprecated `kind` implies, and robots.txt's own. */
const ACCEPT = {
  feed: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8',
  article: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.8',
  robots: 'text/plain, */*;q=0.5',
} as const;

interface HopOptions {
  accept: string;
  allowPrivateNetwork: boolean;
  obeyRobots: boolean;
  headers: Record<string, string>;
  validators: Validators | null;
  signal: AbortSignal | undefined;
  maxRetries: number;
  maxBodyBytes: number;
}

/**
 * Creates the HTTP fetcher: per-host politeness, robots.txt, conditional GET, retries with backoff,
 * timeouts, body cap, manual redirects with an address check on every hop, typed errors.
 * One fetcher per run: robots.txt is cached for its lifetime. `close()` frees every socket.
 */
export function createFetcher(options: FetcherOptions): Fetcher {
  const config: FetchConfig = options.config;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const closing = new AbortController();
  const sleep = options.sleep ?? ((ms: number) => sleepUntilAborted(ms, closing.signal));
  const isBlocked = options.isBlockedAddress ?? isPrivateAddress;
  const scheduler = new HostScheduler({
    // Clamped so a zero in a hand-written config cannot stall every request forever.
    perHostConcurrency: Math.max(1, config.perHostConcurrency),
    globalConcurrency: Math.max(1, config.globalConcurrency),
    minHostGapMs: Math.max(0, config.minHostGapMs),
  });
  const makeAgent = (blocked: ((address: string) => boolean) | null): Agent =>
    new Agent({
      connect: { timeout: config.connectTimeoutMs, lookup: createGuardedLookup(options.lookup, blocked) },
      headersTimeout: config.headersTimeoutMs,
      bodyTimeout: config.bodyIdleTimeoutMs,
      // Politeness already bounds per-host parallelism; this only keeps a runaway from opening more.
      connections: Math.max(1, config.perHostConcurrency) + 1,
    });
  const agents = { public: makeAgent(isBlocked), private: makeAgent(null) };
  let closed = false;

  const robots = new RobotsCache({
    userAgent: config.userAgent,
    logger,
    now: () => clock.now().getTime(),
    onCrawlDelay: (url, delayMs) => {
      // setHostGap never goes below the configured gap, so "no Crawl-delay" restores the default.
      scheduler.setHostGap(hostKey(url), delayMs ?? 0);
      if (delayMs !== null) logger.debug('robots_crawl_delay', { host: url.host, delay_ms: delayMs });
    },
    load: async (robotsUrl, allowPrivateNetwork) => {
      const response = await fetchFollowingRedirects(robotsUrl, {
        accept: ACCEPT.robots,
        allowPrivateNetwork,
        obeyRobots: false,
        headers: {},
        validators: null,
        signal: undefined,
        maxRetries: 0,
        maxBodyBytes: ROBOTS_MAX_BYTES,
      });
      return { status: response.status, body: response.body };
    },
  });

  async function fetchFollowingRedirects(start: URL, hop: HopOptions): Promise<FetchResponse> {
    const startedAt = performance.now();
    const redirects: string[] = [];
    const visited = new Set([withoutHash(start)]);
    let url = start;
    // One attempt plus every retry on any hop; redirect hops themselves are not extra attempts.
    let attempts = 1;
    for (;;) {
      checkLiteralAddress(url, hop.allowPrivateNetwork, isBlocked);
      if (hop.obeyRobots) {
        const rules = await robots.rulesFor(url, hop.allowPrivateNetwork);
        if (!isAllowedByRobots(rules, url.pathname + url.search)) {
          throw new WiredeskError('ROBOTS_DISALLOWED', `fetch: robots.txt of ${url.host} disallows ${url.href}`, {
            url: url.href,
            details: { requestUrl: start.href },
          });
        }
      }
      // Per-source headers (cookies, tokens) are for the source's own origin; never hand them to another site.
      const extra = url.origin === start.origin ? hop.headers : {};
      const { result, tries } = await exchangeWithRetries(url, hop, extra);
      attempts += tries - 1;
      if (result.kind !== 'redirect') {
        const fetchedAt = clock.now();
        const validators = result.kind === 'not-modified' ? mergeValidators(hop.validators, result.headers) : readValidators(result.headers);
        return {
          url: start.href,
          finalUrl: url.href,
          redirects,
          status: result.status,
          notModified: result.kind === 'not-modified',
          headers: result.headers,
          contentType: result.headers['content-type'] ?? null,
          body: result.kind === 'body' ? result.body : new Uint8Array(0),
          validators,
          notBefore: computeNotBefore(result.headers, fetchedAt),
          attempts,
          durationMs: Math.round(performance.now() - startedAt),
          fetchedAt: fetchedAt.toISOString(),
        };
      }
      const next = resolveRedirect(result.location, url);
      const key = withoutHash(next);
      if (visited.has(key)) {
        throw new WiredeskError('REDIRECT_LOOP', `fetch: redirect loop at ${next.href} (from ${start.href})`, {
          url: start.href,
          status: result.status,
          details: { chain: [...redirects, next.href] },
        });
      }
      if (redirects.length >= config.maxRedirects) {
        throw new WiredeskError('TOO_MANY_REDIRECTS', `fetch: more than ${config.maxRedirects} redirects from ${start.href}`, {
          url: start.href,
          status: result.status,
          details: { chain: [...redirects, next.href] },
        });
      }
      visited.add(key);
      redirects.push(next.href);
      url = next;
    }
  }

  async function exchangeWithRetries(url: URL, hop: HopOptions, extra: Record<string, string>): Promise<{ result: ExchangeResult; tries: number }> {
    const key = hostKey(url);
    const headers = buildHeaders(config.userAgent, hop.accept, extra, hop.validators);
    for (let tries = 1; ; tries++) {
      const release = await scheduler.acquire(key, hop.signal);
      try {
        const result = await performExchange({
          url,
          dispatcher: hop.allowPrivateNetwork ? agents.private : agents.public,
          headers,
          headersTimeoutMs: config.headersTimeoutMs,
          bodyIdleTimeoutMs: config.bodyIdleTimeoutMs,
          totalTimeoutMs: config.totalTimeoutMs,
          maxBodyBytes: hop.maxBodyBytes,
          signals: [hop.signal, closing.signal],
          now: () => clock.now(),
        });
        return { result, tries };
      } catch (error) {
        const typed = withUrl(toWiredeskError(error, 'INTERNAL', url.href), url.href);
        if (closed || hop.signal?.aborted === true) {
          throw typed.code === 'ABORTED' ? typed : new WiredeskError('ABORTED', `fetch: ${url.href} aborted`, { url: url.href, cause: typed, retryable: true });
        }
        const retryAfterMs = typed.retryable && typeof typed.details?.['retryAfterMs'] === 'number' ? typed.details['retryAfterMs'] : null;
        const pauseMs = retryAfterMs === null ? null : Math.min(retryAfterMs, config.retryAfterCapMs);
        if (pauseMs !== null) {
          // Retry-After speaks for the whole host: every queued request to it waits, not just this one,
          // and also when this request has no retries left.
          scheduler.pauseHost(key, pauseMs);
        }
        if (!typed.retryable || tries > hop.maxRetries) throw annotateAttempts(typed, tries);
        const wait = pauseMs !== null ? 0 : backoffDelayMs(tries, config.retryBaseDelayMs, config.retryAfterCapMs);
        logger.warn('fetch_retry', { url: url.href, error_code: typed.code, status: typed.status, attempt: tries, wait_ms: pauseMs ?? wait });
        release();
        if (wait > 0) await sleepUnlessAborted(sleep, wait, hop.signal);
        continue;
      } finally {
        release();
      }
    }
  }

  return {
    async fetch(request: FetchRequest): Promise<FetchResponse> {
      try {
        if (closed) throw new WiredeskError('ABORTED', `fetch: fetcher is closed (${request.url})`, { url: request.url, retryable: true });
        const url = parseHttpUrl(request.url);
        const response = await fetchFollowingRedirects(url, {
          accept: request.accept ?? (request.kind === undefined ? '*/*' : ACCEPT[request.kind]),
          allowPrivateNetwork: request.allowPrivateNetwork ?? false,
          obeyRobots: request.obeyRobots ?? request.kind !== 'feed',
          headers: request.headers ?? {},
          validators: request.validators ?? null,
          signal: request.signal,
          maxRetries: config.maxRetries,
          maxBodyBytes: request.maxBodyBytes ?? config.maxBodyBytes,
        });
        logger.debug('fetched', { url: request.url, status: response.status, attempts: response.attempts, duration_ms: response.durationMs });
        return response;
      } catch (error) {
        // The contract: only WiredeskError ever leaves the fetcher.
        throw toWiredeskError(error, 'INTERNAL', request.url);
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      scheduler.close();
      closing.abort();
      await Promise.all([agents.public.destroy(), agents.private.destroy()]);
    },
  };
}

/** Politeness key: host name and port of the origin (explicit, or the scheme's default port). */
export function hostKey(url: URL): string {
  const port = url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
  return `${url.hostname}:${port}`;
}

function parseHttpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw new WiredeskError('INVALID_URL', `fetch: not a URL: ${text}`, { url: text, cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new WiredeskError('INVALID_URL', `fetch: only http and https are fetched, not ${url.protocol} (${text})`, { url: text });
  }
  return url;
}

function resolveRedirect(location: string, base: URL): URL {
  let next: URL;
  try {
    next = new URL(location, base);
  } catch (error) {
    throw new WiredeskError('INVALID_URL', `fetch: bad redirect Location "${location}" from ${base.href}`, { url: base.href, cause: error });
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new WiredeskError('INVALID_URL', `fetch: redirect from ${base.href} to non-HTTP ${next.href}`, { url: base.href });
  }
  return next;
}

/** IP literals never go through DNS (and so never through the lookup guard): check them here. */
function checkLiteralAddress(url: URL, allowPrivateNetwork: boolean, isBlocked: (address: string) => boolean): void {
  if (allowPrivateNetwork) return;
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (isIP(host) !== 0 && isBlocked(host)) {
    throw new WiredeskError('BLOCKED_ADDRESS', `fetch: ${url.href} points at a non-public address`, { url: url.href, details: { host } });
  }
}

function buildHeaders(userAgent: string, accept: string, extra: Record<string, string>, validators: Validators | null): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    accept,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  for (const [name, value] of Object.entries(extra)) headers[name.toLowerCase()] = value;
  return headers;
}

function readValidators(headers: Record<string, string>): Validators {
  return { etag: headers['etag'] ?? null, lastModified: headers['last-modified'] ?? null };
}

function mergeValidators(stored: Validators | null, headers: Record<string, string>): Validators {
  // A 304 may refresh the validators (RFC 9110 §15.4.5); keep the stored ones when it does not.
  return { etag: headers['etag'] ?? stored?.etag ?? null, lastModified: headers['last-modified'] ?? stored?.lastModified ?? null };
}

/** Backoff that ends early when the caller aborts; the next acquire then reports ABORTED. */
async function sleepUnlessAborted(sleep: (ms: number) => Promise<void>, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return sleep(ms);
  let unsubscribe = (): void => undefined;
  const aborted = new Promise<void>((resolve) => {
    unsubscribe = onAbort(signal, resolve);
  });
  try {
    await Promise.race([sleep(ms), aborted]);
  } finally {
    unsubscribe();
  }
}

function withoutHash(url: URL): string {
  return url.href.split('#')[0] ?? url.href;
}

function annotateAttempts(error: WiredeskError, attempts: number): WiredeskError {
  if (attempts <= 1) return error;
  return new WiredeskError(error.code, `${error.message} (after ${attempts} attempts)`, {
    url: error.url,
    status: error.status,
    retryable: error.retryable,
    cause: error.cause ?? error,
    details: { ...error.details, attempts },
  });
}
