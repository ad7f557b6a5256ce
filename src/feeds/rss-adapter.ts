import type { FeedCategory, FeedFormat } from '../types/index.js';
import { ATOM_10_NS, CONTENT_NS, DC_NS, DCTERMS_NS, RSS_090_NS, RSS_10_NS } from './namespaces.js';
import type { WireFeed, WireItem, WireMedia } from './wire-types.js';
import { attr, childElement, childElements, childText, childTexts, inNamespace, nonBlank, readMediaRss, xmlBase, xmlLang, type ElementTest } from './xml-query.js';
import { innerMarkup, textContent, type XmlElement } from './xml-tree.js';

/** RSS's own elements: unprefixed (whatever default namespace a feed declares) or in the RSS 1.0/0.90 namespaces. */
const isRss: ElementTest = (el) => el.prefix === '' || el.ns === RSS_10_NS || el.ns === RSS_090_NS;
const isDc = inNamespace(DC_NS, DCTERMS_NS);
const isContent = inNamespace(CONTENT_NS);
const isAtom = inNamespace(ATOM_10_NS);
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
  const channel = childElement(root, 'channel', isRss);
  const { items: itemElements, ignored: nestedItems } = collectItems([
    ...(channel === null ? [] : childElements(channel, 'item', isRss)),
    ...childElements(root, 'item', isRss),
  ]);
  const items: WireItem[] = [];
  let incompleteItems = 0;
  for (const element of itemElements) {
    if (!element.complete) {
      incompleteItems++;
      continue;
    }
    items.push(readItem(element, documentBase));
  }
  const meta = channel ?? root;
  return {
    format,
    title: childText(meta, 'title', isRss) ?? childText(meta, 'title', isDc),
    link: channelLink(meta),
    base: xmlBase(meta, documentBase),
    language: childText(meta, 'language', isRss) ?? childText(meta, 'language', isDc) ?? xmlLang(meta),
    ttl: childText(meta, 'ttl', isRss),
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
function collectItems(top: XmlElement[]): { items: XmlElement[]; ignored: number } {
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

function channelLink(channel: XmlElement): string | null {
  const link = childText(channel, 'link', isRss);
  if (link !== null) return link;
  for (const atomLink of childElements(channel, 'link', isAtom)) {
    const rel = attr(atomLink, 'rel') ?? 'alternate';
    if (rel === 'alternate') return attr(atomLink, 'href');
  }
  return null;
}

function readItem(item: XmlElement, documentBase: string | null): WireItem {
  const guidElement = childElement(item, 'guid', isRss);
  const guid = guidElement === null ? null : nonBlank(textContent(guidElement));
  const about = attr(item, 'rdf:about');
  const description = childElement(item, 'description', isRss);
  const link = itemLink(item, about);
  const guidLink = link === null ? permalinkGuid(guidElement, guid) : null;
  const encoded = childElement(item, 'encoded', isContent) ?? childElement(item, 'full-text', isYandex);
  return {
    guid: guid ?? about ?? childText(item, 'identifier', isDc),
    link: link ?? guidLink,
    linkFromGuid: guidLink !== null,
    base: xmlBase(item, documentBase),
    title: childText(item, 'title', isRss) ?? childText(item, 'title', isDc),
    summary: description === null ? null : nonBlank(innerMarkup(description)),
    content: encoded === null ? null : nonBlank(innerMarkup(encoded)),
    authors: unique([...childTexts(item, 'author', isRss).map(authorName), ...childTexts(item, 'creator', isDc)]),
    categories: readCategories(item),
    published: childText(item, 'pubdate', isRss) ?? childText(item, 'date', isDc) ?? childText(item, 'issued', isDc),
    updated: childText(item, 'modified', isDc) ?? childText(item, 'updated', isAtom),
    language: childText(item, 'language', isDc) ?? xmlLang(item),
    media: [...readEnclosures(item), ...readMediaRss(item)],
  };
}

/**
 * The article link: FeedBurner's `origLink` (the real URL behind its redirector) first, then
 * `<link>`, then an Atom link, then rdf:about. (A permalink guid is the last resort, see below.)
 */
function itemLink(item: XmlElement, about: string | null): string | null {
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

function readCategories(item: XmlElement): FeedCategory[] {
  const out: FeedCategory[] = [];
  for (const category of childElements(item, 'category', isRss)) {
    const term = nonBlank(textContent(category));
    if (term !== null) out.push({ term, scheme: attr(category, 'domain') });
  }
  for (const subject of childTexts(item, 'subject', isDc)) out.push({ term: subject, scheme: null });
  return out;
}

function readEnclosures(item: XmlElement): WireMedia[] {
  const out: WireMedia[] = [];
  for (const enclosure of childElements(item, 'enclosure', isRss)) {
    const url = attr(enclosure, 'url') ?? attr(enclosure, 'rdf:resource');
    if (url !== null) out.push({ url, type: attr(enclosure, 'type'), width: null, height: null });
  }
  return out;
}

/** RSS 2.0 `<author>` is `email (Name)`; the name is what readers want. */
function authorName(author: string): string {
  const match = /^\S+@\S+\s*\((.+)\)$/.exec(author);
  return match?.[1]?.trim() ?? author;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
