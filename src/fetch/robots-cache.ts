import { WiredeskError } from '../errors/index.js';
import type { Logger } from '../types/index.js';
import { ALLOW_ALL, parseRobotsTxt, type RobotsRules } from './robots-txt.js';

/** How the cache gets a robots.txt: a GET through the fetcher's own politeness and limits. */
export type RobotsLoader = (robotsUrl: URL, allowPrivateNetwork: boolean) => Promise<{ status: number; body: Uint8Array }>;

/** Crawl-delay values above this are clamped: a site asking for minutes between pages would stall a run. */
export const MAX_CRAWL_DELAY_MS = 60_000;
/** RFC 9309 §2.4: a crawler SHOULD NOT use a cached robots.txt for more than 24 hours. */
export const ROBOTS_TTL_MS = 24 * 60 * 60 * 1000;
/** A robots.txt that could not be read (5xx, network) is a temporary allow; ask again after this. */
export const ROBOTS_UNAVAILABLE_TTL_MS = 15 * 60 * 1000;

interface Entry {
  rules: Promise<RobotsRules>;
  expiresAt: number;
}

/**
 * robots.txt per origin, fetched once and shared by concurrent requests: once per run, and in a
 * long-lived process (the daemon keeps one fetcher) again after 24 hours. Outcomes (RFC 9309
 * §2.3.1): 2xx → parse; 4xx → allow all; 5xx or unreachable → allow (the RFC says disallow; we treat
 * it as a temporary allow, logged as `robots_unavailable` and asked again after 15 minutes, so a flaky
 * robots.txt does not block a whole agency). A blocked or aborted load is not cached.
 */
export class RobotsCache {
  readonly #entries = new Map<string, Entry>();
  readonly #load: RobotsLoader;
  readonly #userAgent: string;
  readonly #logger: Logger;
  readonly #onCrawlDelay: (url: URL, delayMs: number | null) => void;
  readonly #now: () => number;

  constructor(options: {
    load: RobotsLoader;
    userAgent: string;
    logger: Logger;
    /** Called with the (clamped) Crawl-delay of every robots.txt read, null when it sets none. */
    onCrawlDelay: (url: URL, delayMs: number | null) => void;
    /** Milliseconds clock for expiry. */
    now: () => number;
  }) {
    this.#load = options.load;
    this.#now = options.now;
    this.#userAgent = options.userAgent;
    this.#logger = options.logger;
    this.#onCrawlDelay = options.onCrawlDelay;
  }

  /** The rules for the origin of `url`. Never rejects except with ABORTED / BLOCKED_ADDRESS. */
  rulesFor(url: URL, allowPrivateNetwork: boolean): Promise<RobotsRules> {
    const key = url.origin;
    const cached = this.#entries.get(key);
    if (cached !== undefined && cached.expiresAt > this.#now()) return cached.rules;
    // Until the load settles the entry never expires, so concurrent callers share one request.
    const entry: Entry = { rules: Promise.resolve(ALLOW_ALL), expiresAt: Number.POSITIVE_INFINITY };
    entry.rules = this.#fetch(new URL('/robots.txt', url), allowPrivateNetwork, (ttlMs) => {
      entry.expiresAt = this.#now() + ttlMs;
    });
    this.#entries.set(key, entry);
    entry.rules.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    return entry.rules;
  }

  async #fetch(robotsUrl: URL, allowPrivateNetwork: boolean, expireIn: (ttlMs: number) => void): Promise<RobotsRules> {
    try {
      const { status, body } = await this.#load(robotsUrl, allowPrivateNetwork);
      const rules = status === 304 || body.length === 0 ? ALLOW_ALL : parseRobotsTxt(new TextDecoder('utf-8').decode(body), this.#userAgent);
      this.#onCrawlDelay(robotsUrl, rules.crawlDelayMs === null ? null : Math.min(rules.crawlDelayMs, MAX_CRAWL_DELAY_MS));
      expireIn(ROBOTS_TTL_MS);
      return rules;
    } catch (error) {
      if (error instanceof WiredeskError && (error.code === 'ABORTED' || error.code === 'BLOCKED_ADDRESS')) throw error;
      const status = error instanceof WiredeskError ? error.status : null;
      if (status !== null && status >= 400 && status < 500) {
        expireIn(ROBOTS_TTL_MS);
        return ALLOW_ALL;
      }
      expireIn(ROBOTS_UNAVAILABLE_TTL_MS);
      this.#logger.warn('robots_unavailable', {
        url: robotsUrl.href,
        error_code: error instanceof WiredeskError ? error.code : 'INTERNAL',
        status,
      });
      return ALLOW_ALL;
    }
  }
}
