import { DomUtils, Parser, type parseDocument as parseWithHtmlparser2 } from 'htmlparser2';
import { BoundedDomHandler, DEFAULT_TREE_LIMITS, type TreeLimits } from './bounded-handler.js';

/** htmlparser2's document (domhandler nodes: plain objects, cheap to walk). */
export type FastDocument = ReturnType<typeof parseWithHtmlparser2>;
/** Any node of the fast tree. */
export type FastNode = FastDocument['children'][number];
/** An element of the fast tree. */
export type FastElement = Extract<FastNode, { attribs: Record<string, string> }>;

/**
 * Parses markup with htmlparser2 into plain objects. Walking this tree costs microseconds where the same walk
 * over linkedom's DOM costs milliseconds, so metadata reading and the rule-based pre-clean happen here, and
 * only the pruned body goes on to the DOM that Readability needs.
 */
export function parseFastTree(html: string, limits: TreeLimits = DEFAULT_TREE_LIMITS): FastDocument {
  // Throws EXTRACT_FAILED (`nesting-too-deep`, `too-many-elements`) past the limits: see BoundedDomHandler.
  const handler = new BoundedDomHandler(limits);
  new Parser(handler, { decodeEntities: true }).end(html);
  return handler.root;
}

/** True for element nodes (script/style count as elements in domhandler). */
export function isFastElement(node: FastNode | FastDocument): node is FastElement {
  return 'attribs' in node && typeof (node as FastElement).name === 'string';
}

/** Child elements of a node. */
export function fastChildren(node: FastElement | FastDocument): FastElement[] {
  return (node.children as FastNode[]).filter(isFastElement);
}

/** Text of a subtree (entities already decoded). */
export function fastText(node: FastNode | FastDocument): string {
  return DomUtils.textContent(node as FastNode);
}

/** Serialises a subtree back to HTML. */
export function fastOuterHtml(node: FastNode | FastDocument): string {
  return DomUtils.getOuterHTML(node as FastNode, { decodeEntities: true, encodeEntities: 'utf8' });
}

/** Detaches a node from its parent. */
export function fastRemove(node: FastNode): void {
  DomUtils.removeElement(node);
}

/** The first element with the given tag name in document order, or null. */
export function findFirst(root: FastDocument | FastElement, name: string): FastElement | null {
  return DomUtils.findOne((el) => el.name === name, root.children as FastNode[], true) as FastElement | null;
}

/**
 * Flattens everything nested deeper than `maxDepth`: below that depth only text, `<br>` and `<img>` survive, as
 * direct children of the element at `maxDepth`. Readability's scoring and linkedom's text reads grow much faster
 * than linearly with nesting (2,000 nested divs took minutes); real pages stay far shallower (deepest of the
 * benchmark's 131 pages: 52), so this only changes pathological or hostile markup. Returns elements flattened.
 */
export function flattenBeyondDepth(root: FastDocument | FastElement, maxDepth: number): number {
  let flattened = 0;
  const stack: Array<{ el: FastDocument | FastElement; depth: number }> = [{ el: root, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    const children = item.el.children as FastNode[];
    if (item.depth >= maxDepth && children.some((c) => isFastElement(c) && c.children.length > 0)) {
      const leaves: FastNode[] = [];
      collectLeaves(children, leaves);
      flattened += children.length;
      relink(item.el, leaves);
      continue;
    }
    for (const child of children) if (isFastElement(child)) stack.push({ el: child, depth: item.depth + 1 });
  }
  return flattened;
}

function collectLeaves(nodes: FastNode[], out: FastNode[]): void {
  const stack: FastNode[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (isFastElement(node) && node.children.length > 0) {
      for (let i = node.children.length - 1; i >= 0; i--) {
        const child = node.children[i] as FastNode | undefined;
        if (child !== undefined) stack.push(child);
      }
    } else if (!isFastElement(node) || node.name === 'br' || node.name === 'img') {
      out.push(node);
    }
  }
}

/** Makes `children` the children of `parent`, in that order (parent and sibling links included). */
export function relink(parent: FastDocument | FastElement, children: FastNode[]): void {
  children.forEach((child, i) => {
    child.parent = parent as FastElement;
    child.prev = children[i - 1] ?? null;
    child.next = children[i + 1] ?? null;
  });
  (parent as { children: FastNode[] }).children = children;
}

/**
 * Drops attributes nothing downstream reads (styles, event handlers, data-*, tracking ids) before the subtree is
 * serialised for the DOM: less markup to parse, and linkedom never builds style declarations. Media elements keep
 * every attribute because Readability and the sanitizer look for lazy-loading sources in arbitrary data-*.
 */
export function stripUnusedAttributes(root: FastDocument | FastElement, keep: ReadonlySet<string>, mediaTags: ReadonlySet<string>): void {
  const stack: FastElement[] = fastChildren(root);
  while (stack.length > 0) {
    const el = stack.pop();
    if (el === undefined) break;
    if (!mediaTags.has(el.name)) {
      for (const name of Object.keys(el.attribs)) if (!keep.has(name)) delete el.attribs[name];
    }
    for (const child of el.children as FastNode[]) if (isFastElement(child)) stack.push(child);
  }
}

// Containers whose white-space-only children never render: text there is indentation between blocks.
const BLOCK_CONTAINERS = new Set([
  'html', 'head', 'body', 'div', 'section', 'article', 'main', 'header', 'footer', 'nav', 'aside', 'ul', 'ol', 'dl',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'form', 'fieldset', 'figure', 'blockquote', 'details', 'picture', 'video', 'select',
]);
const BLOCK_ELEMENTS = new Set([...BLOCK_CONTAINERS, 'p', 'li', 'dt', 'dd', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'hr', 'figcaption', 'caption', 'address', 'br']);

/**
 * Removes white-space-only text between block elements (indentation). Each DOM node costs linkedom a
 * constructor and a WeakMap entry, and typical markup has about as many indentation nodes as elements.
 * White space next to inline elements is kept: it separates words.
 */
export function dropIndentation(root: FastDocument | FastElement): void {
  const stack: Array<FastDocument | FastElement> = [root];
  while (stack.length > 0) {
    const parent = stack.pop();
    if (parent === undefined) break;
    const children = parent.children as FastNode[];
    const isContainer = 'name' in parent ? BLOCK_CONTAINERS.has(parent.name) : true;
    let kept: FastNode[] | null = null;
    for (let i = 0; i < children.length; i++) {
      const node = children[i] as FastNode;
      if (isContainer && node.type === 'text' && !/\S/.test((node as { data: string }).data)) {
        const prev = children[i - 1];
        const next = children[i + 1];
        const blockish = (n: FastNode | undefined): boolean => n === undefined || (isFastElement(n) && BLOCK_ELEMENTS.has(n.name));
        if (blockish(prev) && blockish(next)) {
          kept ??= children.slice(0, i);
          continue;
        }
      }
      kept?.push(node);
      if (isFastElement(node) && node.name !== 'pre' && node.name !== 'textarea') stack.push(node);
    }
    if (kept !== null) relink(parent, kept);
  }
}
