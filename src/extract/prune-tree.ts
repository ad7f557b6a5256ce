import { load } from 'cheerio/slim';
import { fastChildren, fastRemove, isFastElement, type FastDocument, type FastElement, type FastNode } from './dom/fast-tree.js';
import { PROTECTED_TAGS } from './rules/boilerplate-rules.js';
import { compileSelectors, type MatchTarget } from './rules/compile-selector.js';

/**
 * The pre-clean: removes every element under `root` matching `selectors`, except elements holding more than
 * `maxShare` of root's text (a class like `comments-and-article` on the content column must not delete the
 * article; pass 1 for trusted site selectors). Simple selectors run as compiled predicates in one walk over
 * htmlparser2's tree; anything else goes through cheerio's selector engine; an invalid selector is skipped.
 */
export function pruneFastTree(root: FastElement | FastDocument, selectors: readonly string[], maxShare: number): number {
  const { tests, complex } = compileSelectors(selectors);
  const lengths = new Map<FastNode | FastDocument, number>();
  const total = measure(root, lengths);
  const tooBig = (node: FastNode): boolean => maxShare < 1 && total > 0 && (lengths.get(node) ?? 0) > total * maxShare;
  let removed = 0;
  const stack: FastElement[] = [...fastChildren(root)].reverse();
  while (stack.length > 0) {
    const el = stack.pop();
    if (el === undefined) break;
    const target = fastTarget(el);
    if (!PROTECTED_TAGS.has(target.tag) && tests.some((test) => test(target)) && !tooBig(el)) {
      fastRemove(el);
      removed++;
      continue;
    }
    const children = fastChildren(el);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child !== undefined) stack.push(child);
    }
  }
  if (complex.length > 0) {
    const $ = load(root as never, null, false);
    for (const selector of complex) {
      let found: FastNode[];
      try {
        found = $(selector).toArray() as FastNode[];
      } catch {
        continue;
      }
      for (const node of found) {
        if (!isFastElement(node) || node.parent === null || PROTECTED_TAGS.has(node.name.toUpperCase()) || tooBig(node)) continue;
        fastRemove(node);
        removed++;
      }
    }
  }
  return removed;
}

/** Readability's unlikely-candidate test, as data (READABILITY_UNLIKELY in the rules file). */
export interface UnlikelyRule {
  candidates: RegExp;
  maybe: RegExp;
  roles: readonly string[];
}

/**
 * Removes what Readability's first pass would remove as unlikely candidates, before the DOM exists, with the
 * same share guard as the rules (see READABILITY_UNLIKELY). Elements inside tables and code are left alone,
 * as Readability leaves them.
 */
export function pruneUnlikely(root: FastElement | FastDocument, rule: UnlikelyRule, maxShare: number): number {
  const lengths = new Map<FastNode | FastDocument, number>();
  const total = measure(root, lengths);
  let removed = 0;
  const stack: Array<{ el: FastElement; shielded: boolean }> = fastChildren(root).reverse().map((el) => ({ el, shielded: false }));
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    const { el } = item;
    const name = el.name;
    if (!item.shielded && name !== 'body' && name !== 'a' && name !== 'html') {
      const match = `${el.attribs['class'] ?? ''} ${el.attribs['id'] ?? ''}`;
      const unlikely = (rule.candidates.test(match) && !rule.maybe.test(match)) || rule.roles.includes(el.attribs['role'] ?? '');
      if (unlikely && !(total > 0 && (lengths.get(el) ?? 0) > total * maxShare)) {
        fastRemove(el);
        removed++;
        continue;
      }
    }
    const shielded = item.shielded || name === 'table' || name === 'code';
    const children = fastChildren(el);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child !== undefined) stack.push({ el: child, shielded });
    }
  }
  return removed;
}

// A compiled-selector target over a fast-tree element.
function fastTarget(el: FastElement): MatchTarget {
  const attrs = new Map<string, string>();
  for (const name in el.attribs) attrs.set(name.toLowerCase(), (el.attribs[name] ?? '').toLowerCase());
  return {
    tag: el.name.toUpperCase(),
    attrs,
    parent: () => (el.parent !== null && isFastElement(el.parent as FastNode) ? fastTarget(el.parent as FastElement) : null),
  };
}

// Non-white-space characters under each node, computed once bottom-up (the guard needs it for every match).
function measure(node: FastNode | FastDocument, lengths: Map<FastNode | FastDocument, number>): number {
  const stack: Array<{ node: FastNode | FastDocument; done: boolean }> = [{ node, done: false }];
  // Iterative post-order: deep pages must not overflow the stack.
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top === undefined) break;
    const current = top.node;
    if ('data' in current && typeof current.data === 'string' && current.type === 'text') {
      lengths.set(current, current.data.replace(/\s+/g, '').length);
      stack.pop();
      continue;
    }
    const children = 'children' in current ? (current.children as FastNode[]) : [];
    if (!top.done) {
      top.done = true;
      for (const child of children) stack.push({ node: child, done: false });
      continue;
    }
    let total = 0;
    for (const child of children) total += lengths.get(child) ?? 0;
    lengths.set(current, total);
    stack.pop();
  }
  return lengths.get(node) ?? 0;
}
