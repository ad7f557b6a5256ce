import { siteRulesFor, sourceFetchScope, type SourceConfig, type SiteExtractConfig, type WiredeskConfig } from '../config/index.js';
import { decodeBytes } from '../encoding/index.js';
import { WiredeskError, toWiredeskError } from '../errors/index.js';
import { isHeadlineRecord, type ExtractedArticle, type ExtractInput } from '../extract/index.js';
import type { Validators } from '../fetch/index.js';
import type { FeedItem, SourceRunReport } from '../types/index.js';
import { articleIdFor } from './article-id.js';
import type { FailureRecord, PendingArticle, RunDeps, SourceOutcome } from './pipeline-types.js';
import { runLimited } from './run-limited.js';

/** What stage A reads from the crawler state (kept narrow so the pipeline does not depend on its layout). */
export interface SourceStateView {
  /** The source URL's validators for a conditional GET. */
  validatorsFor(url: string): Promise<Validators | null>;
  /** Validators of the documents a source read besides its URL (a sitemap index's children), by URL. */
  documentValidators(sourceUrl: string): Promise<Record<string, Validators>>;
  /**
   * Which of a feed's items are handled already: `seen` (by item key) when an earlier run stored
   * its article for this feed or gave up on it; `elsewhere` (by article id) when its article is
   * stored and came from another feed.
   */
  handledItems(feedUrl: string, items: readonly { key: string; articleId: string }[]): Promise<{ seen: Set<string>; elsewhere: Set<string> }>;
  /**
   * Claims an article id for this run: false when another source (or item) claimed it in this run,
   * so a URL listed by a feed and a sitemap is fetched once.
   */
  claimArticle(articleId: string): boolean;
  /** Gives claims back once the source that took them is done (its articles committed or given up). */
  releaseArticles(articleIds: readonly string[]): void;
  /** Resolves once nobody in this run claims `articleId` (at once when nobody does). */
  released(articleId: string): Promise<void>;
  /** A page's validators, when it was fetched before. */
  pageValidators(url: string): Promise<Validators | null>;
}

/** The page accepts HTML; the fetcher consults robots.txt unless the source opts out. */
const ARTICLE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.8';

/** Items of one feed fetched and extracted at once: the fetch layer keeps each host polite. */
const ITEMS_IN_FLIGHT = 16;

/**
 * Stage A for one source: read the source with the reader for its kind (conditional fetch →
 * parse) → drop items already seen → fetch and extract each new article. Never throws: every
 * failure is recorded in the source's report.
 */
