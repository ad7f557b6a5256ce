import type { FeedCategory, FeedFormat } from '../types/index.js';
import type { TextKind } from './clean-text.js';

/** A media reference as written in the feed (strings not yet validated). */
export interface WireMedia {
  url: string;
  type: string | null;
  width: string | null;
  height: string | null;
}

/**
 * One entry as a format adapter read it: raw strings, relative URLs, unparsed dates. The
 * normalize step turns it into a FeedItem; adapters never resolve, clean or parse.
 */
export interface WireItem {
  guid: string | null;
  link: string | null;
  /** True when `link` is only the guid read as a permalink: worthless if the guid is reused. */
  linkFromGuid: boolean;
  /** xml:base in effect for this entry (or null), already absolute when resolvable. */
  base: string | null;
  title: string | null;
  /** What the format says `title` holds (plain text, markup, or unknown). */
  titleKind: TextKind;
  summary: string | null;
  summaryKind: TextKind;
  /** HTML (text content is escaped by the adapter). */
  content: string | null;
  authors: string[];
  categories: FeedCategory[];
  published: string | null;
  updated: string | null;
  language: string | null;
  media: WireMedia[];
}

/** The feed as an adapter read it. */
export interface WireFeed {
  format: FeedFormat;
  title: string | null;
  titleKind: TextKind;
  link: string | null;
  /** xml:base on the root, if any. */
  base: string | null;
  language: string | null;
  ttl: string | null;
  items: WireItem[];
  /** Entries dropped because the document ended inside them. */
  incompleteItems: number;
  /** `<item>` elements found nested inside another item (ignored: a FeedBurner template bug). */
  nestedItems: number;
}
