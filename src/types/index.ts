export type { FeedFormat, FeedInfo, FeedWarning, FeedCategory, FeedMedia, FeedItem, ParsedFeed } from './feed.js';
export { SCHEMA_VERSION } from './article.js';
export type { ArticleRecord, ArticleStoryRef, ClampedDates, ExtractionMethod, NonArticle, NonArticleKind } from './article.js';
export type { StoryRecord } from './story.js';
export type { RunReport, RunSummary, ArticleRef, SourceRunReport } from './run.js';
export type { Clock, Logger } from './runtime.js';
export { requireOnFirstUse, systemClock } from './runtime.js';
