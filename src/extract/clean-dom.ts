import { isElement, type DomElement, type DomNode } from './dom/dom-types.js';
import type { LineMatcher } from './text/line-matcher.js';
import { normalizeInline } from './text/normalize-text.js';
import { countNonWhiteSpace } from './text/tokens.js';
import { compileSelectors, domTarget, matchingSelectors } from './rules/compile-selector.js';
import { MAX_BOILERPLATE_LINE, PROTECTED_TAGS } from './rules/boilerplate-rules.js';
import { applySelectorBudget, CONTENT_REGION_RULE, isLinkDense, isNameEvidence, mayRemoveInside, type GuardedNode, type InsideMatch } from './rules/removal-guard.js';

/**
 * Removes every element matching `selectors` under `root`, except elements holding more than `maxShare` of the
 * root's text: a class like `comment-wrapper` on the whole content column must not delete the article.
 * Simple selectors run as compiled predicates in one tree walk; others go through the DOM's selector engine.
 * Invalid selectors (site config typos) are skipped one by one instead of failing the page.
 */
export function removeMatching(root: DomElement, selectors: readonly string[], maxShare = 0.4): number {
  const total = textLength(root);
  let removed = 0;
  visitMatches(root, selectors, (el) => {
    if (total > 0 && maxShare < 1 && textLength(el) > total * maxShare) return false;
    el.remove();
    removed++;
    return true;
  });
  return removed;
}

/**
 * True when `normalizeInline(raw)` is certainly longer than `limit`, judged from a prefix of `2 × limit`
 * characters: a prefix normalises to at most the whole's length plus an entity cut at its end (under 10
 * characters), so a prefix already past `limit + 16` settles it. False means "normalise it all and see". The
 * article's own containers hold all of its text, and each was normalised in full only to be found too long.
 */
export function isSurelyLongerThan(raw: string, limit: number): boolean {
  const prefix = 2 * limit;
  return raw.length > prefix && normalizeInline(raw.slice(0, prefix)).length > limit + 16;
}

/**
 * Removes leaf-ish blocks (paragraphs, list items, headings, short divs) whose whole text matches a line pattern,
 * so the sanitized HTML loses the same chrome as the text.
 */
export function removeMatchingBlocks(root: DomElement, patterns: LineMatcher): void {
  if (!patterns.active) return;
  const blocks = root.querySelectorAll('p, li, h1, h2, h3, h4, h5, h6, div, dd, dt, td, blockquote');
  for (let i = blocks.length - 1; i >= 0; i--) {
    const el = blocks[i];
    if (el === undefined || el.parentNode === null) continue;
    const raw = el.textContent ?? '';
    if (isSurelyLongerThan(raw, MAX_BOILERPLATE_LINE)) continue;
    const text = normalizeInline(raw);
    if (text.length === 0 || text.length > MAX_BOILERPLATE_LINE) continue;
    if (patterns.test(text)) el.remove();
  }
}

/**
 * The post-clean inside an extracted article (`root` is the article): a match goes only when it is link-dense,
 * or small and not made of paragraphs, and the selector that matched it stays within its budget over the
 * whole article (REMOVAL_GUARD, the same rule as the pre-clean's inside the content region).
 */
export function removeMatchingInArticle(root: DomElement, selectors: readonly string[]): number {
  const articleText = textLength(root);
  const pending: Array<{ el: DomElement } & InsideMatch> = [];
  let removed = 0;
  visitMatches(root, selectors, (el, matched) => {
    if (matched.length === 0 || !matched.every(isNameEvidence)) {
      el.remove();
      removed++;
      return true;
    }
    const node = guardedNode(el);
    const removable = mayRemoveInside(node, articleText);
    pending.push({ el, text: node.text, paragraphs: node.paragraphs, selectors: matched, linkDense: isLinkDense(node), removable });
    return removable;
  });
  const allowed = applySelectorBudget(pending, articleText);
  pending.forEach((match, i) => {
    if (allowed[i] !== true || match.el.parentNode === null) return;
    match.el.remove();
    removed++;
  });
  return removed;
}

/**
 * Calls `visit` on each element matching `selectors` under `root` (never a protected tag), with the selectors
 * that match it; when `visit` returns true the element is taken and its subtree is not visited. Simple
 * selectors run as compiled predicates in one walk; others go through the DOM's selector engine, and an invalid
 * one (a site config typo) is skipped instead of failing the page.
 */
