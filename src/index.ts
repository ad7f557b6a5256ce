/**
 * wiredesk as a library: the package's public API (`import { … } from 'wiredesk'`).
 *
 * - `crawl(config, { outDir })`: one crawl of a config object, as `wiredesk run` does;
 * - `parseFeed(bytes, { fetchedAt })`: RSS / Atom / JSON Feed into normalized items;
 * - `extractArticle({ html, url })`: clean text and metadata of an article page;
 * - `groupDocuments(docs)`: syndicated copies and stories among documents, as `wiredesk cluster`;
 * - `openCrawler` and `startDaemon` for a crawler or daemon kept open in your own process.
 * Every failure is a `WiredeskError` with a stable `code`.
 */
export { loadConfig, parseConfig } from './config/index.js';
export type { WiredeskConfig, SourceConfig, FetchConfig, ExtractConfig, StoriesConfig, ScheduleConfig, SiteExtractConfig, ConfigReadOptions } from './config/index.js';
export { parseFeed } from './feeds/index.js';
export { extractArticle } from './extract/index.js';
export type { ExtractInput, ExtractedArticle } from './extract/index.js';
export { parseAliases } from './fingerprint/index.js';
export type { AliasTable } from './fingerprint/index.js';
export { crawl, groupDocuments, openCrawler, startDaemon } from './ops/index.js';
export type { CrawlOptions, GroupInput, GroupedDocument, GroupOptions, Crawler, OpenCrawlerOptions, Daemon, DaemonOptions } from './ops/index.js';
export { WiredeskError, isWiredeskError, isFatalCode } from './errors/index.js';
export type { ErrorCode, ErrorRecord } from './errors/index.js';
export { createLogger, silentLogger } from './log/index.js';
export type { ArticleRecord, StoryRecord, RunSummary, SourceRunReport, ParsedFeed, FeedItem, Logger, Clock } from './types/index.js';
