import type { FeedCategory, FeedFormat } from '../types/index.js';
import { WiredeskError } from '../errors/index.js';
import { ATOM_10_NS, CONTENT_NS, DC_NS, DCTERMS_NS, ITUNES_NS, MEDIA_NS, RSS_090_NS, RSS_10_NS, RSS_11_NS } from './namespaces.js';
import type { WireFeed, WireItem, WireMedia } from './wire-types.js';
import { attr, childElement, childElements, childText, childTexts, inNamespace, nonBlank, readMediaRss, xmlBase, xmlLang, type ElementTest } from './xml-query.js';
import { innerMarkup, textContent, type XmlElement } from './xml-tree.js';

/** Namespaces some RSS 2.0 feeds put their elements in (Userland's and Harvard's, both from the spec's history). */
const RSS_2_NAMESPACES = new Set(['http://backend.userland.com/rss2', 'http://blogs.law.harvard.edu/tech/rss', RSS_10_NS, RSS_090_NS, RSS_11_NS]);
/** RSS's own elements: unprefixed (whatever default namespace a feed declares) or in a namespace RSS was given. */
const isRss: ElementTest = (el) => el.prefix === '' || RSS_2_NAMESPACES.has(el.ns);
const isDc = inNamespace(DC_NS, DCTERMS_NS);
const isContent = inNamespace(CONTENT_NS);
const isAtom = inNamespace(ATOM_10_NS);
const isItunes = inNamespace(ITUNES_NS);
const isMedia = inNamespace(MEDIA_NS);
const FEEDBURNER_NS = 'http://rssnamespace.org/feedburner/ext/1.0';
const isFeedburner = inNamespace(FEEDBURNER_NS);
// Yandex.News feeds (common for Russian agencies) carry the article text in yandex:full-text.
const isYandex = inNamespace('http://news.yandex.ru');

/**
 * Reads RSS 0.9x/2.0 (`<rss><channel><item>`) and RDF-based RSS 0.90/1.0 (`<rdf:RDF>` with
 * `<item>` beside `<channel>`) into wire form. Items are taken from the channel and from the root,
 * because both layouts exist; items nested inside other items (an illegal, real pattern) are ignored.
 */
export function readRss(root: XmlElement, format: FeedFormat, documentBase: string | null): WireFeed {
  // A prefixed root (`<r:rss xmlns:r="…">`) names its own elements with that prefix.
  const own: ElementTest = root.prefix === '' ? isRss : (el) => isRss(el) || el.ns === root.ns;
  const channel = childElement(root, 'channel', own);
  // RSS 1.1 lists items inside `<items rdf:parseType="Collection">`.
  const collections = [root, ...(channel === null ? [] : [channel])].flatMap((parent) => childElements(parent, 'items', own));
  const { items: itemElements, ignored: nestedItems } = collectItems(
    [...(channel === null ? [] : childElements(channel, 'item', own)), ...childElements(root, 'item', own), ...collections.flatMap((c) => childElements(c, 'item', own))],
    own,
  );
  if (channel === null && root.local !== 'channel' && itemElements.length === 0) {
    throw new WiredeskError('FEED_MALFORMED', `feeds: root element <${root.name}> holds no channel and no items`, { url: documentBase, details: { root: root.name } });
  }
  const items: WireItem[] = [];
  let incompleteItems = 0;
  for (const element of itemElements) {
    if (!element.complete) {
      incompleteItems++;
      continue;
    }
    items.push(readItem(element, documentBase, own));
  }
  const meta = channel ?? root;
  return {
    format,
    title: childText(meta, 'title', own) ?? childText(meta, 'title', isDc),
    titleKind: 'maybe-html',
    link: channelLink(meta, own),
    base: xmlBase(meta, documentBase),
    language: childText(meta, 'language', own) ?? childText(meta, 'language', isDc) ?? xmlLang(meta),
    ttl: childText(meta, 'ttl', own),
    items,
    incompleteItems,
    nestedItems,
  };
}

