import { decodeEntities, escapeXml, type EntityRepairs } from './decode-entities.js';
import { XHTML_NS } from './namespaces.js';
import { runToEnd, scanXml, type XmlHandler, type XmlLimits } from './xml-scanner.js';

/** One element of the lenient XML tree. Children are elements or decoded text (CDATA kept verbatim). */
export interface XmlElement {
  /** Qualified name as written (`media:content`). */
  name: string;
  prefix: string;
  /** Local name, lower-cased: feeds in the wild write `pubdate`, `pubDate` and `PubDate`. */
  local: string;
  /** Resolved namespace URI, '' for none. */
  ns: string;
  /** Attribute values with references decoded, keyed by the name as written. */
  attrs: Record<string, string>;
  children: XmlNode[];
  parent: XmlElement | null;
  /** False when the document ended before this element's end tag (a truncated feed). */
  complete: boolean;
}

/** A child node: an element or a run of text. */
export type XmlNode = XmlElement | string;

/** The parsed document plus what had to be repaired to read it. */
export interface XmlDocument {
  root: XmlElement | null;
  /** Elements implicitly closed because a parent's end tag came first. */
  misnested: number;
  /** True when the document ended with elements still open. */
  truncated: boolean;
  /** Prefixes used without an `xmlns:` declaration (resolved from the well-known table if possible). */
  undeclaredPrefixes: Set<string>;
  entityRepairs: EntityRepairs;
}

/** Readers do not descend below this depth (text and markup of deeper elements are not read). */
export const MAX_DEPTH = 256;

/** What a feed document may build; past either bound parsing stops with FEED_MALFORMED. */
export const FEED_XML_LIMITS: XmlLimits = {
  // Real feeds nest a few dozen levels (XHTML content included); 4,096 leaves room for unescaped HTML full of unclosed tags.
  maxDepth: 4096,
  // A 10 MiB feed of 1,000 items has about 50,000 elements.
  maxElements: 500_000,
};

/**
 * Parses XML leniently into a tree (see `scanXml`): never throws on malformed input, recovers from
 * mismatched end tags and truncation, and resolves namespaces itself so that undeclared prefixes
 * still map to the vocabulary authors meant. Yields between slices of input; throws
 * `XmlLimitError` past `limits`.
 */
export function* buildXmlTree(text: string, limits: XmlLimits = FEED_XML_LIMITS): Generator<void, XmlDocument, void> {
  let root: XmlElement | null = null;
  const repairs: EntityRepairs = { bareAmpersands: 0, htmlEntities: 0 };
  const handler: XmlHandler<XmlElement> = {
    open(tag, parent) {
      const element: XmlElement = { name: tag.name, prefix: tag.prefix, local: tag.local, ns: tag.ns, attrs: tag.attrs, children: [], parent, complete: true };
      if (parent === null) root = element;
      else parent.children.push(element);
      return element;
    },
    text(raw, cdata, parent) {
      if (parent === null) return;
      if (cdata) {
        parent.children.push(raw);
        return;
      }
      // Indentation between the elements of a feed's skeleton is never read; not keeping it saves a node
      // per line of a pretty-printed feed. Inside content (XHTML, embedded HTML) white space is kept.
      if (STRUCTURAL.has(parent.local) && isBlank(raw)) return;
      parent.children.push(decodeEntities(raw, repairs));
    },
    close(element, how) {
      if (how === 'end-of-input') element.complete = false;
    },
  };
  const report = yield* scanXml(text, handler, limits);
  // Attribute references were decoded (and counted) by the scanner, text references here.
  const entityRepairs = addRepairs(report.entityRepairs, repairs);
  return { root, misnested: report.misnested, truncated: report.truncated, undeclaredPrefixes: report.undeclaredPrefixes, entityRepairs };
}

/** Synchronous `buildXmlTree`. */
export function parseXmlTree(text: string, limits: XmlLimits = FEED_XML_LIMITS): XmlDocument {
  return runToEnd(buildXmlTree(text, limits));
}

function addRepairs(a: EntityRepairs, b: EntityRepairs): EntityRepairs {
  return { bareAmpersands: a.bareAmpersands + b.bareAmpersands, htmlEntities: a.htmlEntities + b.htmlEntities };
}

const STRUCTURAL = new Set(['rss', 'channel', 'item', 'entry', 'feed', 'rdf', 'image', 'textinput', 'items', 'seq', 'group']);

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return false;
  }
  return true;
}

/** Concatenated text of an element and its descendants (markup dropped). */
export function textContent(element: XmlElement): string {
  if (element.children.length === 1 && typeof element.children[0] === 'string') return element.children[0];
  const parts: string[] = [];
  const stack: Array<{ node: XmlElement; index: number }> = [{ node: element, index: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top === undefined) break;
    const child = top.node.children[top.index++];
    if (child === undefined) {
      stack.pop();
    } else if (typeof child === 'string') {
      parts.push(child);
    } else if (stack.length < MAX_DEPTH) {
      stack.push({ node: child, index: 0 });
    }
  }
  return parts.join('');
}

/**
 * The element's content as markup: the text itself when it has only text children (escaped HTML
 * or CDATA, the normal case), otherwise the children re-serialised (XHTML content, or HTML a
 * feed embedded without escaping it).
 */
export function innerMarkup(element: XmlElement): string {
  if (element.children.every((child) => typeof child === 'string')) return element.children.join('');
  return serializeChildren(element, 0);
}

function serializeChildren(element: XmlElement, depth: number): string {
  let out = '';
  for (const child of element.children) {
    if (typeof child === 'string') {
      out += escapeXml(child);
      continue;
    }
    if (depth >= MAX_DEPTH) continue;
    const name = child.prefix === '' || child.ns === XHTML_NS ? child.name.slice(child.prefix === '' ? 0 : child.prefix.length + 1) : child.name;
    let attrs = '';
    for (const [key, value] of Object.entries(child.attrs)) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
      attrs += ` ${key}="${escapeXml(value)}"`;
    }
    out += child.children.length === 0 ? `<${name}${attrs}/>` : `<${name}${attrs}>${serializeChildren(child, depth + 1)}</${name}>`;
  }
  return out;
}

