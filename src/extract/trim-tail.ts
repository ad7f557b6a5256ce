import { isElement, type DomElement } from './dom/dom-types.js';
import type { NeitherMethodRule, TailAgreementRule } from './rules/removal-guard.js';
import { countWords, squashLettersDigits } from './text/normalize-text.js';
import { createOrderedSearch } from './text/ordered-search.js';

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

/**
 * The cascade's third merge: text blocks of Readability's body that neither independent method holds (not in the
 * content region's text, not in the dense block's) are what Readability alone took in: photo captions and credits
 * kept by its sibling step, "report an error" and "more news" lines, story lists beside the article. They are cut
 * when the dense block holds at least `minDenseShare` of the body's words (the methods found the same article)
 * and the cut is at most `maxCutShare` of them. Texts are squashed by squashForMatch; the dense block's is asked
 * for only when some block lies outside the region. Returns the words removed.
 */
export function trimOutsideBothMethods(root: DomElement, regionText: string, denseText: () => string, rule: NeitherMethodRule): number {
  const leaves: Array<{ el: DomElement; text: string }> = [];
  let anyOutside = false;
  // Blocks come in document order, as they mostly stand in both texts: each lookup goes on from the last match.
  let inRegion = createOrderedSearch(regionText);
  for (const el of leafBlocks(root)) {
    const text = squashForMatch(el.textContent ?? '');
    if (text.length === 0) continue;
    leaves.push({ el, text });
    if (!inRegion(text)) anyOutside = true;
  }
  // Most bodies lie inside the region: the dense block's text is read only when there is something to cut.
  if (!anyOutside) return 0;
  const inDense = createOrderedSearch(denseText());
  inRegion = createOrderedSearch(regionText);
  const outside: DomElement[] = [];
  let bodyWords = 0;
  let outsideWords = 0;
  let heldWords = 0;
  for (const { el, text } of leaves) {
    const words = countWords(el.textContent ?? '');
    bodyWords += words;
    if (inDense(text)) heldWords += words;
    else if (!inRegion(text)) {
      outside.push(el);
      outsideWords += words;
    }
  }
  if (outside.length === 0 || heldWords < bodyWords * rule.minDenseShare || outsideWords > bodyWords * rule.maxCutShare) return 0;
  for (const el of outside) removeWithEmptyParents(el, root);
  return outsideWords;
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
