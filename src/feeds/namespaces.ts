/** The `xml:` prefix's fixed namespace (xml:base, xml:lang). */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** Atom 1.0 (RFC 4287). */
export const ATOM_10_NS = 'http://www.w3.org/2005/Atom';
/** Atom 0.3 (pre-RFC draft, still served by old blog engines). */
export const ATOM_03_NS = 'http://purl.org/atom/ns#';
/** RDF syntax: the root of RSS 0.90 and 1.0. */
export const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
/** RSS 1.0 elements. */
export const RSS_10_NS = 'http://purl.org/rss/1.0/';
/** RSS 1.1 (2005 draft): `<Channel>` root, items in an `rdf:parseType="Collection"` list. */
export const RSS_11_NS = 'http://purl.org/net/rss1.1#';
/** Netscape RSS 0.90 elements. */
export const RSS_090_NS = 'http://my.netscape.com/rdf/simple/0.9/';
/** `content:encoded`. */
export const CONTENT_NS = 'http://purl.org/rss/1.0/modules/content/';
/** Dublin Core elements (`dc:creator`, `dc:date`, `dc:subject`, `dc:language`). */
export const DC_NS = 'http://purl.org/dc/elements/1.1/';
/** Dublin Core terms (`dcterms:modified`). */
export const DCTERMS_NS = 'http://purl.org/dc/terms/';
/** Media RSS (`media:content`, `media:thumbnail`, `media:group`). */
export const MEDIA_NS = 'http://search.yahoo.com/mrss/';
/** iTunes podcast extensions. */
export const ITUNES_NS = 'http://www.itunes.com/dtds/podcast-1.0.dtd';
/** XHTML, for Atom `type="xhtml"` content. */
export const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/**
 * Prefixes as conventionally bound. Feeds regularly use `dc:`, `media:` or `content:` without
 * declaring them; readers (and the authors) assume these bindings, so an undeclared prefix is
 * resolved here (with a warning) instead of losing the element.
 */
const WELL_KNOWN_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['atom', ATOM_10_NS],
  ['atom10', ATOM_10_NS],
  ['a10', ATOM_10_NS],
  ['rdf', RDF_NS],
  ['content', CONTENT_NS],
  ['dc', DC_NS],
  ['dcterms', DCTERMS_NS],
  ['media', MEDIA_NS],
  ['itunes', ITUNES_NS],
  ['xhtml', XHTML_NS],
  ['sy', 'http://purl.org/rss/1.0/modules/syndication/'],
  ['slash', 'http://purl.org/rss/1.0/modules/slash/'],
  ['wfw', 'http://wellformedweb.org/CommentAPI/'],
  ['feedburner', 'http://rssnamespace.org/feedburner/ext/1.0'],
  ['georss', 'http://www.georss.org/georss'],
  ['news', 'http://www.google.com/schemas/sitemap-news/0.9'],
  ['image', 'http://www.google.com/schemas/sitemap-image/1.1'],
  ['geo', 'http://www.w3.org/2003/01/geo/wgs84_pos#'],
]);

/** Namespace for a prefix that was never declared: the well-known binding, else a stable placeholder. */
export function resolvePrefix(prefix: string): string {
  if (prefix === '') return '';
  return WELL_KNOWN_PREFIXES.get(prefix.toLowerCase()) ?? `urn:wiredesk:undeclared:${prefix}`;
}