/**
 * Items in document order. An `<item>` found inside another is an item whose predecessor lacked its
 * end tag when it has content of its own (kept), and template debris such as FeedBurner's empty
 * `<item />` when it has none (ignored and counted).
 */
function collectItems(top: XmlElement[], isRss: ElementTest): { items: XmlElement[]; ignored: number } {
  const items: XmlElement[] = [];
  let ignored = 0;
  const visit = (element: XmlElement, depth: number): void => {
    items.push(element);
    for (const nested of childElements(element, 'item', isRss)) {
      if (depth < 64 && nested.children.some((child) => typeof child !== 'string')) visit(nested, depth + 1);
      else ignored++;
    }
  };
  for (const element of top) visit(element, 0);
  return { items, ignored };
}

function channelLink(channel: XmlElement, isRss: ElementTest): string | null {
  const link = childText(channel, 'link', isRss);
  if (link !== null) return link;
  for (const atomLink of childElements(channel, 'link', isAtom)) {
    const rel = attr(atomLink, 'rel') ?? 'alternate';
    if (rel === 'alternate') return attr(atomLink, 'href');
  }
  return null;
}

function readItem(item: XmlElement, documentBase: string | null, isRss: ElementTest): WireItem {
  const guidElement = childElement(item, 'guid', isRss);
  const guid = guidElement === null ? null : nonBlank(textContent(guidElement));
  const about = attr(item, 'rdf:about');
  const description = childElement(item, 'description', isRss);
  const link = itemLink(item, about, isRss);
  const guidLink = link === null ? permalinkGuid(guidElement, guid) : null;
  const encoded = childElement(item, 'encoded', isContent) ?? childElement(item, 'full-text', isYandex);
  const summary = description === null ? null : nonBlank(innerMarkup(description));
  return {
    guid: guid ?? about ?? childText(item, 'identifier', isDc),
    link: link ?? guidLink,
    linkFromGuid: guidLink !== null,
    base: xmlBase(item, documentBase),
    // Podcast, Dublin Core and Media RSS stand in when the core element is missing.
    title: childText(item, 'title', isRss) ?? childText(item, 'title', isDc) ?? mediaText(item, 'title') ?? childText(item, 'title', isItunes),
    titleKind: 'maybe-html',
    summary: summary ?? childText(item, 'description', isDc) ?? childText(item, 'summary', isItunes) ?? childText(item, 'subtitle', isItunes) ?? mediaText(item, 'description'),
    // RSS 2.0: "entity-encoded HTML is allowed" in description; itunes:summary and dc:description are text but
    // often carry the same HTML, which stripping leaves intact as text.
    summaryKind: 'html',
    content: encoded === null ? null : nonBlank(innerMarkup(encoded)),
    authors: readAuthors(item, isRss),
    categories: readCategories(item, isRss),
    published: childText(item, 'pubdate', isRss) ?? childText(item, 'date', isDc) ?? childText(item, 'issued', isDc),
    updated: childText(item, 'modified', isDc) ?? childText(item, 'updated', isAtom),
    language: childText(item, 'language', isDc) ?? xmlLang(item),
    media: [...readEnclosures(item, isRss), ...readMediaRss(item)],
  };
}

/**
 * The article link: FeedBurner's `origLink` (the real URL behind its redirector) first, then
 * `<link>`, then an Atom link, then rdf:about. (A permalink guid is the last resort, see below.)
 */
function itemLink(item: XmlElement, about: string | null, isRss: ElementTest): string | null {
  const link = childText(item, 'origlink', isFeedburner) ?? childText(item, 'link', isRss);
  if (link !== null) return link;
  for (const atomLink of childElements(item, 'link', isAtom)) {
    const rel = attr(atomLink, 'rel') ?? 'alternate';
    if (rel === 'alternate') return attr(atomLink, 'href');
  }
  return about;
}

