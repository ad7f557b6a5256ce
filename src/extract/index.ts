// Article extraction: (html, url, feed item, site rules) → clean text, sanitized HTML and metadata.
export { extractArticle } from './extract-article.js';
export { classifyPage, isHeadlineRecord, wallStandIn } from './classify/index.js';
export { createExtractorPool } from './extractor-pool.js';
export { BOILERPLATE_RULES } from './rules/boilerplate-rules.js';
export type { BoilerplateRule } from './rules/boilerplate-rules.js';
export type { ExtractInput, ExtractFeedItem, ExtractedArticle, ExtractorPool, ExtractorPoolOptions } from './extract-types.js';
