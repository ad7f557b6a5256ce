import { Tokenizer } from 'htmlparser2';
import { decodeEntities, type EntityRepairs } from './decode-entities.js';
import { resolvePrefix, XML_NS } from './namespaces.js';

/** A start tag as the scanner read it: namespace resolved, attribute references decoded. */
export interface XmlTag {
  /** Qualified name as written (`media:content`). */
  name: string;
  prefix: string;
  /** Local name, lower-cased: feeds in the wild write `pubdate`, `pubDate` and `PubDate`. */
  local: string;
  /** Resolved namespace URI, '' for none. */
  ns: string;
  /** Attribute values with references decoded, keyed by the name as written (frozen and shared when there are none). */
  attrs: Readonly<Record<string, string>>;
}

/** How an element ended. */
export type XmlCloseReason = 'end-tag' | 'self-closing' | 'parent-end-tag' | 'end-of-input';

/** Receives the document as events. `open` returns the caller's node for the element, handed back on close. */
export interface XmlHandler<T> {
  open(tag: XmlTag, parent: T | null): T;
  /** Raw text (references not decoded) or CDATA content (literal), in document order. */
  text(raw: string, cdata: boolean, parent: T | null): void;
  close(node: T, how: XmlCloseReason): void;
}

/** Bounds on what one document may build: deeper or larger input is an attack or a bug, never a feed. */
export interface XmlLimits {
  maxDepth: number;
  maxElements: number;
}

/** Repairs and oddities counted while scanning. */
export interface XmlScanReport {
  misnested: number;
  truncated: boolean;
  undeclaredPrefixes: Set<string>;
  entityRepairs: EntityRepairs;
  elements: number;
}

/** Thrown when a document exceeds `XmlLimits`; callers turn it into their module's typed error. */
export class XmlLimitError extends Error {
  constructor(
    readonly reason: 'depth' | 'elements',
    readonly limit: number,
  ) {
    super(reason === 'depth' ? `elements nested deeper than ${limit}` : `more than ${limit} elements`);
  }
}

/** Characters tokenized between two yields (at the next tag or text boundary): a few milliseconds of work on one core. */
export const SLICE_CHARS = 128 * 1024;

/** A tag name split once per document: names repeat thousands of times. `open` counts its open elements. */
interface TagName {
  name: string;
  prefix: string;
  local: string;
  open: number;
}

/**
 * Scans XML leniently with htmlparser2's tokenizer in XML mode, keeping the open-element stack
 * itself: htmlparser2's Parser grows its stack with `unshift` and searches it for every end tag,
 * which made 800,000 unclosed tags cost minutes (FACTS.md). Here an end tag looks its name up in a
 * count map, and closing pops, so every step is linear in the input. Mismatched end tags close the
 * elements opened inside the named one (counted as misnested); an end tag naming no open element is
 * ignored; elements still open at the end are closed as truncated. A second root and its subtree are
 * skipped. The generator yields after every `SLICE_CHARS` of input so a caller can give the event
 * loop a turn; `XmlLimitError` is thrown past `limits`.
 */
