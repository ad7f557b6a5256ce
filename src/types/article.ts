/** Version of the on-disk records; bump on any incompatible change of the output contract. */
export const SCHEMA_VERSION = 1;

/** How the body text was obtained. */
export type ExtractionMethod = 'readability' | 'feed-content' | 'feed-summary' | 'none';

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
  extraction: { method: ExtractionMethod; reason: string | null; encoding: string | null; encodingSource: string | null };
  fingerprint: { simhash: string };
  story: ArticleStoryRef;
}
