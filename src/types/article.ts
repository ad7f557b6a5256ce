/** Version of the on-disk records; bump on any incompatible change of the output contract. */
export const SCHEMA_VERSION = 1;

/** How the body text was obtained. */
/** `merged`: the dense block's text between the first and last lines of Readability's body (fill-span.ts). */
export type ExtractionMethod = 'readability' | 'density' | 'merged' | 'feed-content' | 'feed-summary' | 'none';

/** What kind of interstitial page extraction found where an article was expected. */
export type NonArticleKind = 'cookie-wall' | 'bot-check' | 'paywall-teaser' | 'login-wall' | 'error-page';

/**
 * An interstitial page (cookie consent wall, bot check, paywall teaser, login wall, error page served
 * with status 200): its text is not the article, so the feed's own text stands in, and the article is
 * never matched as a copy of anything.
 */
export interface NonArticle {
  kind: NonArticleKind;
  /** What gave it away, for people (`title "Just a moment..."; phrases: checking your browser; 12 words`). */
  reason: string;
}

/** A page's own dates that lay more than a day after the fetch and were clamped to it (ISO 8601, as the page gave them). */
export interface ClampedDates {
  publishedAt?: string;
  updatedAt?: string;
}

/** Why an article joined its story (the "explain" part of the story record). */
export interface ArticleStoryRef {
  id: string;
  /** Article id of the first copy when this article is a republished copy of it, else null. */
  duplicateOf: string | null;
  /** Hamming distance of the simhashes when `duplicateOf` is set. */
  distance: number | null;
  /** Similarity to the story it joined (0..1), null for the first member or duplicates. */
  similarity: number | null;
  reason: 'new' | 'duplicate' | 'similar';
  /**
   * What joined it to its story when that was more than a link to a same-language report in the
   * story window: `cross-language` (shared names, places and figures with a report in another
   * language) or `memory` (a story whose reports had left the window, through its summary or its
   * latest reports); null otherwise. Absent from files written before it existed (read as null).
   */
  via?: 'cross-language' | 'memory' | null;
}

/** One article as written to `articles/…/<id>.json`. */
export interface ArticleRecord {
  schemaVersion: number;
  id: string;
  url: string;
  finalUrl: string | null;
  canonicalUrl: string | null;
  /** The feed it came from first; `alsoIn` lists other feeds that listed the same article. */
  feed: { url: string; name: string; alsoIn?: { url: string; name: string }[] };
  guid: string | null;
  title: string;
  byline: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
  fetchedAt: string;
  language: string | null;
  direction: 'ltr' | 'rtl' | null;
  siteName: string | null;
  leadImage: string | null;
  summary: string | null;
  text: string;
  html: string | null;
  wordCount: number;
  extraction: {
    method: ExtractionMethod;
    reason: string | null;
    encoding: string | null;
    encodingSource: string | null;
    /** Set when the page was an interstitial, not the article (the text is the feed's then); absent in older records. */
    nonArticle?: NonArticle | null;
    /** The page's dates that were in the future and were clamped to the fetch time; absent in older records. */
    clampedDates?: ClampedDates | null;
  };
  fingerprint: { simhash: string };
  story: ArticleStoryRef;
}
