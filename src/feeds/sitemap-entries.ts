import { WiredeskError } from '../errors/index.js';
import { decodeEntities } from './decode-entities.js';
import { scanXml, type XmlHandler, type XmlLimits } from './xml-scanner.js';

/** One `<url>` (or `<sitemap>`) entry as written: raw strings, not yet resolved or parsed. */
export interface SitemapEntry {
  loc: string | null;
  lastmod: string | null;
  title: string | null;
  publicationDate: string | null;
  language: string | null;
  publication: string | null;
  keywords: string | null;
  genres: string | null;
  images: string[];
}

/** The entries of one sitemap document and what kind of document it is. */
export interface SitemapDocument {
  kind: 'urlset' | 'index';
  entries: SitemapEntry[];
  news: boolean;
  publication: string | null;
  truncated: boolean;
}

/** A step of the paths below an entry: the field its text fills, and the steps below it. */
interface PathNode {
  field: keyof SitemapEntry | null;
  children: Map<string, PathNode>;
}

/** Where a text value goes: the entry field a leaf element fills, by its path of local names below the entry. */
const FIELD_PATHS: ReadonlyArray<[string, keyof SitemapEntry]> = [
  ['loc', 'loc'],
  ['lastmod', 'lastmod'],
  ['news/title', 'title'],
  ['news/publication_date', 'publicationDate'],
  ['news/keywords', 'keywords'],
  ['news/genres', 'genres'],
  ['news/publication/name', 'publication'],
  ['news/publication/language', 'language'],
  ['image/loc', 'images'],
];

/** The entry's element itself: the root of the path tree. */
const ENTRY_NODE: PathNode = buildPathTree(FIELD_PATHS);
/** Leaf values longer than this are no URL, date or title: they are cut, so one entry cannot hold megabytes. */
const MAX_VALUE_CHARS = 8192;

/**
 * Reads sitemap entries in one streaming pass (no tree: a 50,000-URL file would be a million nodes).
 * Elements are matched by local name and position (`urlset/url/news/publication/name`), never by
 * namespace, so sitemaps with missing, old (0.84) or misspelled namespaces read the same. The root
 * decides the kind; anything but `urlset` or `sitemapindex` is SITEMAP_NOT_A_SITEMAP, more than
 * `maxUrls` entries SITEMAP_TOO_LARGE. Entries cut off by the end of the document are dropped.
 */
export function* readSitemapEntries(text: string, maxUrls: number, url: string | null): Generator<void, SitemapDocument, void> {
  const doc: SitemapDocument = { kind: 'urlset', entries: [], news: false, publication: null, truncated: false };
  // The path tree node of each open element below an entry (null off the known paths), by depth.
  const nodes: Array<PathNode | null> = [];
  let sawRoot = false;
  let entry: SitemapEntry | null = null;
  let field: keyof SitemapEntry | null = null;
  let value = '';
  const limits: XmlLimits = { maxDepth: 64, maxElements: maxUrls * 40 + 1000 };
  const handler: XmlHandler<number> = {
    open(tag, parent) {
      const depth = parent === null ? 0 : parent + 1;
      if (depth === 0) {
        sawRoot = true;
        doc.kind = rootKind(tag.local, tag.name, url);
      } else if (depth === 1 && (tag.local === 'url' || tag.local === 'sitemap')) {
        if (doc.entries.length >= maxUrls) {
          throw new WiredeskError('SITEMAP_TOO_LARGE', `sitemaps: more than ${maxUrls} entries in one file`, { url, details: { reason: 'entries', limit: maxUrls } });
        }
        entry = emptyEntry();
        nodes[1] = ENTRY_NODE;
      } else if (entry !== null && depth >= 2) {
        if (depth === 2 && tag.local === 'news') doc.news = true;
        const node = nodes[depth - 1]?.children.get(tag.local) ?? null;
        nodes[depth] = node;
        field = node?.field ?? null;
        value = '';
      }
      return depth;
    },
    text(raw, cdata) {
      if (field === null || value.length > MAX_VALUE_CHARS) return;
      value += cdata ? raw : decodeEntities(raw);
    },
    close(depth, how) {
      if (entry !== null && depth >= 2 && field !== null) {
        setField(entry, field, value.slice(0, MAX_VALUE_CHARS).trim());
        field = null;
      }
      if (depth === 1 && entry !== null) {
        if (how !== 'end-of-input') {
          doc.entries.push(entry);
          doc.publication ??= entry.publication;
        }
        entry = null;
      }
      if (how === 'end-of-input') doc.truncated = true;
    },
  };
  const report = yield* scanXml(text, handler, limits);
  if (!sawRoot) throw new WiredeskError('SITEMAP_MALFORMED', 'sitemaps: no XML element found in the document', { url, details: { reason: 'no-root' } });
  doc.truncated = report.truncated;
  return doc;
}

function rootKind(local: string, name: string, url: string | null): 'urlset' | 'index' {
  if (local === 'urlset') return 'urlset';
  if (local === 'sitemapindex') return 'index';
  const isFeed = local === 'rss' || local === 'feed' || local === 'rdf';
  const what = local === 'html' || local === 'head' || local === 'body' ? 'an HTML page' : isFeed ? `a feed (<${name}>)` : `an XML document with root <${name}>`;
  const hint = isFeed ? '; configure it with kind "feed"' : '';
  throw new WiredeskError('SITEMAP_NOT_A_SITEMAP', `sitemaps: this is ${what}, not a sitemap (<urlset> or <sitemapindex>)${hint}`, { url, details: { root: name } });
}

function buildPathTree(paths: ReadonlyArray<[string, keyof SitemapEntry]>): PathNode {
  const root: PathNode = { field: null, children: new Map() };
  for (const [path, field] of paths) {
    let node = root;
    for (const step of path.split('/')) {
      let next = node.children.get(step);
      if (next === undefined) node.children.set(step, (next = { field: null, children: new Map() }));
      node = next;
    }
    node.field = field;
  }
  return root;
}

function emptyEntry(): SitemapEntry {
  return { loc: null, lastmod: null, title: null, publicationDate: null, language: null, publication: null, keywords: null, genres: null, images: [] };
}

function setField(entry: SitemapEntry, field: keyof SitemapEntry, value: string): void {
  if (value === '') return;
  if (field === 'images') entry.images.push(value);
  else if (entry[field] === null) entry[field] = value;
}
