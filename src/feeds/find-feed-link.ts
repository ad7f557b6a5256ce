import { resolveUrl } from './canonical-url.js';
import { decodeEntities } from './decode-entities.js';

// Bounded and stopping at '<': an unbounded `[^>]*` rescans the rest of the page from every `<link`
// of a page without '>' (quadratic; found by fuzz:feeds).
const LINK_TAG = /<link\b[^<>]{0,4096}>/gi;
const BASE_TAG = /<base\b[^<>]{0,4096}>/i;
const ATTRIBUTE = /([A-Za-z_:][-\w:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)/g;
const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/rdf+xml']);

/** A feed an HTML page advertises. */
export interface AdvertisedFeed {
  url: string;
  /** `application/rss+xml`, `application/atom+xml`, `application/feed+json` or `application/rdf+xml`. */
  type: string;
  title: string | null;
}

/**
 * Every feed an HTML page advertises with `<link rel="alternate" type="…">` (RSS, Atom, JSON Feed,
 * RDF), in document order, absolute against `<base href>` or `baseUrl`, each URL once.
 */
export function findAdvertisedFeeds(html: string, baseUrl: string | null): AdvertisedFeed[] {
  const head = html.length > 262_144 ? html.slice(0, 262_144) : html;
  const baseHref = readAttributes(BASE_TAG.exec(head)?.[0] ?? '').get('href');
  const base = baseHref !== undefined ? (resolveUrl(baseHref, baseUrl) ?? baseUrl) : baseUrl;
  const feeds: AdvertisedFeed[] = [];
  for (const tag of head.matchAll(LINK_TAG)) {
    const attrs = readAttributes(tag[0]);
    const rel = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (attrs.get('type') ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
    const href = attrs.get('href');
    if (!rel.includes('alternate') || !FEED_TYPES.has(type) || href === undefined) continue;
    // Without any base a relative href is still more useful to the user than nothing.
    const url = resolveUrl(href, base) ?? href;
    if (!feeds.some((feed) => feed.url === url)) feeds.push({ url, type, title: attrs.get('title')?.trim() || null });
  }
  return feeds;
}

/**
 * The feed an HTML page advertises with `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">`,
 * absolute against the page's `<base href>` or `baseUrl`; null when there is none. RSS is
 * preferred over Atom over JSON only by document order (the page's own first choice).
 */
export function findAdvertisedFeed(html: string, baseUrl: string | null): string | null {
  return findAdvertisedFeeds(html, baseUrl)[0]?.url ?? null;
}

/** Attributes of one tag (at most a few KB, see LINK_TAG), names lower-cased, values unquoted and decoded. */
function readAttributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const a of tag.matchAll(ATTRIBUTE)) attrs.set((a[1] ?? '').toLowerCase(), decodeEntities(unquote(a[2] ?? '')));
  return attrs;
}

function unquote(value: string): string {
  const first = value[0];
  return (first === '"' || first === "'") && value.endsWith(first) ? value.slice(1, -1) : value;
}
