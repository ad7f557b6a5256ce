import { isElement, type DomElement } from './dom/dom-types.js';
import type { TailAgreementRule } from './rules/removal-guard.js';
import { countWords, squashLettersDigits } from './text/normalize-text.js';

// Elements that hold a block of text of their own.
const TEXT_BLOCKS = 'p, li, dt, dd, h1, h2, h3, h4, h5, h6, blockquote, pre, td, th, figcaption, div, section, article, aside, footer, header, table, ul, ol, dl';

/**
 * The cascade's merge at the end of the article: Readability appends siblings of its top candidate, and the
 * last ones are often an author bio, a "more stories" box or a sign-up prompt. The density method's region
 * (content-region.ts) is an independent judgement of where the article is; the trailing text blocks of
 * Readability's body that the region does not hold are cut, when both agree on the rest (the region holds
 * at least `minRegionShare` of the body's words) and the cut is small (at most `maxTailShare` of the body's
 * words), so a page where the two methods disagree on the article keeps Readability's body whole.
 * `regionText` is the region's text squashed by squashForMatch. Returns the words removed.
 */
export function trimTailOutsideRegion(root: DomElement, regionText: string, regionWords: number, rule: TailAgreementRule): number {
  const bodyWords = countWords(root.textContent ?? '');
  if (bodyWords === 0 || regionWords < bodyWords * rule.minRegionShare) return 0;
  const leaves = leafBlocks(root);
  const tail: DomElement[] = [];
  let tailWords = 0;
  for (let i = leaves.length - 1; i >= 0; i--) {
    const el = leaves[i] as DomElement;
    const text = squashForMatch(el.textContent ?? '');
    if (text.length === 0) continue;
    if (regionText.includes(text)) break;
    tailWords += countWords(el.textContent ?? '');
    if (tailWords > bodyWords * rule.maxTailShare) return 0;
    tail.push(el);
    // Reaching the first block without a match means the two methods share nothing: keep Readability's body.
    if (i === 0) return 0;
  }
  for (const el of tail) removeWithEmptyParents(el, root);
  return tail.length === 0 ? 0 : tailWords;
}

/** The innermost text blocks under root (paragraphs, list items, headings, cells, and divs holding text directly), in document order. */
export function leafBlocks(root: DomElement): DomElement[] {
  const all = root.querySelectorAll(TEXT_BLOCKS);
  // In document order a block's descendants follow it at once: it is a leaf when the next block is not inside it.
  const leaves: DomElement[] = [];
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    if (el !== undefined && !isInside(all[i + 1], el, root)) leaves.push(el);
  }
  return leaves;
}

/** Lower-case letters and digits only: the form in which a block's text is looked up in the region's text. */
export function squashForMatch(text: string): string {
  return squashLettersDigits(text);
}

function isInside(node: DomElement | undefined, ancestor: DomElement, root: DomElement): boolean {
  for (let p = node?.parentNode ?? null; p !== null && p !== root; p = p.parentNode) if (p === ancestor) return true;
  return false;
}

/** Removes an element and then any ancestor (below root) left without text or media, so no empty wrappers stay. */
export function removeWithEmptyParents(el: DomElement, root: DomElement): void {
  let parent = el.parentNode;
  el.remove();
  while (parent !== null && parent !== root && isElement(parent) && (parent.textContent ?? '').trim() === '' && parent.querySelector('img, picture, video') === null) {
    const next: typeof parent.parentNode = parent.parentNode;
    parent.remove();
    parent = next;
  }
}
