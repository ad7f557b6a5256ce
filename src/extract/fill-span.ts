import type { DomElement } from './dom/dom-types.js';
import type { SpanFillRule } from './rules/removal-guard.js';
import { leafBlocks, removeWithEmptyParents, squashForMatch } from './trim-tail.js';
import { countWords } from './text/normalize-text.js';

/**
 * The cascade's merge inside the article: Readability sometimes keeps one section of a long, sectioned page (a
 * buying guide, an FAQ, a listicle whose items sit in separate wrappers) and drops the sections around it. The
 * dense block (content-region.ts findDenseBlock), read and post-cleaned like a body, is `dense` here. When it
 * holds at least `minHeldShare` of Readability's text (`bodyText`), and the blocks between the body's first and
 * last full lines that are not Readability's add at least `minFillShare` of the body's words, the dense block is
 * the better body: Readability's article with its gaps filled. It is cut to that span (keeping Readability's
 * own blocks outside it), so nothing that only the dense block holds before the article's first line or after
 * its last (comments, story lists, footers) comes in. Returns true when `dense` was cut and should be used;
 * false leaves it untouched.
 */
export function fillSpanFromDense(dense: DomElement, bodyText: string, rule: SpanFillRule): boolean {
  const ends = spanEnds(bodyText, rule);
  if (ends === null) return false;
  const [first, last] = ends;
  const bodyWords = countWords(bodyText);
  const leaves = leafBlocks(dense);
  const squashed = leaves.map((el) => squashForMatch(el.textContent ?? ''));
  const start = squashed.findIndex((text) => text.includes(first));
  // The first occurrence after the start: comments quoting the article's last line come later.
  const end = start < 0 ? -1 : squashed.findIndex((text, i) => i >= start && text.includes(last));
  if (end < 0) return false;
  const body = squashForMatch(bodyText);
  const all = squashed.join('');
  // Readability's text must be (nearly) all in the dense block: otherwise the two methods read different things.
  let heldWords = 0;
  for (const line of bodyText.split('\n')) if (all.includes(squashForMatch(line))) heldWords += countWords(line);
  if (heldWords < bodyWords * rule.minHeldShare) return false;
  let fillWords = 0;
  for (let i = start + 1; i < end; i++) {
    const text = squashed[i] as string;
    if (text.length > 0 && !body.includes(text)) fillWords += countWords(leaves[i]?.textContent ?? '');
  }
  const head = heldWords >= bodyWords * rule.head.minHeldShare && isArticleHead(leaves.slice(0, start), squashed, body, bodyWords, rule);
  if (fillWords < bodyWords * rule.minFillShare && !head) return false;
  // Outside the span only Readability's own blocks stay (a short standfirst before its first full line), and
  // the head when it qualified.
  for (let i = leaves.length - 1; i >= 0; i--) {
    if ((i >= start && i <= end) || (head && i < start)) continue;
    const text = squashed[i] as string;
    if (text.length === 0 || !body.includes(text)) removeWithEmptyParents(leaves[i] as DomElement, dense);
  }
  return true;
}

/**
 * A cheap necessary condition for fillSpanFromDense, on the dense block's raw text before it is parsed and
 * cleaned: both ends of the body are in it, in order, and the stretch between them is longer than the body by at
 * least half the fill the rule asks for (characters, a loose bound: cleaning only removes text).
 */
export function mayFillSpan(denseText: string, bodyText: string, rule: SpanFillRule): boolean {
  const ends = spanEnds(bodyText, rule);
  if (ends === null) return false;
  const text = squashForMatch(denseText);
  const start = text.indexOf(ends[0]);
  const end = start < 0 ? -1 : text.indexOf(ends[1], start);
  const need = squashForMatch(bodyText).length;
  return end >= 0 && (end + ends[1].length - start >= need * (1 + rule.minFillShare / 2) || end + ends[1].length >= need * (1 + rule.head.minShare / 2));
}

// The body's first and last lines long enough to be looked up (squashed), or null.
function spanEnds(bodyText: string, rule: SpanFillRule): [string, string] | null {
  let first: string | null = null;
  let last: string | null = null;
  for (const line of bodyText.split('\n')) {
    const squashed = squashForMatch(line);
    if (squashed.length < rule.minLineChars) continue;
    first ??= squashed;
    last = squashed;
  }
  return first === null || last === null ? null : [first, last];
}

/**
 * The dense block's blocks before the body's first line are the article's own beginning (an introduction
 * Readability left out) when they add at least `head.minShare` of the body's words and are not link-dense
 * (a story list before the article is: its headlines are links).
 */
function isArticleHead(head: readonly DomElement[], squashed: readonly string[], body: string, bodyWords: number, rule: SpanFillRule): boolean {
  let words = 0;
  let chars = 0;
  let linkChars = 0;
  head.forEach((el, i) => {
    const text = squashed[i] as string;
    if (text.length === 0 || body.includes(text)) return;
    words += countWords(el.textContent ?? '');
    chars += text.length;
    const links = el.querySelectorAll('a');
    for (let j = 0; j < links.length; j++) linkChars += squashForMatch(links[j]?.textContent ?? '').length;
  });
  return words >= bodyWords * rule.head.minShare && linkChars < chars * rule.head.maxLinkDensity;
}