export function* scanXml<T>(text: string, handler: XmlHandler<T>, limits: XmlLimits): Generator<void, XmlScanReport, void> {
  const report: XmlScanReport = { misnested: 0, truncated: false, undeclaredPrefixes: new Set(), entityRepairs: { bareAmpersands: 0, htmlEntities: 0 }, elements: 0 };
  const tagNames = new Map<string, TagName>();
  // The open-element stack as parallel arrays (no object per element): node, name, prefixes it declared.
  const nodes: T[] = [];
  const openNames: TagName[] = [];
  const declared: Array<string[] | null> = [];
  // Prefix → URIs bound by the open elements, innermost last: lookup and unbinding cost O(1) at any depth
  // (copying a scope map per element was quadratic for thousands of nested declarations).
  const bindings = new Map<string, string[]>([['xml', [XML_NS]], ['', ['']]]);
  // One tag object, refilled per start tag: handlers copy what they keep.
  const tag: XmlTag = { name: '', prefix: '', local: '', ns: '', attrs: {} };
  let sawRoot = false;
  // Depth of a second root's subtree, which is skipped (the first root is the document).
  let skipping = 0;
  let pendingText = '';
  let tagName = '';
  let attrs: Record<string, string> = {};
  let attrName = '';
  let attrValue = '';

  // The tokenizer reads the whole text in one write and pauses itself every SLICE_CHARS: writing the
  // text in substrings instead costs 10-25 % (the tokenizer indexes into sliced strings).
  let sliceStart = 0;
  let paused = false;
  const maybePause = (index: number): void => {
    if (index - sliceStart < SLICE_CHARS) return;
    sliceStart = index;
    paused = true;
    tokenizer.pause();
  };
  const parent = (): T | null => (nodes.length === 0 ? null : (nodes[nodes.length - 1] as T));
  const flushText = (): void => {
    if (pendingText === '') return;
    if (skipping === 0) handler.text(pendingText, false, parent());
    pendingText = '';
  };
  const pop = (how: XmlCloseReason): void => {
    const node = nodes.pop();
    const name = openNames.pop();
    const prefixes = declared.pop();
    if (prefixes) for (const prefix of prefixes) bindings.get(prefix)?.pop();
    if (node === undefined || name === undefined) return;
    name.open--;
    handler.close(node, how);
  };
  const splitName = (name: string): TagName => {
    let split = tagNames.get(name);
    if (split === undefined) {
      const colon = name.indexOf(':');
      split = { name, prefix: colon === -1 ? '' : name.slice(0, colon), local: (colon === -1 ? name : name.slice(colon + 1)).toLowerCase(), open: 0 };
      tagNames.set(name, split);
    }
    return split;
  };
  const openTag = (selfClosing: boolean): void => {
    flushText();
    if (++report.elements > limits.maxElements) throw new XmlLimitError('elements', limits.maxElements);
    if (skipping > 0 || (nodes.length === 0 && sawRoot)) {
      if (!selfClosing) skipping++;
      return;
    }
    if (nodes.length >= limits.maxDepth) throw new XmlLimitError('depth', limits.maxDepth);
    sawRoot = true;
    const prefixes = hasNamespaceDeclaration(attrs) ? declareNamespaces(bindings, attrs) : null;
    const split = splitName(tagName);
    const bound = bindings.get(split.prefix);
    let ns = bound === undefined ? undefined : bound[bound.length - 1];
    if (ns === undefined) {
      ns = resolvePrefix(split.prefix);
      report.undeclaredPrefixes.add(split.prefix);
    }
    tag.name = split.name;
    tag.prefix = split.prefix;
    tag.local = split.local;
    tag.ns = ns;
    tag.attrs = attrs;
    const node = handler.open(tag, parent());
    if (selfClosing) {
      if (prefixes) for (const prefix of prefixes) bindings.get(prefix)?.pop();
      handler.close(node, 'self-closing');
      return;
    }
    nodes.push(node);
    openNames.push(split);
    declared.push(prefixes);
    split.open++;
  };

  const tokenizer = new Tokenizer(
    { xmlMode: true, decodeEntities: false },
    {
      onopentagname(start, end) {
        tagName = text.slice(start, end);
        attrs = NO_ATTRIBUTES;
      },
      onattribname(start, end) {
        attrName = text.slice(start, end);
        attrValue = '';
      },
      onattribdata(start, end) {
        attrValue += text.slice(start, end);
      },
      onattribentity() {
        // Not called with decodeEntities off: references stay in the raw value and are decoded below.
      },
      onattribend() {
        // Most elements have no attributes: they share one frozen empty object, and a map is made on the first one.
        if (attrs === NO_ATTRIBUTES) attrs = {};
        if (!Object.prototype.hasOwnProperty.call(attrs, attrName)) {
          attrs[attrName] = attrValue.indexOf('&') === -1 ? attrValue : decodeEntities(attrValue, report.entityRepairs);
        }
        attrValue = '';
      },
      onopentagend(end) {
        openTag(false);
        maybePause(end);
      },
      onselfclosingtag(end) {
        openTag(true);
        maybePause(end);
      },
      onclosetag(start, end) {
        flushText();
        maybePause(end);
        if (skipping > 0) {
          skipping--;
          return;
        }
        const name = tagNames.get(text.slice(start, end));
        if (name === undefined || name.open === 0) return; // an end tag for nothing open: ignored
        while (openNames.length > 0 && openNames[openNames.length - 1] !== name) {
          report.misnested++;
          pop('parent-end-tag');
        }
        pop('end-tag');
      },
      ontext(start, end) {
        pendingText += text.slice(start, end);
        maybePause(end);
      },
      ontextentity() {
        // Not called with decodeEntities off.
      },
      oncdata(start, end, offset) {
        flushText();
        if (skipping === 0) handler.text(text.slice(start, end - offset), true, parent());
      },
      oncomment() {
        flushText();
      },
      ondeclaration() {
        flushText();
      },
      onprocessinginstruction() {
        flushText();
      },
      onend() {
        flushText();
      },
    },
  );
  tokenizer.write(text);
  while (paused) {
    paused = false;
    yield;
    tokenizer.resume();
  }
  tokenizer.end();
  if (nodes.length > 0) report.truncated = true;
  while (nodes.length > 0) pop('end-of-input');
  return report;
}

const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Runs a slicing generator to completion synchronously. */
export function runToEnd<R>(steps: Generator<void, R, void>): R {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

function hasNamespaceDeclaration(attrs: Record<string, string>): boolean {
  for (const key in attrs) if (key.charCodeAt(0) === 120 /* x */ && (key === 'xmlns' || key.startsWith('xmlns:'))) return true;
  return false;
}

/** Binds the element's `xmlns` declarations; returns the prefixes bound, to unbind when it closes. */
function declareNamespaces(bindings: Map<string, string[]>, attrs: Record<string, string>): string[] {
  const prefixes: string[] = [];
  for (const key of Object.keys(attrs)) {
    if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
    const prefix = key === 'xmlns' ? '' : key.slice(6);
    let stack = bindings.get(prefix);
    if (stack === undefined) bindings.set(prefix, (stack = []));
    stack.push((attrs[key] ?? '').trim());
    prefixes.push(prefix);
  }
  return prefixes;
}
