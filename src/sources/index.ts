export { readerFor } from './reader-for.js';
export { feedReader, FEED_ACCEPT } from './feed-reader.js';
export { newsSitemapReader } from './news-sitemap-reader.js';
export { SITEMAP_ACCEPT } from './fetch-sitemap.js';
export type { SourceReader, SourceRead, SourceReadContext, DocumentFailure } from './source-reader.js';
export { discoverSources } from './discover-sources.js';
export type { DiscoveredSource, DiscoverResult, DiscoverOptions } from './discover-sources.js';
export { sitemapsFromRobots } from './robots-sitemaps.js';
