/** How a source lists its articles: an RSS/Atom/JSON feed, or a Google News sitemap (or a sitemap index of them). */
export type SourceKind = 'feed' | 'news-sitemap';

/** One source to crawl. */
export interface SourceConfig {
  name: string;
  url: string;
  /** Default `feed`. */
  kind: SourceKind;
  /**
   * Lets the source's own host (the host of `url`) resolve to loopback/private addresses (demo, tests,
   * intranets). Other hosts the feed links to stay refused unless listed in `privateHosts`.
   */
  allowPrivateNetwork: boolean;
  /** Further host names this source may reach on private addresses (article hosts on an intranet). */
  privateHosts: string[];
  /** Obey robots.txt for article fetches (default true). */
  obeyRobots: boolean;
  /**
   * Extra request headers (cookies, tokens; `${ENV}` references resolved) sent only to the origin of
   * `url` and to `headerOrigins`, never across a redirect that leaves the requested origin.
   */
  headers: Record<string, string>;
  /** Further origins (`https://www.wire.example`) that receive `headers`, e.g. where the feed's articles live. */
  headerOrigins: string[];
  enabled: boolean;
  /** Poll interval for the daemon, minutes; null means the global default. */
  intervalMinutes: number | null;
  /** Wall-clock schedule (cron expression) instead of an interval. */
  cron: string | null;
  /** Per-site extraction overrides: extra selectors to drop, a selector for the body. */
  extract: SiteExtractConfig | null;
}

/** Extraction rules a site may add to the built-in ones. */
export interface SiteExtractConfig {
  removeSelectors: string[];
  bodySelector: string | null;
  dropLinePatterns: string[];
}

export interface FetchConfig {
  userAgent: string;
  perHostConcurrency: number;
  globalConcurrency: number;
  /**
   * Sources crawled at once (feed and articles), admitted round-robin by feed host. Waiting on a
   * host costs no place, so this bounds memory, not speed, as long as it is above the number of hosts.
   */
  sourceConcurrency: number;
  minHostGapMs: number;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyIdleTimeoutMs: number;
  totalTimeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  retryAfterCapMs: number;
  /** HTTP proxy to use, resolved from `fetch.proxy` / `fetch.noProxy` or the environment; null = connect directly. */
  proxy: ProxyConfig | null;
}

/** Where requests go through a proxy (undici's EnvHttpProxyAgent semantics). */
export interface ProxyConfig {
  /** Proxy URL for http:// targets, null = direct. */
  httpProxy: string | null;
  /** Proxy URL for https:// targets (tunnelled with CONNECT), null = direct. */
  httpsProxy: string | null;
  /** Hosts reached directly (`example.com` also covers subdomains, `.example.com`, `host:port`, `*` = all). */
  noProxy: string[];
}

export interface ExtractConfig {
  /** Worker threads for extraction; 0 runs inline (tests), default = cores. */
  workers: number;
  timeoutMs: number;
  maxHtmlBytes: number;
  /** Site overrides keyed by host name (e.g. `www.example.com`). */
  sites: Record<string, SiteExtractConfig>;
}

export interface StoriesConfig {
  windowHours: number;
  /** Path of the alias file (Daesh / ISIS / ISIL → one token), relative to the config file. */
  aliasesFile: string | null;
  /**
   * How long an extracted article waits before it is committed (ms), so that copies of one wire
   * text arriving together are ordered by publication time: the earliest is the original. Longer
   * holds order more (a run's articles are all committed at its end when nothing else is coming);
   * shorter ones get articles to disk sooner.
   */
  commitHoldMs: number;
  /**
   * Days a story stays joinable after its reports left the window (a running story of weeks stays
   * one story); 0 turns the story memory off.
   */
  memoryDays: number;
}

export interface ScheduleConfig {
  defaultIntervalMinutes: number;
  minIntervalMinutes: number;
  maxIntervalMinutes: number;
  jitterRatio: number;
}

/** What is written besides articles, stories and run reports. */
export interface OutputConfig {
  /** Rewrite the story board and the story feeds after each run (default true). */
  board: boolean;
  /**
   * The daemon rewrites the board at most this often while articles arrive (default 5): each
   * rewrite redraws the whole window, so after every minute's report it would write the window
   * again for every few new articles. 0: after every report. `wiredesk run` rewrites it after
   * each run.
   */
  boardEveryMinutes: number;
  /**
   * Public URL the output directory is served at (board/ and feeds/ below it), ending in `/`.
   * Feeds need it for self links and links to the board; null: entries link to the agency report.
   */
  baseUrl: string | null;
}

/** How news sitemaps are read. */
export interface SitemapConfig {
  /** Entries published (news:publication_date, else lastmod) longer ago than this are skipped; child sitemaps last modified before it are not fetched. */
  maxAgeHours: number;
  /** Child sitemaps of an index fetched per run, newest first. */
  maxSitemapsPerRun: number;
  /** Largest sitemap file read, after gzip decoding (the protocol's limit is 50 MB). */
  maxBytes: number;
  /** URLs read from one sitemap file (the protocol's limit is 50,000); more is SITEMAP_TOO_LARGE. */
  maxUrls: number;
}

/** The validated configuration; every field present, defaults applied. */
export interface WiredeskConfig {
  /** Absolute path of the file it was loaded from (null when built in code). */
  path: string | null;
  sources: SourceConfig[];
  outDir: string | null;
  stateDir: string | null;
  /** postgres:// URL: state (and a cluster's coordination) in PostgreSQL instead of SQLite; `${ENV}` allowed. */
  database: string | null;
  fetch: FetchConfig;
  extract: ExtractConfig;
  stories: StoriesConfig;
  schedule: ScheduleConfig;
  output: OutputConfig;
  sitemap: SitemapConfig;
}
