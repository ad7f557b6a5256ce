export { loadConfig, parseConfig } from './load-config.js';
export { siteRulesFor } from './site-rules.js';
export { DEFAULT_FETCH, DEFAULT_EXTRACT, DEFAULT_STORIES, DEFAULT_SCHEDULE, DEFAULT_SITEMAP, DEFAULT_USER_AGENT } from './defaults.js';
export type { WiredeskConfig, SourceConfig, SourceKind, SiteExtractConfig, FetchConfig, ExtractConfig, StoriesConfig, ScheduleConfig, SitemapConfig } from './config-types.js';
