import type { ExtractionMethod, NonArticle, NonArticleKind } from '../../types/index.js';

/** Interstitials served for a moment (rate limits, outages) rather than to every visitor without an account. */
const TRANSIENT_WALLS: ReadonlySet<NonArticleKind> = new Set(['bot-check', 'error-page']);

/**
 * What a wall's record is made of when the feed item has no text of its own:
 * - `retry`: a bot check or an error page is served for now, not for good. Nothing is written, the item stays
 *   unseen and the next run fetches it again;
 * - `headline`: a cookie, login or paywall wall is what this crawler will be shown every time. Dropping the item
 *   would lose it for good, so it is kept as a headline (the feed's title, no text): readers of a paywalled
 *   outlet still see that it ran the story, and the story index places it by its title;
 * - `none`: not even a title names the article; there is nothing to keep.
 * Pure: the extraction decides with it, and the story bench models the pipeline's entries with it.
 */
export function wallStandIn(kind: NonArticleKind, feedTitle: string | null): 'retry' | 'headline' | 'none' {
  if (TRANSIENT_WALLS.has(kind)) return 'retry';
  return feedTitle !== null && feedTitle.trim() !== '' ? 'headline' : 'none';
}

/** True for the headline record `wallStandIn` keeps: a marked wall with method `none`, the one article allowed no text. */
export function isHeadlineRecord(article: { extraction: { method: ExtractionMethod }; nonArticle?: NonArticle | null }): boolean {
  return article.extraction.method === 'none' && article.nonArticle != null;
}
