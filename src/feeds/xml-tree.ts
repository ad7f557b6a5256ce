import { Parser } from 'htmlparser2';
import { decodeEntities, escapeXml, type EntityRepairs } from './decode-entities.js';
import { resolvePrefix, XHTML_NS, XML_NS } from './namespaces.js';

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

/** Deep documents are an attack or a bug, never a feed; deeper elements are kept but not descended into by readers. */
export const MAX_DEPTH = 256;

/**
 * Parses XML leniently with htmlparser2's tokenizer in XML mode: never throws on malformed input,
 * recovers from mismatched end tags and truncation, and resolves namespaces itself so that
 * undeclared prefixes still map to the vocabulary authors meant.
 */
export function parseXmlTree(text: string): XmlDocument {
  const doc: XmlDocument = {
    root: null,
    misnested: 0,
    truncated: false,
    undeclaredPrefixes: new Set(),
    entityRepairs: { bareAmpersands: 0, htmlEntities: 0 },
  };
  // A feed repeats a few dozen tag names thousands of times: split and lower-case each once.
  const names = new Map<string, { prefix: string; local: string }>();
  const splitName = (name: string): { prefix: string; local: string } => {
    let split = names.get(name);
    if (split === undefined) {
      const colon = name.indexOf(':');
      split = { prefix: colon === -1 ? '' : name.slice(0, colon), local: (colon === -1 ? name : name.slice(colon + 1)).toLowerCase() };
      names.set(name, split);
    }
    return split;
  };
  const nsStack: Array<Map<string, string>> = [new Map([['xml', XML_NS], ['', '']])];
  let current: XmlElement | null = null;
  let pendingText = '';
  let ended = false;
  let inCdata = false;
  // htmlparser2 reports a self-closing tag's end as "implied"; remembering the element opened last
  // tells `<item/>` apart from an element closed early by a mismatched parent end tag.
  let justOpened: XmlElement | null = null;

  const flushText = (): void => {
    if (pendingText === '') return;
    // Indentation between the elements of a feed's skeleton is never read; not keeping it saves a node
    // per line of a pretty-printed feed. Inside content (XHTML, embedded HTML) white space is kept.
    if (current !== null && !(STRUCTURAL.has(current.local) && isBlank(pendingText))) {
      current.children.push(decodeEntities(pendingText, doc.entityRepairs));
    }
    pendingText = '';
  };

  const parser = new Parser(
    {
      onopentag(name, rawAttrs) {
        flushText();
        // Attribute values are decoded in place: htmlparser2 hands over a fresh object per tag.
        let hasXmlns = false;
        for (const key in rawAttrs) {
          const value = rawAttrs[key] ?? '';
          if (value.indexOf('&') !== -1) rawAttrs[key] = decodeEntities(value, doc.entityRepairs);
          if (key.charCodeAt(0) === 120 /* x */ && (key === 'xmlns' || key.startsWith('xmlns:'))) hasXmlns = true;
        }
        const parentScope = nsStack[nsStack.length - 1] ?? new Map<string, string>();
        const scope = hasXmlns ? declareNamespaces(parentScope, rawAttrs) : parentScope;
        nsStack.push(scope);
        const { prefix, local } = splitName(name);
        let ns = scope.get(prefix);
        if (ns === undefined) {
          ns = resolvePrefix(prefix);
          doc.undeclaredPrefixes.add(prefix);
        }
        const element: XmlElement = { name, prefix, local, ns, attrs: rawAttrs, children: [], parent: current, complete: true };
        if (current !== null) current.children.push(element);
        else if (doc.root === null) doc.root = element;
        else return; // a second root: ignore it, the first one is the document
        current = element;
        justOpened = element;
      },
      onclosetag(_name, isImplied) {
        flushText();
        nsStack.pop();
        if (current === null) return;
        if (isImplied && (ended || current !== justOpened)) {
          if (ended) {
            current.complete = false;
            doc.truncated = true;
          } else {
            doc.misnested++;
          }
        }
        current = current.parent;
        justOpened = null;
      },
      ontext(data) {
        justOpened = null;
        // CDATA content is literal: no entity decoding.
        if (inCdata) current?.children.push(data);
        else pendingText += data;
      },
      oncdatastart() {
        flushText();
        inCdata = true;
      },
      oncdataend() {
        inCdata = false;
      },
      oncomment() {
        flushText();
      },
      onend() {
        flushText();
      },
    },
    { xmlMode: true, decodeEntities: false, recognizeCDATA: true, recognizeSelfClosing: true },
  );
  parser.write(text);
  ended = true;
  parser.end();
  return doc;
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


function declareNamespaces(parent: Map<string, string>, rawAttrs: Record<string, string>): Map<string, string> {
  let scope = parent;
  for (const key of Object.keys(rawAttrs)) {
    if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
    if (scope === parent) scope = new Map(parent);
    scope.set(key === 'xmlns' ? '' : key.slice(6), (rawAttrs[key] ?? '').trim());
  }
  return scope;
}
