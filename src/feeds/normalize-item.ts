import type { FeedItem, FeedMedia, FeedWarning } from '../types/index.js';
import { resolveAndCanonicalize, resolveUrl } from './canonical-url.js';
import { cleanText } from './clean-text.js';
import { mapC1Controls } from './decode-entities.js';
import { parseFeedDate } from './parse-date.js';
import type { WireItem, WireMedia } from './wire-types.js';

/** Dates further ahead than this are publisher clock or time zone bugs. */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** What normalizing an item needs to know about its feed. */
export interface NormalizeContext {
  /** Base for relative URLs when the item has no xml:base: the feed link, else the fetch URL. */
  base: string | null;
  language: string | null;
  fetchedAt: Date;
  warnings: FeedWarning[];
}

/**
 * Builds a FeedItem from wire form: URLs resolved and canonicalized, title and summary as clean
 * text, dates parsed (unparseable → null, far future → clamped, each with a warning). The
 * identity `key` is filled in later, once the whole feed is known.
 */
export function normalizeItem(wire: WireItem, index: number, context: NormalizeContext): FeedItem {
  const base = wire.base ?? context.base;
  const { url, canonicalUrl } = resolveAndCanonicalize(wire.link, base);
  const title = cleanText(wire.title, wire.titleKind);
  const summary = cleanText(wire.summary, wire.summaryKind);
  const label = (): string => `item ${index + 1}${title === '' ? '' : ` "${title.slice(0, 60)}"`}`;
  const publishedRaw = wire.published ?? wire.updated;
  const publishedAt = normalizeDate(publishedRaw, 'publishedAt', label, context);
  return {
    key: '',
    guid: wire.guid,
    url,
    canonicalUrl,
    title,
    summary: summary === '' ? null : summary,
    content: wire.content === null ? null : mapC1Controls(wire.content),
    authors: wire.authors.map((name) => cleanText(name, 'maybe-html')).filter((name) => name !== ''),
    categories: wire.categories.map((c) => ({ term: cleanText(c.term, 'maybe-html'), scheme: c.scheme })).filter((c) => c.term !== ''),
    // An entry with only an update time (common in Atom) was at least published by then.
    publishedAt,
    updatedAt: wire.updated === publishedRaw ? publishedAt : normalizeDate(wire.updated, 'updatedAt', label, context),
    publishedRaw,
    updatedRaw: wire.updated,
    language: wire.language ?? context.language,
    media: mergeMedia(wire.media, base),
  };
}

function normalizeDate(raw: string | null, field: string, label: () => string, context: NormalizeContext): string | null {
  if (raw === null) return null;
  const date = parseFeedDate(raw);
  if (date === null) {
    context.warnings.push({ code: 'DATE_UNPARSEABLE', message: `${label()}: ${field} "${raw.slice(0, 80)}" is not a date we can read` });
    return null;
  }
  if (date.getTime() > context.fetchedAt.getTime() + FUTURE_TOLERANCE_MS) {
    context.warnings.push({ code: 'DATE_IN_FUTURE', message: `${label()}: ${field} "${raw.slice(0, 80)}" is in the future; clamped to the fetch time` });
    return context.fetchedAt.toISOString();
  }
  return date.toISOString();
}

/** Resolves media URLs and merges duplicates (same URL), keeping the most specific type and size. */
function mergeMedia(wire: WireMedia[], base: string | null): FeedMedia[] {
  const byUrl = new Map<string, FeedMedia>();
  for (const m of wire) {
    const url = resolveUrl(m.url, base);
    if (url === null) continue;
    const next: FeedMedia = { url, type: m.type, width: toDimension(m.width), height: toDimension(m.height) };
    const seen = byUrl.get(url);
    if (seen === undefined) {
      byUrl.set(url, next);
      continue;
    }
    // An exact MIME type beats the `image/*` a bare Media RSS medium implies.
    if (seen.type === null || (seen.type.endsWith('/*') && next.type !== null && !next.type.endsWith('/*'))) seen.type = next.type;
    seen.width ??= next.width;
    seen.height ??= next.height;
  }
  return [...byUrl.values()];
}

function toDimension(value: string | null): number | null {
  if (value === null) return null;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) && n > 0 ? n : null;
}
