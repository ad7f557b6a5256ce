import { WiredeskError } from '../errors/index.js';
import type { Logger } from '../types/index.js';
import { ALLOW_ALL, parseRobotsTxt, type RobotsRules } from './robots-txt.js';

/** How the cache gets a robots.txt: a GET through the fetcher's own politeness and limits. */
export type RobotsLoader = (robotsUrl: URL, allowPrivateNetwork: boolean) => Promise<{ status: number; body: Uint8Array }>;

/** Crawl-delay values above this are clamped: a site asking for minutes between pages would stall a run. */
export const MAX_CRAWL_DELAY_MS = 60_000;

/**
 * robots.txt per origin, fetched at most once per fetcher (= per run) and shared by concurrent
 * requests. Outcomes (RFC 9309 §2.3.1): 2xx → parse; 4xx → allow all; 5xx or unreachable → allow
 * (the RFC says disallow, we treat it as a temporary allow, logged as `robots_unavailable`, so a
 * flaky robots.txt does not block a whole agency). A blocked or aborted load is not cached.
 */
export class RobotsCache {
  readonly #entries = new Map<string, Promise<RobotsRules>>();
  readonly #load: RobotsLoader;
  readonly #userAgent: string;
  readonly #logger: Logger;
  readonly #onCrawlDelay: (url: URL, delayMs: number) => void;

  constructor(options: { load: RobotsLoader; userAgent: string; logger: Logger; onCrawlDelay: (url: URL, delayMs: number) => void }) {
    this.#load = options.load;
    this.#userAgent = options.userAgent;
    this.#logger = options.logger;
    this.#onCrawlDelay = options.onCrawlDelay;
  }

  /** The rules for the origin of `url`. Never rejects except with ABORTED / BLOCKED_ADDRESS. */
  rulesFor(url: URL, allowPrivateNetwork: boolean): Promise<RobotsRules> {
    const key = url.origin;
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      entry = this.#fetch(new URL('/robots.txt', url), allowPrivateNetwork);
      this.#entries.set(key, entry);
      entry.catch(() => this.#entries.delete(key));
    }
    return entry;
  }

  async #fetch(robotsUrl: URL, allowPrivateNetwork: boolean): Promise<RobotsRules> {
    try {
      const { status, body } = await this.#load(robotsUrl, allowPrivateNetwork);
      if (status === 304 || body.length === 0) return ALLOW_ALL;
      const rules = parseRobotsTxt(new TextDecoder('utf-8').decode(body), this.#userAgent);
      if (rules.crawlDelayMs !== null) this.#onCrawlDelay(robotsUrl, Math.min(rules.crawlDelayMs, MAX_CRAWL_DELAY_MS));
      return rules;
    } catch (error) {
      if (error instanceof WiredeskError && (error.code === 'ABORTED' || error.code === 'BLOCKED_ADDRESS')) throw error;
      const status = error instanceof WiredeskError ? error.status : null;
      if (status !== null && status >= 400 && status < 500) return ALLOW_ALL;
      this.#logger.warn('robots_unavailable', {
        url: robotsUrl.href,
        error_code: error instanceof WiredeskError ? error.code : 'INTERNAL',
        status,
      });
      return ALLOW_ALL;
    }
  }
}
