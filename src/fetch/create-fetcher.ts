import { isIP } from 'node:net';
import type { Agent, Dispatcher } from 'undici';
import type { FetchConfig } from '../config/index.js';
import { WiredeskError, toWiredeskError } from '../errors/index.js';
import { silentLogger } from '../log/index.js';
import { systemClock } from '../types/index.js';
import { onAbort, sleepUntilAborted } from './abort-hub.js';
import { isPrivateAddress } from './address-policy.js';
import { computeNotBefore } from './cache-headers.js';
import { refuseNonHtml, sniffNonHtml, unsupportedContent } from './content-check.js';
import type { FetchRequest, FetchResponse, Fetcher, FetcherOptions, PolitenessGate, Validators } from './fetch-types.js';
import { assertPublicHost, createGuardedLookup } from './guarded-lookup.js';
import { HostScheduler } from './host-scheduler.js';
import { performExchange, withUrl, type ExchangeResult } from './http-exchange.js';
import { createProxyRoute } from './proxy-route.js';
import { backoffDelayMs, classifyNetworkError } from './retry-policy.js';
import { NO_HOSTS, checkLiteralAddress, normalizeHostName, originOf, parseHttpUrl, resolveRedirect, withoutHash } from './request-url.js';
import { RobotsCache } from './robots-cache.js';
import { withSharedRobots } from './shared-robots.js';
import { isAllowedByRobots } from './robots-txt.js';
import { undici } from './undici-module.js';

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
  /** Host names that may be non-public even without `allowPrivateNetwork`. */
  privateHosts: ReadonlySet<string>;
  obeyRobots: boolean;
  headers: Record<string, string>;
  /** Origins that may receive `headers`; null means the requested URL's own origin only. */
  headerOrigins: ReadonlySet<string> | null;
  /** Refuse what is not an HTML page (UNSUPPORTED_CONTENT): by Content-Type before the body, by magic bytes after. */
  htmlOnly: boolean;
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
  const scheduler: PolitenessGate =
    options.politeness ??
    new HostScheduler({
      // Clamped so a zero in a hand-written config cannot stall every request forever.
      perHostConcurrency: Math.max(1, config.perHostConcurrency),
      globalConcurrency: Math.max(1, config.globalConcurrency),
      minHostGapMs: Math.max(0, config.minHostGapMs),
    });
  const makeAgent = (blocked: ((address: string) => boolean) | null): Agent =>
    new (undici().Agent)({
      connect: { timeout: config.connectTimeoutMs, lookup: createGuardedLookup(options.lookup, blocked) },
      headersTimeout: config.headersTimeoutMs,
      bodyTimeout: config.bodyIdleTimeoutMs,
      // Politeness already bounds per-host parallelism; this only keeps a runaway from opening more.
      connections: Math.max(1, config.perHostConcurrency) + 1,
    });
  const agents = { public: makeAgent(isBlocked), private: makeAgent(null) };
  const proxy = createProxyRoute(config.proxy ?? null, {
    connectTimeoutMs: config.connectTimeoutMs,
    headersTimeoutMs: config.headersTimeoutMs,
    bodyIdleTimeoutMs: config.bodyIdleTimeoutMs,
    connections: Math.max(1, config.perHostConcurrency) + 1,
  });
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
    load: withSharedRobots(options.robotsStore, async (robotsUrl, allowPrivateNetwork) => {
      const response = await fetchFollowingRedirects(robotsUrl, {
        accept: ACCEPT.robots,
        allowPrivateNetwork,
        privateHosts: NO_HOSTS,
        obeyRobots: false,
        headers: {},
        headerOrigins: null,
        htmlOnly: false,
        validators: null,
        signal: undefined,
        maxRetries: 0,
        maxBodyBytes: ROBOTS_MAX_BYTES,
      });
      return { status: response.status, body: response.body };
    }),
  });

  async function fetchFollowingRedirects(start: URL, hop: HopOptions): Promise<FetchResponse> {
    const startedAt = performance.now();
    const redirects: string[] = [];
    const visited = new Set([withoutHash(start)]);
    let url = start;
    // One attempt plus every retry on any hop; redirect hops themselves are not extra attempts.
    let attempts = 1;
    for (;;) {
      // Private addresses are allowed per host, so a redirect or a link to another host is judged again.
      const allowPrivate = hop.allowPrivateNetwork || hop.privateHosts.has(url.hostname);
      checkLiteralAddress(url, allowPrivate, isBlocked);
      const proxied = proxy.dispatcherFor(url);
      if (proxied !== null && !allowPrivate) await checkBeforeProxy(url);
      if (hop.obeyRobots) {
        const rules = await robots.rulesFor(url, allowPrivate);
        if (!isAllowedByRobots(rules, url.pathname + url.search)) {
          throw new WiredeskError('ROBOTS_DISALLOWED', `fetch: robots.txt of ${url.host} disallows ${url.href}`, {
            url: url.href,
            details: { requestUrl: start.href },
          });
        }
      }
      // Per-source headers (cookies, tokens) go only to the origins the caller names, and never past a
      // redirect that left the requested origin: another site must not receive the operator's secrets.
      const extra = url.origin === start.origin && (hop.headerOrigins?.has(url.origin) ?? true) ? hop.headers : {};
      const { result, tries } = await exchangeWithRetries(url, hop, extra, proxied ?? (allowPrivate ? agents.private : agents.public));
      attempts += tries - 1;
      if (result.kind !== 'redirect') {
        const sniffed = hop.htmlOnly && result.kind === 'body' ? sniffNonHtml(result.body) : null;
        if (sniffed !== null) throw unsupportedContent(url.href, result.status, result.headers['content-type'] ?? null, { sniffed });
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

  /** The proxy resolves the name itself, so the guard in our lookup never sees it: check the target here first. */
  async function checkBeforeProxy(url: URL): Promise<void> {
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    if (isIP(host) !== 0) return; // literals were checked by checkLiteralAddress
    try {
      await assertPublicHost(options.lookup, host, isBlocked, config.connectTimeoutMs);
    } catch (error) {
      throw withUrl(classifyNetworkError(error, url.href), url.href);
    }
  }

  async function exchangeWithRetries(url: URL, hop: HopOptions, extra: Record<string, string>, dispatcher: Dispatcher): Promise<{ result: ExchangeResult; tries: number }> {
    const key = hostKey(url);
    const headers = buildHeaders(config.userAgent, hop.accept, extra, hop.validators);
    for (let tries = 1; ; tries++) {
      const release = await scheduler.acquire(key, hop.signal);
      try {
        const result = await performExchange({
          url,
          dispatcher,
          headers,
          headersTimeoutMs: config.headersTimeoutMs,
          bodyIdleTimeoutMs: config.bodyIdleTimeoutMs,
          totalTimeoutMs: config.totalTimeoutMs,
          maxBodyBytes: hop.maxBodyBytes,
          ...(hop.htmlOnly ? { refuseHeaders: refuseNonHtml(url.href) } : {}),
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
        if (retryAfterMs !== null && retryAfterMs > config.retryAfterCapMs) {
          // The server asked for a longer pause than we wait within a run: retrying after the cap would only
          // hit the same refusal. Give up now; details.notBefore lets the scheduler come back when asked.
          throw annotateAttempts(new WiredeskError(typed.code, `${typed.message} (Retry-After ${Math.round(retryAfterMs / 1000)} s is above the ${Math.round(config.retryAfterCapMs / 1000)} s cap: not retried in this run)`, {
            url: typed.url,
            status: typed.status,
            retryable: true,
            cause: typed,
            details: { ...typed.details, retryAfterOverCap: true },
          }), tries);
        }
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
          privateHosts: new Set((request.privateHosts ?? []).map(normalizeHostName)),
          obeyRobots: request.obeyRobots ?? request.kind === 'article',
          headers: request.headers ?? {},
          headerOrigins: request.headerOrigins === undefined ? null : new Set(request.headerOrigins.map(originOf)),
          htmlOnly: request.htmlOnly === true,
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
      await Promise.all([agents.public.destroy(), agents.private.destroy(), proxy.destroy()]);
    },
  };
}

/** Politeness key: host name and port of the origin (explicit, or the scheme's default port). */
export function hostKey(url: URL): string {
  const port = url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
  return `${url.hostname}:${port}`;
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
