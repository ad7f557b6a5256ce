import { WiredeskError } from '../errors/index.js';
import type { FeedItem, FeedWarning, ParsedFeed } from '../types/index.js';
import { assignKeys } from './assign-keys.js';
import { readAtom, readAtomEntryDocument } from './atom-adapter.js';
import { resolveUrl } from './canonical-url.js';
import { cleanText } from './clean-text.js';
import { decodeDocument } from './decode-document.js';
import { detectFormat } from './detect-format.js';
import { findAdvertisedFeed } from './find-feed-link.js';
import { isJsonFeed, readJsonFeed } from './json-feed-adapter.js';
import { normalizeItem, type NormalizeContext } from './normalize-item.js';
import { prepareXmlText } from './prepare-text.js';
import { readRss } from './rss-adapter.js';
import type { WireFeed } from './wire-types.js';
import { runSliced, type SliceOptions } from './run-sliced.js';
import { runToEnd, XmlLimitError } from './xml-scanner.js';
import { buildXmlTree, type XmlDocument } from './xml-tree.js';

/** What parseFeed needs besides the document. */
export interface ParseFeedOptions {
  /** HTTP Content-Type of the response (its charset is one of the decoding rules). */
  contentType?: string | null;
  /** URL the feed was fetched from: base for relative links when the feed gives none. */
  baseUrl?: string | null;
  /** When the feed was fetched: dates more than a day after it are clamped to it. */
  fetchedAt: Date;
}

/** Items normalized between two pauses. */
const ITEMS_PER_SLICE = 200;

/**
 * Parses an RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1 document into normalized items.
 * Bytes are decoded with `decodeBytes` (BOM, valid UTF-8, HTTP charset, XML declaration, sniffing);
 * a string is taken as already decoded. Malformed XML is repaired where a reader can tell what was
 * meant, each repair listed in `warnings`. Pure and synchronous: use `parseFeedInSlices` where the
 * caller must stay responsive (a crawler); the work and the result are the same.
 *
 * @throws WiredeskError `FEED_NOT_A_FEED` for HTML or other non-feed documents (with
 *   `details.feedUrl` when an HTML page advertises its feed) and `FEED_MALFORMED` when nothing
 *   readable is left (empty document, broken JSON) or the document is deeper or larger than any
 *   feed (`details.reason` `depth` or `elements`).
 */
export function parseFeed(input: Uint8Array | string, options: ParseFeedOptions): ParsedFeed {
  return runToEnd(parseFeedSteps(input, options));
}

/**
 * `parseFeed` in bounded slices: tokenizing, tree building and normalizing stop every few
 * milliseconds of work and await `pause()`, so one huge or hostile feed never holds the event loop
 * (timers, signals, other sources) for long. Pure: the caller supplies the pause.
 */
export function parseFeedInSlices(input: Uint8Array | string, options: ParseFeedOptions & SliceOptions): Promise<ParsedFeed> {
  return runSliced(parseFeedSteps(input, options), options, options.baseUrl ?? null);
}

function* parseFeedSteps(input: Uint8Array | string, options: ParseFeedOptions): Generator<void, ParsedFeed, void> {
  const baseUrl = options.baseUrl ?? null;
  const { text, encoding, encodingSource, warnings } = decodeDocument(input, options.contentType ?? null);
  yield;
  const wire = yield* readWire(text, baseUrl, warnings);
  const feedLink = resolveUrl(wire.link, wire.base ?? baseUrl);
  if (wire.incompleteItems > 0) {
    warnings.push({ code: 'FEED_TRUNCATED', message: `the document ends inside ${wire.incompleteItems} item(s); kept the ${wire.items.length} complete one(s)` });
  }
  if (wire.nestedItems > 0) {
    warnings.push({ code: 'FEED_NESTED_ITEM', message: `ignored ${wire.nestedItems} <item> element(s) nested inside another item` });
  }
  const language = wire.language === null ? null : cleanText(wire.language, 'text') || null;
  const context: NormalizeContext = { base: wire.base ?? feedLink ?? baseUrl, language, fetchedAt: options.fetchedAt, warnings };
  dropReusedGuidLinks(wire);
  const items: FeedItem[] = [];
  for (const [index, item] of wire.items.entries()) {
    items.push(normalizeItem(item, index, context));
    if (index % ITEMS_PER_SLICE === ITEMS_PER_SLICE - 1) yield;
  }
  const reusedGuids = assignKeys(items);
  if (reusedGuids > 0) {
    warnings.push({ code: 'FEED_GUID_REUSED', message: `${reusedGuids} items share a guid with another item; they are keyed by URL or content instead` });
  }
  return {
    feed: {
      format: wire.format,
      encoding,
      encodingSource,
      title: wire.title === null ? null : cleanText(wire.title, wire.titleKind) || null,
      link: feedLink,
      language,
      ttlMinutes: parseTtl(wire.ttl),
    },
    items,
    warnings,
  };
}

