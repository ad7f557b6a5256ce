import { fastOuterHtml, fastText, isFastElement, type FastDocument, type FastElement, type FastNode } from './dom/fast-tree.js';
import { CONTENT_REGION_RULE, DENSE_BLOCK_RULE } from './rules/removal-guard.js';
import { countWords } from './text/normalize-text.js';

/** What the removal guard and the density scorer read about one node of the fast tree. */
export interface FastNodeStats {
  /** Non-white-space characters of text under the node. */
  text: number;
  /** Of those, characters inside links. */
  links: number;
  /** Paragraph-like blocks under the node (inline text of at least CONTENT_REGION_RULE.paragraphChars, few links). */
  paragraphs: number;
  /** Text of paragraph-like blocks under the node (the density scorer's measure of body text). */
  paragraphText: number;
}

/** Stats of every element (and other non-text node) under a root and of the root, computed in one pass (see measureFastTree); text nodes have none. */
export type FastTreeStats = Map<FastNode | FastDocument, FastNodeStats>;

/** Where the article most likely is: its top element, siblings holding more of it, and the ancestors of both. */
export interface ContentRegion {
  /** The elements whose subtrees hold the article (the top candidate and its strong siblings). */
  roots: ReadonlySet<FastElement>;
  /** Ancestors of the roots: removing one would remove the article. */
  ancestors: ReadonlySet<FastElement | FastDocument>;
  /** Text characters under the roots together. */
  text: number;
}

const NO_CHILDREN: readonly FastNode[] = [];

// Elements that start a block of text: inline text below one of them belongs to it, not to its parent.
const BLOCKS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'ul', 'ol', 'dl', 'dt', 'dd', 'li', 'blockquote',
  'pre', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'address', 'form', 'fieldset',
  'details', 'summary', 'center', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'body', 'html', 'hr', 'br',
]);

/**
 * One post-order pass over the tree: text and link-text length of every node, and the paragraph-like blocks
 * under it. A block's "inline text" is the text not inside a nested block; a block whose inline text reaches
 * CONTENT_REGION_RULE.paragraphChars with under half of it in links counts as one paragraph.
 */
export function measureFastTree(root: FastDocument | FastElement): FastTreeStats {
  const stats: FastTreeStats = new Map();
  const inline = new Map<FastNode | FastDocument, number>();
  const inlineLinks = new Map<FastNode | FastDocument, number>();
  // Nodes and whether their children were pushed yet, as parallel stacks (no object per node). Text nodes are
  // read by their parent (they are inline text and no rule asks for their stats), so they get no entry.
  const stack: Array<FastNode | FastDocument> = [root];
  const expanded: boolean[] = [false];
  while (stack.length > 0) {
    const top = stack.length - 1;
    const node = stack[top] as FastNode | FastDocument;
    const children = 'children' in node ? (node.children as FastNode[]) : NO_CHILDREN;
    if (!expanded[top]) {
      expanded[top] = true;
      for (const child of children) {
        if (child.type === 'text') continue;
        stack.push(child);
        expanded.push(false);
      }
      continue;
    }
    stack.pop();
    expanded.pop();
    const isLink = isFastElement(node) && node.name === 'a';
    let text = 0;
    let links = 0;
    let paragraphs = 0;
    let paragraphText = 0;
    let ownInline = 0;
    let ownInlineLinks = 0;
    for (const child of children) {
      if (child.type === 'text') {
        const length = countNonSpace((child as { data: string }).data);
        text += length;
        ownInline += length;
        continue;
      }
      const s = stats.get(child);
      if (s === undefined) continue;
      text += s.text;
      links += s.links;
      paragraphs += s.paragraphs;
      paragraphText += s.paragraphText;
      const childIsBlock = isFastElement(child) && BLOCKS.has(child.name);
      if (!childIsBlock) {
        ownInline += inline.get(child) ?? 0;
        ownInlineLinks += inlineLinks.get(child) ?? 0;
      }
    }
    if (isLink) {
      links = text;
      ownInlineLinks = ownInline;
    }
    const isBlock = !isFastElement(node) || BLOCKS.has(node.name);
    if (isBlock && ownInline >= CONTENT_REGION_RULE.paragraphChars && ownInlineLinks < ownInline * 0.5) {
      paragraphs += 1;
      paragraphText += ownInline;
    }
    stats.set(node, { text, links, paragraphs, paragraphText });
    if (!isBlock) {
      inline.set(node, ownInline);
      inlineLinks.set(node, ownInlineLinks);
    }
  }
  return stats;
}