/** RSS 2.0: a guid is a permalink unless `isPermaLink="false"`; only http(s) values are links. */
function permalinkGuid(guidElement: XmlElement | null, guid: string | null): string | null {
  if (guidElement === null || guid === null || !/^https?:\/\//i.test(guid)) return null;
  const flag = (attr(guidElement, 'isPermaLink') ?? attr(guidElement, 'ispermalink'))?.toLowerCase();
  return flag === 'false' ? null : guid;
}

/** `<author>` and `dc:creator`; else `itunes:author`; else Atom `author` (name) inside the item. */
function readAuthors(item: XmlElement, isRss: ElementTest): string[] {
  const core = unique([...childTexts(item, 'author', isRss).map(authorName), ...childTexts(item, 'creator', isDc)]);
  if (core.length > 0) return core;
  const podcast = childTexts(item, 'author', isItunes);
  if (podcast.length > 0) return unique(podcast);
  return unique(childElements(item, 'author', isAtom).map((author) => childText(author, 'name', isAtom) ?? nonBlank(textContent(author))).filter((name) => name !== null));
}

/**
 * `<category>` and `dc:subject`; when there are none, `itunes:category` (its `text`, nested
 * subcategories included), `media:category` and Atom `category` (`term`) inside the item.
 */
function readCategories(item: XmlElement, isRss: ElementTest): FeedCategory[] {
  const out: FeedCategory[] = [];
  for (const category of childElements(item, 'category', isRss)) {
    const term = nonBlank(textContent(category));
    if (term !== null) out.push({ term, scheme: attr(category, 'domain') });
  }
  for (const subject of childTexts(item, 'subject', isDc)) out.push({ term: subject, scheme: null });
  if (out.length > 0) return out;
  for (const category of childElements(item, 'category', isItunes)) {
    for (const element of [category, ...childElements(category, 'category', isItunes)]) {
      const term = attr(element, 'text');
      if (term !== null) out.push({ term, scheme: 'itunes' });
    }
  }
  for (const category of childElements(item, 'category', isMedia)) {
    const term = nonBlank(textContent(category));
    if (term !== null) out.push({ term, scheme: attr(category, 'scheme') });
  }
  for (const category of childElements(item, 'category', isAtom)) {
    const term = attr(category, 'term') ?? nonBlank(textContent(category));
    if (term !== null) out.push({ term, scheme: attr(category, 'scheme') });
  }
  return out;
}

/** A Media RSS text element of the item, else of its `media:group` or first `media:content`. */
function mediaText(item: XmlElement, local: string): string | null {
  const own = childText(item, local, isMedia);
  if (own !== null) return own;
  for (const container of [...childElements(item, 'group', isMedia), ...childElements(item, 'content', isMedia)]) {
    const text = childText(container, local, isMedia) ?? mediaTextIn(container, local);
    if (text !== null) return text;
  }
  return null;
}

/** `media:content` inside a `media:group` carries its own title and description. */
function mediaTextIn(group: XmlElement, local: string): string | null {
  for (const content of childElements(group, 'content', isMedia)) {
    const text = childText(content, local, isMedia);
    if (text !== null) return text;
  }
  return null;
}

function readEnclosures(item: XmlElement, isRss: ElementTest): WireMedia[] {
  const out: WireMedia[] = [];
  for (const enclosure of childElements(item, 'enclosure', isRss)) {
    const url = attr(enclosure, 'url') ?? attr(enclosure, 'rdf:resource');
    if (url !== null) out.push({ url, type: attr(enclosure, 'type'), width: null, height: null });
  }
  return out;
}

/** RSS 2.0 `<author>` is `email (Name)`; the name is what readers want. */
function authorName(author: string): string {
  // The pattern backtracks over every '@': only author-sized strings are tried.
  if (author.length > 512) return author;
  const match = /^[^\s@]+@\S+\s*\((.+)\)$/.exec(author);
  return match?.[1]?.trim() ?? author;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
