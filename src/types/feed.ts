/** Feed formats recognised by root element and namespace. */
export type FeedFormat = 'rss0.90' | 'rss0.91' | 'rss0.92' | 'rss2.0' | 'rss1.0' | 'rss1.1' | 'atom0.3' | 'atom1.0' | 'json1.0' | 'json1.1';

/** A feed-level fact plus where it came from. */
export interface FeedInfo {
  format: FeedFormat;
  /** Encoding actually used to decode the bytes (WHATWG label), null when given a string. */
  encoding: string | null;
  /** Why that encoding was chosen (see `EncodingSource`). */
  encodingSource: string | null;
  title: string | null;
  link: string | null;
  language: string | null;
  /** RSS `<ttl>` in minutes, if present: the feed asks not to be polled sooner. */
  ttlMinutes: number | null;
}

/** A repair or oddity noticed while parsing; the feed still parsed. */
export interface FeedWarning {
  code: string;
  message: string;
}

export interface FeedCategory {
  term: string;
  scheme: string | null;
}

export interface FeedMedia {
  url: string;
  type: string | null;
  width: number | null;
  height: number | null;
}

/** One normalized feed entry. Dates are ISO 8601 UTC strings; raw strings kept for debugging. */
export interface FeedItem {
  /** Identity for "seen before" (guid if unique in the feed, else canonical URL, else a content hash). */
  key: string;
  guid: string | null;
  url: string | null;
  canonicalUrl: string | null;
  title: string;
  summary: string | null;
  content: string | null;
  authors: string[];
  categories: FeedCategory[];
  publishedAt: string | null;
  updatedAt: string | null;
  publishedRaw: string | null;
  updatedRaw: string | null;
  language: string | null;
  media: FeedMedia[];
}

/** Result of parsing one feed document. */
export interface ParsedFeed {
  feed: FeedInfo;
  items: FeedItem[];
  warnings: FeedWarning[];
}
