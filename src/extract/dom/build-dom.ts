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

// dom-serializer writes the text of these unescaped; htmlparser2 reads only some of them as raw text.
const UNESCAPED_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext', 'noscript', 'textarea', 'title']);
// An attribute name the tokenizer reads back as one name.
const PLAIN_NAME_RE = /^[^\s"'<>/=]+$/;

/**
 * False for the trees where building the DOM node by node and parsing the markup could disagree (an attribute
 * name the tokenizer would split, elements whose text is serialised unescaped): those go through markup.
 */
export function isPlainSubtree(root: FastElement): boolean {
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

function escapeTitle(title: string | null): string {
  return (title ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
