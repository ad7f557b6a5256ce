import { isFastElement, type FastDocument, type FastElement, type FastNode } from '../dom/fast-tree.js';

/** What the classifier reads from the whole page, before any boilerplate is pruned. */
export interface PageSignals {
  /** The page's visible text, a line per block, cut at `MAX_PAGE_TEXT` characters. */
  pageText: string;
  forms: number;
  passwordInputs: number;
}

/** Enough text to judge a wall; an article page's text past this only dilutes the share further. */
const MAX_PAGE_TEXT = 20_000;
// Text here is never what a visitor reads on the page.
const SKIPPED = new Set(['head', 'script', 'style', 'noscript', 'template', 'svg', 'select', 'option']);
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'button', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'label', 'li', 'main', 'nav',
  'ol', 'p', 'pre', 'section', 'summary', 'table', 'td', 'th', 'tr', 'ul',
]);

/**
 * Reads the page's visible text (a line per block, so sentences of a banner and of an article do not run
 * together) and counts its forms and password inputs, in one walk over the unpruned tree: the pre-clean
 * removes the very consent banners and login boxes the classifier looks for.
 */
export function readPageSignals(document: FastDocument): PageSignals {
  const parts: string[] = [];
  let length = 0;
  let forms = 0;
  let passwordInputs = 0;
  const stack: Array<FastNode | '\n'> = [...(document.children as FastNode[])].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node === '\n') {
      if (length < MAX_PAGE_TEXT) parts.push('\n');
      continue;
    }
    if (node.type === 'text') {
      const data = (node as { data: string }).data;
      if (length < MAX_PAGE_TEXT) {
        // White space between inline elements still separates their words.
        parts.push(/\S/.test(data) ? data : ' ');
        length += data.length;
      }
      continue;
    }
    if (!isFastElement(node)) continue;
    const el: FastElement = node;
    if (el.name === 'form') forms++;
    if (el.name === 'input' && (el.attribs['type'] ?? '').trim().toLowerCase() === 'password') passwordInputs++;
    if (SKIPPED.has(el.name) || el.attribs['hidden'] !== undefined || el.attribs['aria-hidden'] === 'true') continue;
    const block = BLOCKS.has(el.name);
    if (block) stack.push('\n');
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i] as FastNode);
    if (block) stack.push('\n');
  }
  const pageText = parts.join('').replace(/[ \t\r\f\u00a0]+/g, ' ').replace(/ ?\n[\s]*/g, '\n').trim();
  return { pageText, forms, passwordInputs };
}
