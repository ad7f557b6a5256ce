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
  const lines: string[] = [];
  for (const line of bodyText.split('\n')) {
    const squashed = squashForMatch(line);
    if (squashed.length >= rule.minLineChars) lines.push(squashed);
  }
  const first = lines[0];
  const last = lines[lines.length - 1];
  if (first === undefined || last === undefined) return false;
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
  if (fillWords < bodyWords * rule.minFillShare) return false;
  // Outside the span only Readability's own blocks stay (a short standfirst before its first full line).
  for (let i = leaves.length - 1; i >= 0; i--) {
    if (i >= start && i <= end) continue;
    const text = squashed[i] as string;
    if (text.length === 0 || !body.includes(text)) removeWithEmptyParents(leaves[i] as DomElement, dense);
  }
  return true;
}
