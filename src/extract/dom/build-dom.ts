import type { DomDocument, DomNode } from './dom-types.js';
import { fastOuterHtml, isFastElement, type FastDocument, type FastElement, type FastNode } from './fast-tree.js';

/** The pre-cleaned page on its way to the DOM: the page title and the pruned `<body>` (or the whole tree when it has none). */
export interface PrunedPage {
  title: string | null;
  body: FastElement | FastDocument;
}

/** The pruned page as markup: a title in `<head>` (Readability drops a heading that repeats it) and the body. */
export function prunedPageMarkup(page: PrunedPage): string {
  const title = escapeTitle(page.title);
  const inner = fastOuterHtml(page.body);
  return `<!DOCTYPE html><html><head><title>${title}</title></head>${isFastElement(page.body) ? inner : `<body>${inner}</body>`}</html>`;
}

/** What building needs from linkedom's document (all of it public DOM API). */
interface BuildDocument {
  readonly body: BuildElement | null;
  createElement(name: string): BuildElement;
  createTextNode(data: string): DomNode;
  createComment(data: string): DomNode;
}
interface BuildElement {
  setAttribute(name: string, value: string): void;
  appendChild(node: unknown): unknown;
}

/**
 * Builds the pruned body into `document` (parsed from `skeletonMarkup`) node by node, which costs about half of
 * serialising it and parsing the markup again (measured over 300 WCXB pages: 2.3 against 5.1 ms a page).
 * The result is the DOM the markup would give: linkedom's parser appends attributes so that `setAttribute` in
 * reverse order yields the same order, and text is cut into nodes where the parser would cut it: consecutive
 * text nodes read as one run, and every character the serialiser writes as an entity (`&`, `<`, `>`, NBSP)
 * comes back as a text node of its own (Readability drops a paragraph's trailing NBSP node, so this shows).
 * Returns false, having built nothing, for the trees where markup and direct building could disagree (an
 * attribute name the tokenizer would split, elements whose text is serialised unescaped); the caller then parses
 * the markup instead.
 */
export function buildPrunedBody(document: DomDocument, page: PrunedPage): boolean {
  const doc = document as unknown as BuildDocument;
  const body = page.body;
  if (!isFastElement(body) || doc.body === null || !isPlainSubtree(body)) return false;
  setAttributes(doc.body, body.attribs);
  appendChildren(doc, doc.body, body.children as FastNode[]);
  return true;
}

/** The skeleton the body is built into: the same head as `prunedPageMarkup`, an empty body. */
export function prunedPageSkeleton(page: PrunedPage): string {
  return `<!DOCTYPE html><html><head><title>${escapeTitle(page.title)}</title></head><body></body></html>`;
}

// dom-serializer writes the text of these unescaped; htmlparser2 reads only some of them as raw text.
const UNESCAPED_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext', 'noscript', 'textarea', 'title']);
// An attribute name the tokenizer reads back as one name.
const PLAIN_NAME_RE = /^[^\s"'<>/=]+$/;

function isPlainSubtree(root: FastElement): boolean {
  const stack: FastElement[] = [root];
  while (stack.length > 0) {
    const el = stack.pop();
    if (el === undefined) break;
    if (UNESCAPED_TEXT.has(el.name) || el.name.includes(':') || el.name === 'svg' || el.name === 'math') return false;
    for (const name in el.attribs) if (!PLAIN_NAME_RE.test(name)) return false;
    for (const child of el.children as FastNode[]) {
      if (isFastElement(child)) stack.push(child);
      else if (child.type !== 'text' && child.type !== 'comment') return false;
    }
  }
  return true;
}

function setAttributes(el: BuildElement, attribs: Record<string, string>): void {
  const names = Object.keys(attribs);
  for (let i = names.length - 1; i >= 0; i--) {
    const name = names[i] as string;
    el.setAttribute(name, attribs[name] as string);
  }
}

function appendChildren(doc: BuildDocument, parent: BuildElement, children: FastNode[]): void {
  let text: string | null = null;
  for (const child of children) {
    if (child.type === 'text') {
      text = (text ?? '') + (child as { data: string }).data;
      continue;
    }
    if (text !== null) {
      appendText(doc, parent, text);
      text = null;
    }
    if (isFastElement(child)) {
      const el = doc.createElement(child.name);
      setAttributes(el, child.attribs);
      parent.appendChild(el);
      appendChildren(doc, el, child.children as FastNode[]);
    } else if (child.type === 'comment') {
      parent.appendChild(doc.createComment((child as { data: string }).data));
    }
  }
  if (text !== null) appendText(doc, parent, text);
}

// Characters dom-serializer writes as entities; htmlparser2 hands each decoded entity to the DOM as its own text.
const ENTITY_CHAR_RE = /[&<>\u00A0]/g;

function appendText(doc: BuildDocument, parent: BuildElement, text: string): void {
  let start = 0;
  ENTITY_CHAR_RE.lastIndex = 0;
  for (let match = ENTITY_CHAR_RE.exec(text); match !== null; match = ENTITY_CHAR_RE.exec(text)) {
    if (match.index > start) parent.appendChild(doc.createTextNode(text.slice(start, match.index)));
    parent.appendChild(doc.createTextNode(match[0]));
    start = match.index + 1;
  }
  if (start < text.length) parent.appendChild(doc.createTextNode(text.slice(start)));
}

function escapeTitle(title: string | null): string {
  return (title ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
