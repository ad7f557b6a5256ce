import { Readability } from '@mozilla/readability';
import { ELEMENT_NODE, TEXT_NODE, type DomElement, type DomNode } from './dom-types.js';
import { LiteParentNode } from './lite-dom.js';

/** linkedom's TreeWalker: one pass over the node's linked list, descendants in document order. */
interface TreeWalkerDocument {
  createTreeWalker(root: DomNode, whatToShow: number): { nextNode(): DomNode | null };
}
interface OwnedNode extends DomNode {
  readonly ownerDocument: TreeWalkerDocument | null;
  readonly localName?: string;
}
type GetAllNodesWithTag = (this: unknown, node: DomNode, tagNames: string[]) => ArrayLike<DomElement>;
const PROTOTYPE = Readability.prototype as unknown as {
  _getAllNodesWithTag: GetAllNodesWithTag;
  _getInnerText: (this: unknown, e: DomNode, normalizeSpaces?: boolean) => string;
  _fixRelativeUris: (this: unknown, articleContent: DomElement) => void;
};
const ORIGINAL_GET_ALL = PROTOTYPE._getAllNodesWithTag;
const ORIGINAL_INNER_TEXT = PROTOTYPE._getInnerText;
const ORIGINAL_FIX_URIS = PROTOTYPE._fixRelativeUris;
// NodeFilter.SHOW_ELEMENT
const SHOW_ELEMENT = 0x1;

/** One node's text as `_getInnerText` returns it, for the text it was computed from. */
interface InnerText {
  raw: string;
  trimmed: string;
  normalized: string | undefined;
}

/**
 * Readability with internal checks made cheap for our input (its output is unchanged; see each method).
 * Should a Readability release rename a method, that override is simply unused and the original runs.
 */
export class ReadabilityReader extends Readability<unknown> {
  // Per reader, so per extraction: keyed by node, checked against the node's current text on every read.
  private readonly innerTexts = new WeakMap<object, InnerText>();

  /**
   * Readability reads the trimmed, space-normalised text of the same nodes again and again (link density,
   * character counts and the conditional clean-up each ask for a node, its links and its children). The answer
   * is kept per node with the text it came from and recomputed when the node's text is no longer that string;
   * on our DOM an unchanged node returns the very same string, so the check costs a pointer comparison.
   */
  _getInnerText(e: DomNode, normalizeSpaces = true): string {
    const raw = e.textContent;
    if (typeof raw !== 'string') return (ORIGINAL_INNER_TEXT as (this: unknown, e: DomNode, n: boolean) => string).call(this, e, normalizeSpaces);
    let entry = this.innerTexts.get(e);
    if (entry === undefined || entry.raw !== raw) {
      entry = { raw, trimmed: raw.trim(), normalized: undefined };
      this.innerTexts.set(e, entry);
    }
    if (!normalizeSpaces) return entry.trimmed;
    entry.normalized ??= entry.trimmed.replace((this as unknown as { REGEXPS: { normalize: RegExp } }).REGEXPS.normalize, ' ');
    return entry.normalized;
  }

  /**
   * Readability's test, with the node's trimmed text read through `_getInnerText` (kept per node) instead of
   * trimming a fresh copy of its text each time: `_grabArticle` asks it of every div and section on each attempt.
   */
  _isElementWithoutContent(node: DomElement): boolean {
    if (node.nodeType !== ELEMENT_NODE || this._getInnerText(node, false).length !== 0) return false;
    const children = node.children.length;
    return children === 0 || children === node.getElementsByTagName('br').length + node.getElementsByTagName('hr').length;
  }

