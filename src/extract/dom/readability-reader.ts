import { Readability } from '@mozilla/readability';
import { ELEMENT_NODE, type DomElement, type DomNode } from './dom-types.js';
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
const ORIGINAL_GET_ALL = (Readability.prototype as unknown as { _getAllNodesWithTag: GetAllNodesWithTag })._getAllNodesWithTag;
// NodeFilter.SHOW_ELEMENT
const SHOW_ELEMENT = 0x1;

/**
 * Readability with internal checks made cheap for our input (its output is unchanged; see each method).
 * Should a Readability release rename a method, that override is simply unused and the original runs.
 */
export class ReadabilityReader extends Readability<unknown> {
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
