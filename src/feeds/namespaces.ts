/** Namespace URIs the format adapters read. */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const ATOM_10_NS = 'http://www.w3.org/2005/Atom';
export const ATOM_03_NS = 'http://purl.org/atom/ns#';
export const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const RSS_10_NS = 'http://purl.org/rss/1.0/';
export const RSS_090_NS = 'http://my.netscape.com/rdf/simple/0.9/';
export const CONTENT_NS = 'http://purl.org/rss/1.0/modules/content/';
export const DC_NS = 'http://purl.org/dc/elements/1.1/';
export const DCTERMS_NS = 'http://purl.org/dc/terms/';
export const MEDIA_NS = 'http://search.yahoo.com/mrss/';
export const ITUNES_NS = 'http://www.itunes.com/dtds/podcast-1.0.dtd';
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
  ['geo', 'http://www.w3.org/2003/01/geo/wgs84_pos#'],
]);

/** Namespace for a prefix that was never declared: the well-known binding, else a stable placeholder. */
export function resolvePrefix(prefix: string): string {
  if (prefix === '') return '';
  return WELL_KNOWN_PREFIXES.get(prefix.toLowerCase()) ?? `urn:wiredesk:undeclared:${prefix}`;
}