/**
 * Finds where the article is, independently of class names: the element whose subtree holds the most
 * paragraph text with few links, scored like Readability's candidates (a paragraph's text counts fully for
 * the element holding it directly, half for the next level up, and a third for the one above), less the share
 * of link text. Siblings of the winner holding at least CONTENT_REGION_RULE.siblingShare of its score join it
 * (articles split over "entry-content" and "entry-content-read-more"). Null when the page has no paragraph.
 */
export function findContentRegion(root: FastDocument | FastElement, stats: FastTreeStats): ContentRegion | null {
  const scores = new Map<FastElement, number>();
  const add = (el: FastElement | null, value: number): void => {
    if (el !== null) scores.set(el, (scores.get(el) ?? initialScore(el)) + value);
  };
  const stack: FastElement[] = childElements(root);
  while (stack.length > 0) {
    const el = stack.pop() as FastElement;
    const s = stats.get(el);
    if (s === undefined || s.paragraphs === 0) continue;
    const children = childElements(el);
    const ownParagraph = s.paragraphs - children.reduce((n, c) => n + (stats.get(c)?.paragraphs ?? 0), 0) > 0;
    if (ownParagraph) {
      const own = s.paragraphText - children.reduce((n, c) => n + (stats.get(c)?.paragraphText ?? 0), 0);
      const score = 1 + Math.min(own / 100, 3);
      const parent = parentElement(el);
      const grand = parent === null ? null : parentElement(parent);
      add(parent ?? el, score);
      add(grand, score / 2);
      add(grand === null ? null : parentElement(grand), score / 3);
    }
    for (const child of children) stack.push(child);
  }
  let best: FastElement | null = null;
  let bestScore = 0;
  for (const [el, raw] of scores) {
    const s = stats.get(el);
    if (s === undefined || s.text === 0) continue;
    const score = raw * (1 - s.links / s.text);
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  if (best === null) return null;
  const roots = new Set<FastElement>([best]);
  const parent = parentElement(best);
  if (parent !== null) {
    for (const sibling of childElements(parent)) {
      if (sibling === best) continue;
      const s = stats.get(sibling);
      const raw = scores.get(sibling) ?? 0;
      if (s !== undefined && s.text > 0 && raw * (1 - s.links / s.text) >= bestScore * CONTENT_REGION_RULE.siblingShare) roots.add(sibling);
    }
  }
  const ancestors = new Set<FastElement | FastDocument>();
  for (const el of roots) {
    for (let p = el.parent as FastElement | FastDocument | null; p !== null; p = (p as FastElement).parent as FastElement | FastDocument | null) {
      ancestors.add(p);
      if (p === root) break;
    }
  }
  let text = 0;
  for (const el of roots) text += stats.get(el)?.text ?? 0;
  return { roots, ancestors, text };
}

/**
 * A second, independent reading of where the article is (issue 13): the one element whose subtree holds the
 * most paragraph text net of everything else, i.e. the element maximising paragraph text − otherTextWeight ×
 * other text − linkWeight × link text (DENSE_BLOCK_RULE), summed over its subtree. Unlike findContentRegion it
 * does not decay a paragraph's score with distance, so an article split into many sections (buying guides,
 * listicles, FAQs, each section its own wrapper) is found whole as long as what sits between the sections is
 * small; class names play no part. On a tie the outer element wins (a wrapper holding the same text). Null
 * when the tree has no paragraph.
 */
export function findDenseBlock(root: FastDocument | FastElement, stats: FastTreeStats): FastElement | null {
  // Post-order over elements: an element's value is its children's plus what its own text adds.
  const order: FastElement[] = [];
  const stack: FastElement[] = childElements(root);
  while (stack.length > 0) {
    const el = stack.pop() as FastElement;
    order.push(el);
    for (const child of el.children as FastNode[]) if (isFastElement(child)) stack.push(child);
  }
  const value = new Map<FastElement, number>();
  let best: FastElement | null = null;
  let bestValue = 0;
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i] as FastElement;
    const s = stats.get(el);
    if (s === undefined) continue;
    let text = s.text;
    let paragraphText = s.paragraphText;
    let links = s.links;
    let v = 0;
    for (const child of el.children as FastNode[]) {
      if (!isFastElement(child)) continue;
      const c = stats.get(child);
      if (c === undefined) continue;
      text -= c.text;
      paragraphText -= c.paragraphText;
      links -= c.links;
      v += value.get(child) ?? 0;
    }
    v += paragraphText - DENSE_BLOCK_RULE.otherTextWeight * (text - paragraphText) - DENSE_BLOCK_RULE.linkWeight * links;
    value.set(el, v);
    // Descendants come first in this order, so `>=` lets the outer of two equal elements win.
    if (s.paragraphs > 0 && v >= bestValue) {
      best = el;
      bestValue = v;
    }
  }
  return best;
}

