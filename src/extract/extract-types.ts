import type { SiteExtractConfig } from '../config/index.js';
import type { ClampedDates, ExtractionMethod, NonArticle } from '../types/index.js';

/** The feed's own view of an item, used for metadata fallbacks and the body fallback. */
export interface ExtractFeedItem {
  title: string;
  summary: string | null;
  content: string | null;
  publishedAt: string | null;
  language: string | null;
  authors: string[];
}

/** What `extractArticle` needs: the decoded page, its URL, and optionally the feed item and site rules. */
export interface ExtractInput {
  html: string;
  url: string;
  feedItem?: ExtractFeedItem | null;
  /** Per-site overrides from config (extra selectors to drop, a body selector, line patterns to drop). */
  site?: SiteExtractConfig | null;
  /** Pages longer than this (UTF-16 code units ≈ bytes for markup) are cut before parsing. */
  maxHtmlBytes?: number;
  /** When the page was fetched (ISO 8601): page dates more than a day after it are clamped to it. No clamp without it. */
  now?: string | null;
}

/** A clean article: text, sanitized HTML and metadata, each metadata field with its provenance. */
export interface ExtractedArticle {
  title: string;
  byline: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
  language: string | null;
  direction: 'ltr' | 'rtl' | null;
  siteName: string | null;
  canonicalUrl: string | null;
  leadImage: string | null;
  /** Paragraphs separated by a blank line; headings and list items on their own lines. */
  text: string;
  /** Sanitized HTML of the body (safe tags only, absolute links), null when the body came from the feed as text. */
  html: string | null;
  wordCount: number;
  extraction: { method: ExtractionMethod; reason: string | null };
  /** Set when the page was an interstitial (cookie wall, bot check, …): the feed's text stands in. Always set by `extractArticle`. */
  nonArticle?: NonArticle | null;
  /** The page's own dates that lay in the future and were clamped to `now` (set by `extractArticle`, null when none were). */
  clampedDates?: ClampedDates | null;
  /** field → where it came from ('json-ld', 'og', 'meta', 'html', 'time', 'feed', 'detected', …). */
  provenance: Record<string, string>;
}

/** Options of the worker pool. */
export interface ExtractorPoolOptions {
  /** Worker threads; 0 runs inline on the calling thread (tests). */
  workers: number;
  /** Time budget of one extraction; a worker over it is terminated and replaced. */
  timeoutMs: number;
}

/** Runs extractions off the main thread with a per-extraction time budget. */
export interface ExtractorPool {
  /** Rejects only with WiredeskError (EXTRACT_TIMEOUT, EXTRACT_FAILED, EXTRACT_EMPTY). */
  extract(input: ExtractInput): Promise<ExtractedArticle>;
  /** Terminates every worker; pending extractions reject with ABORTED. */
  close(): Promise<void>;
}
