import { Parser } from 'htmlparser2';
import { isFastElement, type FastElement, type FastNode } from './fast-tree.js';
import { LiteDocument, type LiteElement, type LiteNode, type LiteParentNode } from './lite-dom.js';
import { isPlainSubtree, prunedPageMarkup, type PrunedPage } from './build-dom.js';

/**
 * Parses markup into the small DOM the way linkedom parsed it (htmlparser2, entities decoded, attribute names
 * as written, one text node per text event: a decoded entity is a text node of its own), so a page gives the
 * tree it gave on linkedom.
 */
export function parseLiteDocument(html: string): LiteDocument {
  const doc = new LiteDocument(parseLiteFragment);
  parseInto(doc, doc, html);
  return doc;
}

/** Parses markup into detached nodes of `doc` (the `innerHTML` setter; Readability restores a page with it). */
export function parseLiteFragment(doc: LiteDocument, html: string): LiteNode[] {
  const holder = doc.createElement('template');
  parseInto(doc, holder, html);
  const nodes = [...holder.childNodes];
  holder.replaceChildren();
  return nodes;
}

/**
 * The pruned page as a document: `<html><head><title>` and the pruned body, built straight from htmlparser2's
 * tree (no markup in between, ~half the cost). The tree is the one the page's markup would parse into:
 * consecutive text reads as one run, cut where the parser cuts it (every character the serialiser writes as an
 * entity becomes its own node; Readability drops a paragraph's trailing NBSP node, so this shows). Trees where
 * markup and direct building could disagree (see `isPlainSubtree`) are serialised and parsed instead.
 */
export function buildLiteDocument(page: PrunedPage): LiteDocument {
  const body = page.body;
  if (!isFastElement(body) || !isPlainSubtree(body)) return parseLiteDocument(prunedPageMarkup(page));
  const doc = new LiteDocument(parseLiteFragment);
  const html = doc.appendChild(doc.createElement('html'));
  const head = html.appendChild(doc.createElement('head'));
  const title = head.appendChild(doc.createElement('title'));
  if (page.title !== null && page.title !== '') title.appendChild(doc.createTextNode(page.title));
  const bodyEl = html.appendChild(doc.createElement('body'));
  for (const name of Object.keys(body.attribs)) bodyEl.appendParsedAttribute(name, body.attribs[name] as string);
  appendChildren(doc, bodyEl, body.children as FastNode[]);
  return doc;
}

function parseInto(doc: LiteDocument, root: LiteParentNode, html: string): void {
  let node: LiteParentNode = root;
  const parser = new Parser(
    {
      onopentag(name: string, attribs: Record<string, string>) {
        const el = doc.createElement(name);
        for (const key of Object.keys(attribs)) el.appendParsedAttribute(key, attribs[key] as string);
        node.appendChild(el);
        node = el;
      },
      onclosetag() {
        node = node.parentNode ?? root;
      },
      ontext(text: string) {
        node.appendChild(doc.createTextNode(text));
      },
      oncomment(data: string) {
        node.appendChild(doc.createComment(data));
      },
    },
    { lowerCaseAttributeNames: false, decodeEntities: true },
  );
  parser.write(html);
  parser.end();
}

function appendChildren(doc: LiteDocument, parent: LiteElement, children: FastNode[]): void {
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
      const el = parent.appendChild(doc.createElement(child.name));
      const attribs = (child as FastElement).attribs;
      for (const name of Object.keys(attribs)) el.appendParsedAttribute(name, attribs[name] as string);
      appendChildren(doc, el, child.children as FastNode[]);
    } else if (child.type === 'comment') {
      parent.appendChild(doc.createComment((child as { data: string }).data));
    }
  }
  if (text !== null) appendText(doc, parent, text);
}

// Characters the serialiser writes as entities; the parser hands each decoded entity over as its own text.
const ENTITY_CHAR_RE = /[&<>\u00A0]/g;

function appendText(doc: LiteDocument, parent: LiteElement, text: string): void {
  let start = 0;
  ENTITY_CHAR_RE.lastIndex = 0;
  for (let match = ENTITY_CHAR_RE.exec(text); match !== null; match = ENTITY_CHAR_RE.exec(text)) {
    if (match.index > start) parent.appendChild(doc.createTextNode(text.slice(start, match.index)));
    parent.appendChild(doc.createTextNode(match[0]));
    start = match.index + 1;
  }
  if (start < text.length) parent.appendChild(doc.createTextNode(text.slice(start)));
}
