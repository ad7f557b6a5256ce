import type { FeedFormat } from '../types/index.js';
import { ATOM_03_NS, ATOM_10_NS, RSS_090_NS, RSS_10_NS, RSS_11_NS } from './namespaces.js';
import type { XmlElement } from './xml-tree.js';

/** What the root element says about the document. */
export type RootKind =
  | { kind: 'rss'; format: FeedFormat }
  | { kind: 'atom'; format: FeedFormat }
  /** A lone Atom entry document (RFC 4287 §4.1.2 allows one): read as a feed of that entry. */
  | { kind: 'atom-entry'; format: FeedFormat }
  | { kind: 'html' }
  | { kind: 'unknown'; name: string };

/**
 * Detects the format by root element and namespace, not by the `version` attribute (which is often
 * missing or wrong): `<rss>` (version picks 0.91/0.92/2.0, default 2.0; a prefix such as `<r:rss>` is
 * allowed), `<rdf:RDF>` with the RSS 1.0 or Netscape 0.90 namespace, RSS 1.1's `<Channel>`, `<feed>`
 * in the Atom 1.0 or 0.3 namespace (no namespace reads as 1.0), and a bare Atom `<entry>`.
 */
export function detectFormat(root: XmlElement): RootKind {
  if (root.ns === RSS_11_NS) return root.local === 'channel' ? { kind: 'rss', format: 'rss1.1' } : { kind: 'unknown', name: root.name };
  switch (root.local) {
    case 'rss':
      return { kind: 'rss', format: rssVersion(root.attrs['version']) };
    case 'rdf':
      return { kind: 'rss', format: hasChildIn(root, RSS_090_NS) && !hasChildIn(root, RSS_10_NS) ? 'rss0.90' : 'rss1.0' };
    case 'feed':
      return { kind: 'atom', format: root.ns === ATOM_03_NS || root.attrs['version'] === '0.3' ? 'atom0.3' : 'atom1.0' };
    case 'channel':
      // Userland's RSS 0.91 snippets and some CMS exports have `<channel>` as the root.
      return { kind: 'rss', format: 'rss0.91' };
    case 'entry':
      return root.ns === ATOM_10_NS || root.ns === ATOM_03_NS ? { kind: 'atom-entry', format: root.ns === ATOM_03_NS ? 'atom0.3' : 'atom1.0' } : { kind: 'unknown', name: root.name };
    case 'html':
    case 'body':
    case 'head':
      return { kind: 'html' };
    default:
      return root.ns === ATOM_10_NS ? { kind: 'atom', format: 'atom1.0' } : { kind: 'unknown', name: root.name };
  }
}

function rssVersion(version: string | undefined): FeedFormat {
  const v = (version ?? '').trim();
  if (v === '0.90') return 'rss0.90';
  if (v === '0.91') return 'rss0.91';
  if (v === '0.92' || v === '0.93' || v === '0.94') return 'rss0.92';
  return 'rss2.0';
}

function hasChildIn(root: XmlElement, ns: string): boolean {
  return root.children.some((child) => typeof child !== 'string' && child.ns === ns);
}