  /**
   * Readability resolves every link and media URL against the document's `baseURI`. Our DOM has none (null, as
   * linkedom's), so `new URL(uri, null)` throws for each one and the URL comes back unchanged: only the removal
   * of `javascript:` links changes anything, and that part is Readability's code as written. With a base URI
   * (linkedom or jsdom as engines) the original runs.
   */
  _fixRelativeUris(articleContent: DomElement): void {
    const self = this as unknown as { _doc: { baseURI: unknown; createTextNode(text: string): DomNode; createElement(name: string): DomElement & { appendChild(n: DomNode): void } } };
    if (self._doc.baseURI !== null) {
      ORIGINAL_FIX_URIS.call(this, articleContent);
      return;
    }
    const links = this._getAllNodesWithTag(articleContent, ['a']);
    for (let i = 0; i < links.length; i++) {
      const link = links[i] as DomElement & { firstChild: DomNode | null; parentNode: DomNode & { replaceChild(a: DomNode, b: DomNode): void } };
      const href = link.getAttribute('href');
      if (!href || href.indexOf('javascript:') !== 0) continue;
      // Readability's own handling: a text-only link becomes its text, any other keeps its children in a span.
      if (link.childNodes.length === 1 && link.childNodes[0]?.nodeType === TEXT_NODE) {
        link.parentNode.replaceChild(self._doc.createTextNode(link.textContent ?? ''), link);
      } else {
        const container = self._doc.createElement('span');
        while (link.firstChild) container.appendChild(link.firstChild);
        link.parentNode.replaceChild(container, link);
      }
    }
  }
  /**
   * `_isProbablyVisible` reads `node.style`, which makes linkedom build a CSS declaration object for every
   * node it visits (33,000 per 131 pages). Our markup reaches the DOM with `style` attributes stripped and hidden
   * elements already removed, so the style half of the test is always true; the attribute half is kept as
   * Readability wrote it.
   */
  _isProbablyVisible(node: DomElement): boolean {
    if (node.hasAttribute('hidden')) return false;
    if (!node.hasAttribute('aria-hidden') || node.getAttribute('aria-hidden') !== 'true') return true;
    return (node.getAttribute('class') ?? '').includes('fallback-image');
  }

  /**
   * Readability runs this on every node until it finds a byline, and reads the node's whole text first: on
   * `<html>` and `<body>` that is the page's text, over and over. The text is only needed once the cheap
   * attribute/class test has passed, so it is read last; the answer is the same.
   */
  _isValidByline(node: DomElement, matchString: string): boolean {
    const rel = node.getAttribute('rel');
    const itemprop = node.getAttribute('itemprop');
    const candidate = rel === 'author' || (itemprop !== null && itemprop.includes('author')) || (this as unknown as { REGEXPS: { byline: RegExp } }).REGEXPS.byline.test(matchString);
    if (!candidate) return false;
    const bylineLength = (node.textContent ?? '').trim().length;
    return bylineLength > 0 && bylineLength < 100;
  }

  /**
   * Readability asks `querySelectorAll("p,div,…")`; linkedom compiles that selector with css-select on every
   * call (a seventh of the extraction CPU). Matching tag names in one walk in document order gives the same
   * elements; the original runs on a DOM without `createTreeWalker`.
   */
  _getAllNodesWithTag(node: DomNode, tagNames: string[]): ArrayLike<DomElement> {
    if (node instanceof LiteParentNode) return node.getElementsByTagNames(new Set(tagNames.map((t) => t.toLowerCase()))) as unknown as DomElement[];
    const owned = node as OwnedNode;
    const doc = owned.ownerDocument ?? (node as unknown as TreeWalkerDocument);
    if (typeof doc.createTreeWalker !== 'function') return ORIGINAL_GET_ALL.call(this, node, tagNames);
    const wanted = tagNames.map((t) => t.toLowerCase());
    const out: DomElement[] = [];
    const walker = doc.createTreeWalker(node, SHOW_ELEMENT);
    for (let next = walker.nextNode(); next !== null; next = walker.nextNode()) {
      if (next.nodeType !== ELEMENT_NODE) continue;
      const name = ((next as OwnedNode).localName ?? '').toLowerCase();
      if (wanted.includes(name)) out.push(next as DomElement);
    }
    return out;
  }
}
