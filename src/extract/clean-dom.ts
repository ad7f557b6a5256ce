import { isElement, type DomElement, type DomNode } from './dom/dom-types.js';
import { normalizeInline } from './text/normalize-text.js';
import { compileSelectors, domTarget } from './rules/compile-selector.js';

/** Elements a rule may never remove: removing them would remove the page. */
const PROTECTED_TAGS = new Set(['HTML', 'BODY', 'MAIN', 'ARTICLE']);

/**
 * Removes every element matching `selectors` under `root`, except elements holding more than `maxShare` of the
 * root's text: a class like `comment-wrapper` on the whole content column must not delete the article.
 * Simple selectors run as compiled predicates in one tree walk; others go through the DOM's selector engine.
 * Invalid selectors (site config typos) are skipped one by one instead of failing the page.
 */
export function removeMatching(root: DomElement, selectors: readonly string[], maxShare = 0.4): number {
  const { tests, complex } = compileSelectors(selectors);
  const total = textLength(root);
  const tooBig = (el: DomElement): boolean => total > 0 && maxShare < 1 && textLength(el) > total * maxShare;
  let removed = 0;
  const stack: DomElement[] = [];
  pushChildren(root, stack);
  while (stack.length > 0) {
    const el = stack.pop();
    if (el === undefined) break;
    const target = domTarget(el);
    if (tests.some((test) => test(target)) && !PROTECTED_TAGS.has(el.tagName.toUpperCase()) && !tooBig(el)) {
      el.remove();
      removed++;
      continue;
    }
    pushChildren(el, stack);
  }
  for (const selector of complex) {
    let matches: ArrayLike<DomElement>;
    try {
      matches = root.querySelectorAll(selector);
    } catch {
      continue;
    }
    for (let i = 0; i < matches.length; i++) {
      const el = matches[i];
      if (el === undefined || el.parentNode === null || PROTECTED_TAGS.has(el.tagName.toUpperCase()) || tooBig(el)) continue;
      el.remove();
      removed++;
    }
  }
  return removed;
}

/**
 * Removes leaf-ish blocks (paragraphs, list items, headings, short divs) whose whole text matches a line pattern,
 * so the sanitized HTML loses the same chrome as the text.
 */
export function removeMatchingBlocks(root: DomElement, patterns: readonly RegExp[]): void {
  if (patterns.length === 0) return;
  const blocks = root.querySelectorAll('p, li, h1, h2, h3, h4, h5, h6, div, dd, dt, td, blockquote');
  for (let i = blocks.length - 1; i >= 0; i--) {
    const el = blocks[i];
    if (el === undefined || el.parentNode === null) continue;
    const text = normalizeInline(el.textContent ?? '');
    if (text.length === 0 || text.length > 300) continue;
    if (patterns.some((re) => re.test(text))) el.remove();
  }
}

/** Removes nodes of the given tag names (upper- or lower-case) under root. */
export function removeTags(root: DomElement, tags: readonly string[]): void {
  const list = root.querySelectorAll(tags.join(','));
  for (let i = list.length - 1; i >= 0; i--) list[i]?.remove();
}

/** Text length of a subtree without allocating its whole text twice. */
export function textLength(node: DomNode): number {
  return (node.textContent ?? '').replace(/\s+/g, '').length;
}

/** True when a node has an element ancestor with one of the tag names. */
export function hasAncestor(node: DomNode, tags: ReadonlySet<string>): boolean {
  for (let p = node.parentNode; p !== null; p = p.parentNode) if (isElement(p) && tags.has(p.tagName.toUpperCase())) return true;
  return false;
}

function pushChildren(el: DomElement, stack: DomElement[]): void {
  const children = el.children;
  for (let i = children.length - 1; i >= 0; i--) {
    const child = children[i];
    if (child !== undefined) stack.push(child);
  }
}