function visitMatches(root: DomElement, selectors: readonly string[], visit: (el: DomElement, matched: string[]) => boolean): void {
  const { tests, complex } = compileSelectors(selectors);
  const stack: DomElement[] = [];
  pushChildren(root, stack);
  while (stack.length > 0) {
    const el = stack.pop();
    if (el === undefined) break;
    const target = domTarget(el);
    if (!PROTECTED_TAGS.has(el.tagName.toUpperCase()) && tests.some((test) => test(target)) && visit(el, matchingSelectors(target, selectors))) continue;
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
      if (el !== undefined && el.parentNode !== null && !PROTECTED_TAGS.has(el.tagName.toUpperCase())) visit(el, [selector]);
    }
  }
}

// The guard's measures over a DOM element: text, link text, and paragraph-like blocks (the fast tree's rule, approximated).
function guardedNode(el: DomElement): GuardedNode {
  const text = textLength(el);
  // Most matches are empty slots (ads, buttons): no selector queries for them.
  if (text === 0) return { text, links: 0, paragraphs: 0 };
  let links = 0;
  const anchors = el.tagName.toUpperCase() === 'A' ? [el] : Array.from(el.querySelectorAll('a'));
  for (const a of anchors) links += textLength(a);
  let paragraphs = 0;
  if (text >= CONTENT_REGION_RULE.paragraphChars) {
    const blocks = el.querySelectorAll('p, li, blockquote, pre, dd');
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i];
      if (block !== undefined && textLength(block) >= CONTENT_REGION_RULE.paragraphChars) paragraphs++;
    }
  }
  if (paragraphs === 0 && text >= CONTENT_REGION_RULE.paragraphChars && /^(?:P|LI|BLOCKQUOTE|PRE|DD)$/.test(el.tagName.toUpperCase())) paragraphs = 1;
  return { text, links, paragraphs };
}

// Non-white-space characters under a node: the share guard's measure (the same as prune-tree's).
function textLength(node: DomNode): number {
  return countNonWhiteSpace(node.textContent ?? '');
}


// Pushes the child elements, last first. Through the sibling links where the DOM has them (all three engines
// do): reading `children` makes our DOM build and keep an array for every element of the article.
function pushChildren(el: DomElement, stack: DomElement[]): void {
  const linked = el as DomElement & { lastElementChild?: DomElement | null };
  if (linked.lastElementChild !== undefined) {
    for (let child = linked.lastElementChild; child !== null; child = (child as DomElement & { previousElementSibling: DomElement | null }).previousElementSibling) stack.push(child);
    return;
  }
  const children = el.children;
  for (let i = children.length - 1; i >= 0; i--) {
    const child = children[i];
    if (child !== undefined) stack.push(child);
  }
}

/**
 * Drops caption text that sits next to an image in a small container without telling class names
 * (`<div class="pic"><img><div>ISIL Leader Al-Baghdadi</div></div>`): the container's text is short and does
 * not end like a sentence. The image itself stays for the HTML. Limits are in CAPTION_RULE (rules file).
 */
