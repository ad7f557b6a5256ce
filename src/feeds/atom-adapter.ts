import type { FeedCategory, FeedFormat } from '../types/index.js';
import { ATOM_03_NS, ATOM_10_NS, DC_NS } from './namespaces.js';
import type { WireFeed, WireItem, WireMedia } from './wire-types.js';
import { attr, childElement, childElements, childText, childTexts, inNamespace, nonBlank, readMediaRss, xmlBase, xmlLang, type ElementTest } from './xml-query.js';
import type { TextKind } from './clean-text.js';
import { escapeXml } from './decode-entities.js';
import { innerMarkup, textContent, type XmlElement } from './xml-tree.js';

/** Atom's elements: in either Atom namespace, or unprefixed without a namespace (a `<feed>` that forgot xmlns). */
const isAtom: ElementTest = (el) => el.ns === ATOM_10_NS || el.ns === ATOM_03_NS || (el.prefix === '' && el.ns === '');
const isDc = inNamespace(DC_NS);

/** Reads Atom 1.0 and 0.3 (`issued`/`modified`/`created`, `mode="escaped"` content) into wire form. */
export function readAtom(root: XmlElement, format: FeedFormat, documentBase: string | null): WireFeed {
  const items: WireItem[] = [];
  let incompleteItems = 0;
  // Read once: looking them up from every entry scanned the whole feed per entry (quadratic; found by fuzz:feeds).
  const feedAuthors = authorsOf(root);
  for (const entry of childElements(root, 'entry', isAtom)) {
    if (!entry.complete) {
      incompleteItems++;
      continue;
    }
    items.push(readEntry(entry, documentBase, feedAuthors));
  }
  const title = childElement(root, 'title', isAtom);
  return {
    format,
    title: title === null ? null : nonBlank(textConstruct(title)),
    titleKind: constructKind(title),
    link: alternateLink(root),
    base: xmlBase(root, documentBase),
    language: xmlLang(root) ?? childText(root, 'language', isDc),
    ttl: null,
    items,
    incompleteItems,
    nestedItems: 0,
  };
}

/** A lone `<entry>` document (RFC 4287 §4.1.2): a feed of that one entry, with no feed-level metadata. */
export function readAtomEntryDocument(entry: XmlElement, format: FeedFormat, documentBase: string | null): WireFeed {
  return {
    format,
    title: null,
    titleKind: 'text',
    link: null,
    base: xmlBase(entry, documentBase),
    language: xmlLang(entry),
    ttl: null,
    items: entry.complete ? [readEntry(entry, documentBase, [])] : [],
    incompleteItems: entry.complete ? 0 : 1,
    nestedItems: 0,
  };
}

function readEntry(entry: XmlElement, documentBase: string | null, feedAuthors: string[]): WireItem {
  const title = childElement(entry, 'title', isAtom);
  const summary = childElement(entry, 'summary', isAtom);
  const content = childElement(entry, 'content', isAtom);
  const source = childElement(entry, 'source', isAtom);
  return {
    guid: childText(entry, 'id', isAtom),
    link: alternateLink(entry),
    linkFromGuid: false,
    base: xmlBase(entry, documentBase),
    title: title === null ? null : nonBlank(textConstruct(title)),
    titleKind: constructKind(title),
    summary: summary === null ? null : nonBlank(textConstruct(summary)),
    summaryKind: constructKind(summary),
    content: content === null || attr(content, 'src') !== null ? null : contentMarkup(content),
    authors: readAuthors(entry, source, feedAuthors),
    categories: readCategories(entry),
    published: childText(entry, 'published', isAtom) ?? childText(entry, 'issued', isAtom) ?? childText(entry, 'created', isAtom),
    updated: childText(entry, 'updated', isAtom) ?? childText(entry, 'modified', isAtom),
    language: xmlLang(entry),
    media: [...readEnclosureLinks(entry), ...readMediaRss(entry)],
  };
}