// Readability's starting score of a candidate: by tag, and ±25 by its class and id (class names are evidence
// here too, weighed against the paragraph text rather than deciding alone).
function initialScore(el: FastElement): number {
  const tag = TAG_WEIGHTS[el.name] ?? 0;
  const names = `${el.attribs['class'] ?? ''} ${el.attribs['id'] ?? ''}`;
  if (names.length <= 1) return tag;
  return tag + (CONTENT_REGION_RULE.negative.test(names) ? -25 : 0) + (CONTENT_REGION_RULE.positive.test(names) ? 25 : 0);
}

const TAG_WEIGHTS: Readonly<Record<string, number>> = {
  div: 5, pre: 3, td: 3, blockquote: 3, address: -3, ol: -3, ul: -3, dl: -3, dd: -3, dt: -3, li: -3, form: -3,
  h1: -5, h2: -5, h3: -5, h4: -5, h5: -5, h6: -5, th: -5,
};

/** Words under the region's roots as they stand now (after the pre-clean removed what it could inside them). */
export function countRegionWords(region: ContentRegion): number {
  let words = 0;
  for (const el of region.roots) if (el.parent !== null) words += countWords(fastText(el));
  return words;
}

/** The region's text as it stands now (roots in document order, text runs joined without separators). */
export function regionText(region: ContentRegion): string {
  let text = '';
  for (const el of region.roots) if (el.parent !== null) text += fastText(el);
  return text;
}

/** The region's roots' markup in document order, for the second opinion to read as a body. */
export function serializeRegion(region: ContentRegion): string {
  let html = '';
  for (const el of region.roots) if (el.parent !== null) html += fastOuterHtml(el);
  return html;
}

function childElements(node: FastDocument | FastElement): FastElement[] {
  const out: FastElement[] = [];
  for (const child of node.children as FastNode[]) if (isFastElement(child)) out.push(child);
  return out;
}

function parentElement(el: FastElement): FastElement | null {
  const parent = el.parent as FastNode | null;
  return parent !== null && isFastElement(parent) ? parent : null;
}

/** Characters of text other than white space (the unit of FastNodeStats.text). */
export function countNonSpace(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13 && c !== 12 && c !== 160) n++;
  }
  return n;
}