export function removeImageCaptions(root: DomElement, rule: { maxChars: number; maxWords: number; maxImages: number }): void {
  const images = root.querySelectorAll('img, picture');
  // Bounded: a gallery of thousands of images is not worth quadratic caption hunting.
  for (let i = 0; i < Math.min(images.length, rule.maxImages); i++) {
    const img = images[i];
    if (img === undefined || img.parentNode === null) continue;
    let box: DomElement | null = null;
    for (let p: DomNode | null = img.parentNode; p !== null && p !== root && isElement(p); p = p.parentNode) {
      const raw = p.textContent ?? '';
      if (isSurelyLongerThan(raw, rule.maxChars) || normalizeInline(raw).length > rule.maxChars) break;
      if (p.querySelectorAll('img, picture').length > 1 && p !== img.parentNode) break;
      box = p;
    }
    if (box === null) continue;
    const text = normalizeInline(box.textContent ?? '');
    if (text.length === 0 || /[.!?…"”»]$/.test(text) || text.split(' ').length > rule.maxWords) continue;
    const children = Array.from(box.childNodes);
    for (const child of children) {
      if (isElement(child) && (child.tagName.toUpperCase() === 'IMG' || child.querySelector('img') !== null)) continue;
      child.remove();
    }
  }
}

/**
 * Removes a leading heading that repeats the article title. Readability does this only for Latin text (its
 * similarity test splits on ASCII `\W`), so Arabic or Cyrillic titles stayed in the body.
 */
export function removeTitleHeading(root: DomElement, title: string | null): void {
  if (title === null) return;
  const wanted = squashText(title);
  if (wanted.length === 0) return;
  const headings = root.querySelectorAll('h1, h2, h3');
  for (let i = 0; i < Math.min(headings.length, 3); i++) {
    const heading = headings[i];
    if (heading === undefined) continue;
    const raw = heading.textContent ?? '';
    const text = squashText(raw);
    const same = text === wanted || (wanted.includes(text) && text.length >= wanted.length * 0.8) || (text.includes(wanted) && wanted.length >= text.length * 0.8);
    // A reworded headline ("HS roundup: …" over "High School Roundup: …") still shares most of its words.
    if (text.length > 0 && (same || wordOverlap(raw, title) >= 0.6)) {
      heading.remove();
      return;
    }
  }
}

function wordOverlap(a: string, b: string): number {
  const words = (text: string): Set<string> => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const wa = words(a);
  const wb = words(b);
  if (wa.size === 0 || wb.size === 0) return 0;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / Math.max(wa.size, wb.size);
}

function squashText(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Removes link lists that Readability keeps inside the body ("More Great WIRED Stories", related headlines):
 * a `ul`/`ol` of at least two short items that is nearly all link text, and runs of two or more consecutive
 * paragraphs that are each nothing but one link. Limits are in LINK_LIST_RULE (rules file).
 */
export function removeLinkLists(root: DomElement, rule: { minLinkShare: number; maxItemChars: number }): void {
  const lists = root.querySelectorAll('ul, ol');
  for (let i = lists.length - 1; i >= 0; i--) {
    const list = lists[i];
    if (list === undefined || list.parentNode === null) continue;
    const items = list.querySelectorAll('li');
    if (items.length < 2) continue;
    const raw = list.textContent ?? '';
    if (isSurelyLongerThan(raw, rule.maxItemChars * items.length)) continue;
    const text = normalizeInline(raw);
    if (text.length === 0 || text.length / items.length > rule.maxItemChars) continue;
    if (linkTextLength(list) / text.length < rule.minLinkShare) continue;
    // The list's own title ("More from Gulf Wire", "Read Next") goes with it.
    const title = previousElement(list);
    if (title !== null && /^H[2-6]$/.test(title.tagName.toUpperCase()) && normalizeInline(title.textContent ?? '').length <= 80) title.remove();
    list.remove();
  }
  const paragraphs = Array.from(root.querySelectorAll('p'));
  let run: DomElement[] = [];
  const flush = (): void => {
    if (run.length >= 2) for (const p of run) p.remove();
    run = [];
  };
  for (const p of paragraphs) {
    const text = normalizeInline(p.textContent ?? '');
    const isLinkOnly = text.length > 0 && text.length <= rule.maxItemChars && linkTextLength(p) / text.length >= 0.95;
    if (!isLinkOnly) {
      flush();
      continue;
    }
    const previous = run[run.length - 1];
    if (previous !== undefined && !areNeighbours(previous, p)) flush();
    run.push(p);
  }
  flush();
}

function previousElement(el: DomElement): DomElement | null {
  const parent = el.parentNode;
  if (parent === null) return null;
  let previous: DomElement | null = null;
  const siblings = parent.childNodes;
  for (let i = 0; i < siblings.length; i++) {
    const node = siblings[i];
    if (node === el) return previous;
    if (node !== undefined && isElement(node)) previous = node;
    else if (node !== undefined && (node.textContent ?? '').trim() !== '') previous = null;
  }
  return null;
}

function linkTextLength(el: DomElement): number {
  const links = el.querySelectorAll('a');
  let total = 0;
  for (let i = 0; i < links.length; i++) total += normalizeInline(links[i]?.textContent ?? '').length;
  return total;
}

// Two paragraphs are neighbours when only white space separates them (adjacent siblings under one parent).
function areNeighbours(a: DomElement, b: DomElement): boolean {
  for (let node = a.nextSibling; node !== null; node = node.nextSibling) {
    if (node === b) return true;
    if (isElement(node) || (node.textContent ?? '').trim() !== '') return false;
  }
  return false;
}