function* readWire(text: string, baseUrl: string | null, warnings: FeedWarning[]): Generator<void, WireFeed, void> {
  // \S never matches a BOM (JavaScript counts U+FEFF as white space), so `\uFEFF{` is seen as JSON here.
  const firstChar = /\S/.exec(text)?.[0];
  if (firstChar === undefined) throw new WiredeskError('FEED_MALFORMED', 'feeds: the document is empty', { url: baseUrl });
  if (firstChar === '{') return readJson(text, baseUrl);

  const prepared = prepareXmlText(text);
  warnings.push(...prepared.warnings);
  let doc: XmlDocument;
  try {
    doc = yield* buildXmlTree(prepared.text);
  } catch (error) {
    if (!(error instanceof XmlLimitError)) throw error;
    throw new WiredeskError('FEED_MALFORMED', `feeds: not a feed: ${error.message}`, { url: baseUrl, details: { reason: error.reason, limit: error.limit } });
  }
  const root = doc.root;
  if (root === null) throw new WiredeskError('FEED_MALFORMED', 'feeds: no XML element found in the document', { url: baseUrl });
  const kind = detectFormat(root);
  if (kind.kind === 'html') throw notAFeed(text, baseUrl, 'this is an HTML page, not a feed');
  if (kind.kind === 'unknown') throw notAFeed(text, baseUrl, `root element <${kind.name}> is not RSS, RDF or Atom`);
  addRepairWarnings(doc, warnings);
  if (kind.kind === 'atom-entry') return readAtomEntryDocument(root, kind.format, baseUrl);
  return kind.kind === 'rss' ? readRss(root, kind.format, baseUrl) : readAtom(root, kind.format, baseUrl);
}

function readJson(text: string, baseUrl: string | null): WireFeed {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (cause) {
    throw new WiredeskError('FEED_MALFORMED', `feeds: invalid JSON (${cause instanceof Error ? cause.message : String(cause)})`, { url: baseUrl, cause });
  }
  if (!isJsonFeed(value)) throw new WiredeskError('FEED_NOT_A_FEED', 'feeds: JSON document is not a JSON Feed (no version or items)', { url: baseUrl });
  return readJsonFeed(value);
}

/** FEED_NOT_A_FEED, naming the feed the document advertises (HTML fragments without `<html>` too). */
function notAFeed(text: string, baseUrl: string | null, reason: string): WiredeskError {
  const feedUrl = findAdvertisedFeed(text, baseUrl);
  const message = feedUrl === null ? `feeds: ${reason}` : `feeds: ${reason}; it advertises the feed ${feedUrl}`;
  return new WiredeskError('FEED_NOT_A_FEED', message, { url: baseUrl, details: feedUrl === null ? {} : { feedUrl } });
}

function addRepairWarnings(doc: XmlDocument, warnings: FeedWarning[]): void {
  const { bareAmpersands, htmlEntities } = doc.entityRepairs;
  if (bareAmpersands > 0) warnings.push({ code: 'XML_BARE_AMPERSAND', message: `kept ${bareAmpersands} bare "&" as literal text` });
  if (htmlEntities > 0) warnings.push({ code: 'XML_HTML_ENTITY', message: `decoded ${htmlEntities} HTML named entities XML does not define` });
  const prefixes = [...doc.undeclaredPrefixes].filter((p) => p !== '');
  if (prefixes.length > 0) warnings.push({ code: 'XML_UNDECLARED_PREFIX', message: `namespace prefix(es) used without declaration: ${prefixes.join(', ')}` });
  if (doc.misnested > 0) warnings.push({ code: 'XML_MISNESTED', message: `closed ${doc.misnested} element(s) left open inside a parent that ended` });
  if (doc.truncated) warnings.push({ code: 'XML_UNCLOSED', message: 'the document ended with elements still open (truncated?)' });
}

/** A guid shared by several items is no permalink for any of them (feeds stamping the site URL on every item). */
function dropReusedGuidLinks(wire: WireFeed): void {
  const counts = new Map<string, number>();
  for (const item of wire.items) if (item.guid !== null) counts.set(item.guid, (counts.get(item.guid) ?? 0) + 1);
  for (const item of wire.items) {
    if (item.linkFromGuid && item.guid !== null && (counts.get(item.guid) ?? 0) > 1) {
      item.link = null;
      item.linkFromGuid = false;
    }
  }
}

function parseTtl(ttl: string | null): number | null {
  if (ttl === null) return null;
  const minutes = Number.parseInt(ttl, 10);
  return Number.isFinite(minutes) && minutes > 0 ? minutes : null;
}
