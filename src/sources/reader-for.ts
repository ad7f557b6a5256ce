import type { SourceKind } from '../config/index.js';
import { feedReader } from './feed-reader.js';
import { newsSitemapReader } from './news-sitemap-reader.js';
import type { SourceReader } from './source-reader.js';

const READERS: Readonly<Record<SourceKind, SourceReader>> = {
  feed: feedReader,
  'news-sitemap': newsSitemapReader,
};

/** The reader for a kind of source (`SourceConfig.kind`). */
export function readerFor(kind: SourceKind): SourceReader {
  return READERS[kind];
}
