export { loadConfig, parseConfig } from './load-config.js';
export { siteRulesFor } from './site-rules.js';
export { DEFAULT_FETCH, DEFAULT_EXTRACT, DEFAULT_STORIES, DEFAULT_SCHEDULE, DEFAULT_OUTPUT, DEFAULT_USER_AGENT } from './defaults.js';
export type { WiredeskConfig, SourceConfig, SiteExtractConfig, FetchConfig, ExtractConfig, StoriesConfig, ScheduleConfig, OutputConfig } from './config-types.js';