export async function fetchSource(deps: RunDeps, source: SourceConfig, sourceIndex: number, view: SourceStateView, emit?: (article: PendingArticle) => void): Promise<SourceOutcome> {
  const started = Date.now();
  const log = deps.logger.child({ feed_url: source.url, source: source.name });
  const report = emptyReport(source);
  const outcome: SourceOutcome = { report, pending: [], finalFailures: [], known: [], knownLater: [], validators: null, documents: null, ttlMinutes: null, itemDates: [] };
  const finish = (): SourceOutcome => {
    report.durationMs = Date.now() - started;
    deps.onProgress?.({ type: 'source-done', source: source.name, itemsNew: report.itemsNew, status: report.status });
    return outcome;
  };

  // 1–2. The source, read by the reader for its kind: conditional fetch (a 304 costs no parsing and no
  // writes), then parsing into normalized items. Only the reader knows the format.
  const documents = await view.documentValidators(source.url);
  const sourceValidators = await view.validatorsFor(source.url);
  // The readers, and the feed parsers behind them, load when a source is first read: a run with no
  // source to crawl (a cron run on an empty or all-disabled config) never needs them.
  const { readerFor } = await import('../sources/index.js');
  const read = await readerFor(source.kind).read({
    source,
    fetcher: deps.fetcher,
    sitemap: deps.config.sitemap,
    now: deps.clock.now(),
    logger: log,
    ...(deps.signal ? { signal: deps.signal } : {}),
    validatorsFor: (url) => (url === source.url ? sourceValidators : (documents[url] ?? null)),
    pause: yieldToEventLoop,
  });
  report.http = read.http;
  report.notBefore = read.notBefore;
  report.warnings.push(...read.warnings.slice(0, 50));
  outcome.validators = read.validators;
  outcome.documents = read.documents;
  outcome.ttlMinutes = read.ttlMinutes;
  if (read.error !== null) return failSource(outcome, read.error, log, finish);
  if (read.notModified) {
    report.status = 'not-modified';
    log.info('source not modified', { duration_ms: read.http.durationMs });
    return finish();
  }
  for (const failure of read.documentFailures) {
    report.failures.push({ ...failure.error.toRecord(), itemUrl: failure.url });
    log.warn('source document failed', { document_url: failure.url, error_code: failure.error.code, error: failure.error.message });
  }
  const items = read.items;
  report.itemsSeen = items.length;

  // 3. Drop what an earlier run already handled; an item whose article is stored already (another
  // feed listed the same page) is not fetched again, only recorded; one another source of this run
  // lists too is fetched once, by the first.
  const listed = items.map((item, itemIndex) => ({ item, itemIndex, key: item.key, articleId: articleIdFor(source.url, item) }));
  const handled = await view.handledItems(source.url, listed);
  const unseen = listed.filter(({ item }) => !handled.seen.has(item.key));
  for (const u of unseen) if (handled.elsewhere.has(u.articleId)) outcome.known.push({ key: u.item.key, articleId: u.articleId });
  const fresh = unseen.filter((u) => !handled.elsewhere.has(u.articleId) && view.claimArticle(u.articleId));
  outcome.claimed = fresh.map((u) => u.articleId);
  // Claimed by another source of this run: recorded (alsoIn) once that source has committed it.
  const claimedFresh = new Set(fresh);
  for (const u of unseen) if (!handled.elsewhere.has(u.articleId) && !claimedFresh.has(u)) outcome.knownLater.push({ key: u.item.key, articleId: u.articleId });
  report.itemsNew = fresh.length + outcome.known.length + outcome.knownLater.length;
  outcome.itemDates = [...fresh, ...unseen.filter((u) => handled.elsewhere.has(u.articleId))].flatMap(({ item }) => (item.publishedAt === null ? [] : [{ key: item.key, at: item.publishedAt }]));
  deps.onProgress?.({ type: 'articles-known', total: fresh.length });

  // 4. Fetch and extract each new article; each is handed on (`emit`) as soon as it is ready.
  const results = await runLimited(fresh, ITEMS_IN_FLIGHT, async ({ item, itemIndex, articleId }) => {
    // Not started once the run is stopped; recorded so the report accounts for every new item.
    if (deps.signal?.aborted) return { item, itemIndex, result: { pending: null, error: new WiredeskError('ABORTED', 'pipeline: run stopped before this article was fetched', { url: item.url, retryable: true }) } };
    const result = await fetchArticle(deps, source, item, view);
    deps.onProgress?.({ type: 'article-done', source: source.name, ok: result.error === null || result.pending !== null });
    const pending = result.pending === null ? null : { ...result.pending, source, sourceIndex, itemIndex, item, articleId };
    if (pending !== null) emit?.(pending);
    return { item, itemIndex, result, pending };
  });
  for (const { item, result, pending } of results) {
    if (result.error !== null) {
      report.failures.push({ ...result.error.toRecord(), itemUrl: item.url });
      log.warn('article failed', { item_url: item.url, error_code: result.error.code, error: result.error.message });
    }
    if (pending != null) {
      outcome.pending.push(pending);
    } else if (result.error !== null && !result.error.retryable) {
      outcome.finalFailures.push({ key: item.key, articleId: articleIdFor(source.url, item) });
    } else if (result.error === null) {
      outcome.known.push({ key: item.key, articleId: articleIdFor(source.url, item) });
    }
  }
  report.status = report.failures.length > 0 ? 'partial' : 'ok';
  log.info('source crawled', { items_seen: report.itemsSeen, items_new: report.itemsNew, failures: report.failures.length });
  return finish();
}

/** Both null: the page did not change since it was last fetched (a conditional GET's 304). */
type ArticleResult = {
  pending: Omit<PendingArticle, 'source' | 'sourceIndex' | 'itemIndex' | 'item' | 'articleId'> | null;
  error: WiredeskError | null;
};

/**
 * Fetch → decode → extract one article. When the page cannot be had for good (robots, 404, blocked,
 * not HTML) and the feed carries the text, the feed text stands in and the reason is recorded; a
 * retryable failure leaves the item unseen so the next run tries again.
 */
