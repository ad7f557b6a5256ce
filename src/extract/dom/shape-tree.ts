import { isFastElement, relink, type FastDocument, type FastElement, type FastNode } from './fast-tree.js';

// Elements the HTML spec's "in head" insertion mode keeps in <head>; anything else there ends the head.
const HEAD_CONTENT: ReadonlySet<string> = new Set(['base', 'basefont', 'bgsound', 'link', 'meta', 'title', 'style', 'script', 'noscript', 'template']);
const DOCUMENT_ELEMENTS: ReadonlySet<string> = new Set(['html', 'head', 'body']);

/**
 * Moves content to where a browser's tree builder puts it (HTML spec §13.2.6), for the cases htmlparser2 leaves
 * elsewhere and that lose pages their body:
 * - content before `<body>` that is not head content, inside `<head>` or straight under `<html>` (text, a `<div>`, a second `<html>` document pasted inside it)
 *   ends the head: it and everything after it in the head move to the start of `<body>` ("in head" → "after head");
 * - anything after `</body>` or `</html>` goes at the end of `<body>` ("after body" / "after after body");
 * - `<html>`, `<head>` and `<body>` tags inside the body are dropped, their content kept in place.
 * An unterminated `<title>` is left as it is: the spec and parse5 make the rest of the page title text too.
 * Works only on a document whose top level has `<html>` with a `<body>` child (prepareHtml makes sure of the
 * markup); otherwise the tree is left alone. Returns how many nodes moved or were unwrapped.
 */
export function shapeDocumentTree(document: FastDocument): number {
  const html = (document.children as FastNode[]).find((n): n is FastElement => isFastElement(n) && n.name === 'html');
  if (html === undefined) return 0;
  const body = (html.children as FastNode[]).find((n): n is FastElement => isFastElement(n) && n.name === 'body');
  if (body === undefined) return 0;
  let changed = 0;
  // Content straight under <html> before <body> (no <head> tag around it): what is not head content opens the body.
  const before = (html.children as FastNode[]).slice(0, (html.children as FastNode[]).indexOf(body));
  const early = before.filter((n) => !(isFastElement(n) && (n.name === 'head' || HEAD_CONTENT.has(n.name))) && (isFastElement(n) || (n.type === 'text' && /\S/.test((n as { data: string }).data))));
  if (early.length > 0) {
    relink(html, (html.children as FastNode[]).filter((n) => !early.includes(n)));
    relink(body, [...early, ...(body.children as FastNode[])]);
    changed += early.length;
  }
  const head = (html.children as FastNode[]).find((n): n is FastElement => isFastElement(n) && n.name === 'head');
  if (head !== undefined) {
    const children = head.children as FastNode[];
    const cut = children.findIndex((n) => (isFastElement(n) ? !HEAD_CONTENT.has(n.name) : n.type === 'text' && /\S/.test((n as { data: string }).data)));
    if (cut >= 0) {
      const moved = children.slice(cut);
      relink(head, children.slice(0, cut));
      relink(body, [...moved, ...(body.children as FastNode[])]);
      changed += moved.length;
    }
  }
  const strays: FastNode[] = [];
  const htmlChildren = html.children as FastNode[];
  strays.push(...htmlChildren.slice(htmlChildren.indexOf(body) + 1));
  const top = document.children as FastNode[];
  strays.push(...top.slice(top.indexOf(html) + 1).filter((n) => isFastElement(n) || n.type === 'text'));
  if (strays.length > 0) {
    relink(html, htmlChildren.slice(0, htmlChildren.indexOf(body) + 1));
    relink(document, top.slice(0, top.indexOf(html) + 1));
    relink(body, [...(body.children as FastNode[]), ...strays]);
    changed += strays.length;
  }
  return changed + unwrapDocumentElements(body);
}

// Replaces nested <html>/<head>/<body> elements under `root` by their children.
function unwrapDocumentElements(root: FastElement): number {
  let unwrapped = 0;
  const stack: FastElement[] = [root];
  while (stack.length > 0) {
    const parent = stack.pop() as FastElement;
    const children = parent.children as FastNode[];
    if (children.some((n) => isFastElement(n) && DOCUMENT_ELEMENTS.has(n.name))) {
      const flat: FastNode[] = [];
      const pending = [...children].reverse();
      while (pending.length > 0) {
        const node = pending.pop() as FastNode;
        if (isFastElement(node) && DOCUMENT_ELEMENTS.has(node.name)) {
          unwrapped++;
          for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i] as FastNode);
        } else {
          flat.push(node);
        }
      }
      relink(parent, flat);
    }
    for (const child of parent.children as FastNode[]) if (isFastElement(child)) stack.push(child);
  }
  return unwrapped;
}
