import type { ExtractConfig, FetchConfig, OutputConfig, ScheduleConfig, SitemapConfig, StoriesConfig } from './config-types.js';

/** Default User-Agent: names the crawler and where an operator can learn about it. */
export const DEFAULT_USER_AGENT = 'wiredesk/0.1 (+https://example.org/wiredesk; news-wire crawler)';

export const DEFAULT_FETCH: FetchConfig = {
  userAgent: DEFAULT_USER_AGENT,
  perHostConcurrency: 2,
  globalConcurrency: 32,
  // Above the hosts of a thousand-feed config: the per-host gap and the global cap bound the load.
  sourceConcurrency: 256,
  minHostGapMs: 1000,
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 15_000,
  bodyIdleTimeoutMs: 15_000,
  totalTimeoutMs: 60_000,
  maxBodyBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  maxRetries: 3,
  retryBaseDelayMs: 500,
  retryAfterCapMs: 120_000,
  proxy: null,
};

export const DEFAULT_EXTRACT: ExtractConfig = {
  workers: -1, // -1 = one per core, decided at start-up
  timeoutMs: 15_000,
  maxHtmlBytes: 3 * 1024 * 1024,
  sites: {},
};

export const DEFAULT_STORIES: StoriesConfig = {
  windowHours: 72,
  aliasesFile: 'aliases.json',
  commitHoldMs: 1_000,
  memoryDays: 30,
};

export const DEFAULT_SCHEDULE: ScheduleConfig = {
  defaultIntervalMinutes: 15,
  minIntervalMinutes: 5,
  maxIntervalMinutes: 120,
  jitterRatio: 0.1,
};

export const DEFAULT_OUTPUT: OutputConfig = {
  board: true,
  boardEveryMinutes: 5,
  baseUrl: null,
};

export const DEFAULT_SITEMAP: SitemapConfig = {
  // The news sitemap protocol lists articles of the last two days.
  maxAgeHours: 48,
  maxSitemapsPerRun: 10,
  maxBytes: 50 * 1024 * 1024,
  maxUrls: 50_000,
};