/** `rel="alternate"` (the default rel) link, preferring an HTML one. */
function alternateLink(parent: XmlElement): string | null {
  let fallback: string | null = null;
  for (const link of childElements(parent, 'link', isAtom)) {
    const rel = attr(link, 'rel') ?? 'alternate';
    const href = attr(link, 'href') ?? nonBlank(textContent(link));
    if (rel !== 'alternate' || href === null) continue;
    const type = attr(link, 'type');
    if (type === null || type.includes('html')) return href;
    fallback ??= href;
  }
  return fallback;
}

/**
 * An Atom text construct as written: `xhtml` content is the inner markup of its `div`, `html` (and
 * Atom 0.3 `mode="escaped"`) is the decoded text, which is HTML, and `text` is the decoded text,
 * which is plain characters (RFC 4287 §3.1: `&lt;div&gt;` in it is the text "<div>").
 */
function textConstruct(element: XmlElement): string {
  if (isXhtml(element)) {
    const div = childElement(element, 'div', () => true);
    return div === null ? innerMarkup(element) : innerMarkup(div);
  }
  // A text construct with child elements is a publisher's mistake (unescaped HTML); its characters are read.
  return constructKind(element) === 'text' ? textContent(element) : innerMarkup(element);
}

/** RFC 4287 §3.1 `type` (default `text`), plus Atom 0.3's MIME types and `mode="escaped"`. */
function constructKind(element: XmlElement | null): TextKind {
  if (element === null) return 'text';
  const type = (attr(element, 'type') ?? '').toLowerCase();
  if (type === 'html' || type === 'xhtml' || type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === '' && element.ns === ATOM_03_NS && (attr(element, 'mode') ?? '').toLowerCase() === 'escaped') return 'html';
  return 'text';
}

function isXhtml(element: XmlElement): boolean {
  const type = (attr(element, 'type') ?? '').toLowerCase();
  return type === 'xhtml' || type === 'application/xhtml+xml';
}

/** Content as HTML: a `text` construct's characters are escaped, so `content` means markup for every format. */
function contentMarkup(content: XmlElement): string | null {
  const value = nonBlank(textConstruct(content));
  if (value === null || constructKind(content) === 'html') return value;
  // Only text types (`text`, `text/plain`); other MIME types (base64 media) are not article text.
  const type = (attr(content, 'type') ?? 'text').toLowerCase();
  return type === 'text' || type.startsWith('text/') ? escapeXml(value) : null;
}

function readAuthors(entry: XmlElement, source: XmlElement | null, feedAuthors: string[]): string[] {
  let names = authorsOf(entry);
  // RFC 4287 §4.2.1: an entry without authors inherits its source's (or the feed's) authors.
  if (names.length === 0 && source !== null) names = authorsOf(source);
  if (names.length === 0) names = [...feedAuthors];
  for (const creator of childTexts(entry, 'creator', isDc)) if (!names.includes(creator)) names.push(creator);
  return names;
}

/** Names of the `author` children of an entry, source or feed, each once. */
function authorsOf(parent: XmlElement): string[] {
  const names = new Set<string>();
  for (const author of childElements(parent, 'author', isAtom)) {
    const name = childText(author, 'name', isAtom) ?? nonBlank(textContent(author));
    if (name !== null) names.add(name);
  }
  return [...names];
}

function readCategories(entry: XmlElement): FeedCategory[] {
  const out: FeedCategory[] = [];
  for (const category of childElements(entry, 'category', isAtom)) {
    const term = attr(category, 'term') ?? attr(category, 'label') ?? nonBlank(textContent(category));
    if (term !== null) out.push({ term, scheme: attr(category, 'scheme') });
  }
  for (const subject of childTexts(entry, 'subject', isDc)) out.push({ term: subject, scheme: null });
  return out;
}

function readEnclosureLinks(entry: XmlElement): WireMedia[] {
  const out: WireMedia[] = [];
  for (const link of childElements(entry, 'link', isAtom)) {
    const href = attr(link, 'href');
    if (attr(link, 'rel') === 'enclosure' && href !== null) out.push({ url: href, type: attr(link, 'type'), width: null, height: null });
  }
  return out;
}