async function fetchArticle(deps: RunDeps, source: SourceConfig, item: FeedItem, view: SourceStateView): Promise<ArticleResult> {
  const feedItem = { title: item.title, summary: item.summary, content: item.content, publishedAt: item.publishedAt, language: item.language, authors: item.authors };
  const fetchedAt = deps.clock.now().toISOString();
  let html: string | null = null;
  let finalUrl: string | null = null;
  let encoding: string | null = null;
  let encodingSource: string | null = null;
  let validators: Validators | null = null;
  let pageError: WiredeskError | null = null;
  if (item.url !== null) {
    try {
      const res = await deps.fetcher.fetch({
        url: item.url,
        accept: ARTICLE_ACCEPT,
        // Headers and private-network permission reach the source's own host and the hosts it names, not every link.
        ...sourceFetchScope(source),
        obeyRobots: source.obeyRobots,
        validators: await view.pageValidators(item.url),
        // PDFs and images are not articles: refused as UNSUPPORTED_CONTENT, and the feed's own text stands in.
        htmlOnly: true,
        ...(deps.signal ? { signal: deps.signal } : {}),
      });
      // Unchanged since it was fetched before: its article was stored then (or failed for good).
      if (res.notModified) return { pending: null, error: null };
      validators = res.validators;
      const decoded = decodeBytes(res.body, { contentType: res.contentType, kind: 'html' });
      html = decoded.text;
      encoding = decoded.encoding;
      encodingSource = decoded.source;
      finalUrl = res.finalUrl;
    } catch (error) {
      pageError = toWiredeskError(error, 'FETCH_NETWORK', item.url);
    }
  }
  if (pageError?.retryable === true) return { pending: null, error: pageError };

  let extracted: ExtractedArticle;
  const url = finalUrl ?? item.url ?? source.url;
  const input = { html: html ?? '', url, feedItem, site: siteRules(deps.config, source, url), maxHtmlBytes: deps.config.extract.maxHtmlBytes, now: fetchedAt };
  try {
    extracted = await deps.extractor.extract(input);
  } catch (error) {
    const wrapped = toWiredeskError(error, 'EXTRACT_FAILED', item.url);
    const fallback = pageError === null && html !== null ? await extractFeedOnly(deps, input, wrapped) : null;
    if (fallback === null) return { pending: null, error: pageError ?? wrapped };
    pageError = wrapped;
    extracted = fallback;
  }
  // A lasting wall is kept as its feed headline (no text); any other empty text is no article.
  if (extracted.text.trim() === '' && !isHeadlineRecord(extracted)) return { pending: null, error: pageError ?? toWiredeskError(new Error('no article text'), 'EXTRACT_EMPTY', item.url) };
  return {
    pending: { fetchedAt, finalUrl, extracted, encoding, encodingSource, fallbackReason: pageError === null ? (item.url === null ? 'NO_LINK' : null) : fallbackReasonOf(pageError), validators },
    error: pageError,
  };
}

/** Failures of the page's extraction for which the feed's own text stands in (the page itself was fetched). */
const FEED_FALLBACK_CODES: ReadonlySet<string> = new Set(['EXTRACT_FAILED', 'EXTRACT_TIMEOUT']);

/**
 * The page could not be extracted (too deep, too large, over the time budget): the item keeps the feed's
 * text instead of being lost for good (issue 18). Null when the failure is another kind or the feed has no text.
 */
async function extractFeedOnly(deps: RunDeps, input: ExtractInput, error: WiredeskError): Promise<ExtractedArticle | null> {
  const feed = input.feedItem;
  if (!FEED_FALLBACK_CODES.has(error.code) || feed == null || (!hasText(feed.summary) && !hasText(feed.content))) return null;
  try {
    return await deps.extractor.extract({ ...input, html: '' });
  } catch {
    return null;
  }
}

/** `EXTRACT_FAILED,nesting-too-deep`: the code, then the extractor's reason when it gave one. */
function fallbackReasonOf(error: WiredeskError): string {
  const reason = error.details?.['reason'];
  return typeof reason === 'string' && reason !== '' ? `${error.code},${reason}` : error.code;
}

function hasText(value: string | null): boolean {
  return value !== null && value.trim() !== '';
}

/** The configured rules for the page's host merged with the source's own overrides. */
function siteRules(config: WiredeskConfig, source: SourceConfig, url: string): SiteExtractConfig | null {
  const fromHost = siteRulesFor(config.extract, url);
  const own = source.extract;
  if (fromHost === null) return own;
  if (own === null) return fromHost;
  return {
    removeSelectors: [...fromHost.removeSelectors, ...own.removeSelectors],
    bodySelector: own.bodySelector ?? fromHost.bodySelector,
    dropLinePatterns: [...fromHost.dropLinePatterns, ...own.dropLinePatterns],
  };
}

/** One turn of the event loop: timers, signals and other sources' I/O run between slices of parsing. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function failSource(outcome: SourceOutcome, error: WiredeskError, log: RunDeps['logger'], finish: () => SourceOutcome): SourceOutcome {
  outcome.report.status = 'failed';
  outcome.report.error = error.toRecord();
  if (error.status !== null) outcome.report.http.status = error.status;
  // A 429/503 that asked for a pause (Retry-After): the fetch layer puts the time in the details.
  const notBefore = error.details?.['notBefore'];
  if (typeof notBefore === 'string') outcome.report.notBefore = notBefore;
  log.warn('source failed', { error_code: error.code, error: error.message });
  return finish();
}

function emptyReport(source: SourceConfig): SourceRunReport {
  return {
    name: source.name,
    url: source.url,
    status: 'ok',
    http: { status: null, finalUrl: null, notModified: false, durationMs: null, encoding: null },
    itemsSeen: 0,
    itemsNew: 0,
    articlesWritten: 0,
    error: null,
    failures: [] as FailureRecord[],
    warnings: [],
    notBefore: null,
    durationMs: 0,
  };
}
