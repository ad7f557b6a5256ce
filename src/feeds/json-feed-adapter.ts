import type { FeedCategory, FeedFormat } from '../types/index.js';
import type { WireFeed, WireItem, WireMedia } from './wire-types.js';

/** True when a parsed JSON value looks like a JSON Feed (a jsonfeed.org version, or an `items` array). */
export function isJsonFeed(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const version = value['version'];
  return (typeof version === 'string' && version.includes('jsonfeed.org')) || Array.isArray(value['items']);
}

/** Reads JSON Feed 1.0/1.1 (1.0's `author` object and 1.1's `authors` array both) into wire form. */
export function readJsonFeed(feed: Record<string, unknown>): WireFeed {
  const version = str(feed['version']) ?? '';
  const format: FeedFormat = version.includes('/1.1') ? 'json1.1' : 'json1.0';
  const rawItems = Array.isArray(feed['items']) ? feed['items'] : [];
  const items: WireItem[] = [];
  const feedAuthors = readAuthors(feed);
  for (const raw of rawItems) {
    if (!isObject(raw)) continue;
    const item = readItem(raw);
    // Items without authors inherit the feed's (JSON Feed 1.1 §authors).
    if (item.authors.length === 0) item.authors = feedAuthors;
    items.push(item);
  }
  return {
    format,
    title: str(feed['title']),
    titleKind: 'maybe-html',
    link: str(feed['home_page_url']),
    base: null,
    language: str(feed['language']),
    ttl: null,
    items,
    incompleteItems: 0,
    nestedItems: 0,
  };
}

function readItem(item: Record<string, unknown>): WireItem {
  const id = item['id'];
  return {
    // JSON Feed 1.0 allowed numeric ids; they are compared as strings.
    guid: typeof id === 'number' ? String(id) : str(id),
    link: str(item['url']) ?? str(item['external_url']),
    linkFromGuid: false,
    base: null,
    // JSON Feed 1.1 says plain text, but generators put HTML in titles; only markup that shows itself is stripped.
    title: str(item['title']),
    titleKind: 'maybe-html',
    summary: str(item['summary']),
    summaryKind: 'maybe-html',
    content: str(item['content_html']) ?? escapeText(str(item['content_text'])),
    authors: readAuthors(item),
    categories: readTags(item['tags']),
    published: str(item['date_published']),
    updated: str(item['date_modified']),
    language: str(item['language']),
    media: readMedia(item),
  };
}

function readAuthors(item: Record<string, unknown>): string[] {
  const list = Array.isArray(item['authors']) ? item['authors'] : isObject(item['author']) ? [item['author']] : [];
  const names: string[] = [];
  for (const author of list) {
    const name = isObject(author) ? str(author['name']) : null;
    if (name !== null && !names.includes(name)) names.push(name);
  }
  return names;
}

function readTags(tags: unknown): FeedCategory[] {
  if (!Array.isArray(tags)) return [];
  const out: FeedCategory[] = [];
  for (const tag of tags) {
    const term = str(tag);
    if (term !== null) out.push({ term, scheme: null });
  }
  return out;
}

function readMedia(item: Record<string, unknown>): WireMedia[] {
  const out: WireMedia[] = [];
  for (const key of ['image', 'banner_image']) {
    const url = str(item[key]);
    if (url !== null) out.push({ url, type: 'image/*', width: null, height: null });
  }
  const attachments = Array.isArray(item['attachments']) ? item['attachments'] : [];
  for (const attachment of attachments) {
    if (!isObject(attachment)) continue;
    const url = str(attachment['url']);
    if (url !== null) out.push({ url, type: str(attachment['mime_type']), width: null, height: null });
  }
  return out;
}

/** `content_text` is plain text; content is markup everywhere else, so escape it once. */
function escapeText(text: string | null): string | null {
  return text === null ? null : text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function str(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
