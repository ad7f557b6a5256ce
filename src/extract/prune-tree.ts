import { load } from 'cheerio/slim';
import { measureFastTree, type ContentRegion, type FastTreeStats } from './content-region.js';
import { fastRemove, isFastElement, type FastDocument, type FastElement, type FastNode } from './dom/fast-tree.js';
import { PROTECTED_TAGS } from './rules/boilerplate-rules.js';
import { addAttr, compileSelectors, matchingSelectors, type AttrList, type MatchTarget } from './rules/compile-selector.js';
import { applySelectorBudget, isLinkDense, isNameEvidence, mayRemoveInside, type InsideMatch } from './rules/removal-guard.js';

/**
 * Where the article is and what each node holds, for rules that must not eat it (see REMOVAL_GUARD).
 * Without a guard, a pruning pass only keeps elements holding more than its `maxShare` of the root's text.
 */
export interface PruneGuard {
  region: ContentRegion | null;
  stats: FastTreeStats;
}

/**
 * The pre-clean: removes elements under `root` matching `selectors`. Without `guard`, every match except
 * elements holding more than `maxShare` of root's text (pass 1 for trusted site selectors). With `guard`, a
 * match is evidence, not a verdict: the article's ancestors stay, a match inside the article goes only when it
 * is link-dense or small and the selector's matches there stay within budget, and a match outside it goes
 * unless it holds more than `maxShare` of the page. Simple selectors run as compiled predicates in one walk
 * over htmlparser2's tree; anything else goes through cheerio's selector engine; an invalid selector is skipped.
 */
export function pruneFastTree(root: FastElement | FastDocument, selectors: readonly string[], maxShare: number, guard?: PruneGuard): number {
  const { tests, complex } = compileSelectors(selectors);
  const stats = guard?.stats ?? measureFastTree(root);
  const total = stats.get(root)?.text ?? 0;
  const removals = new GuardedRemovals(guard === undefined ? null : guard.region, stats, total, maxShare);
  // Elements to visit and whether each is inside the region, as two parallel stacks (no object per element).
  const stack: FastElement[] = [];
  const insides: boolean[] = [];
  pushChildElements(root, false, stack, insides);
  while (stack.length > 0) {
    const el = stack.pop() as FastElement;
    const wasInside = insides.pop() as boolean;
    const target = new FastTarget(el);
    if (!PROTECTED_TAGS.has(target.tag) && tests.some((test) => test(target))) {
      if (removals.offer(el, wasInside, () => matchingSelectors(target, selectors))) continue;
    }
    pushChildElements(el, wasInside || removals.isRegionRoot(el), stack, insides);
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
        if (!isFastElement(node) || node.parent === null || PROTECTED_TAGS.has(node.name.toUpperCase())) continue;
        removals.offer(node, removals.isInsideRegion(node), () => [selector]);
      }
    }
  }
  return removals.commit();
}

/** Readability's unlikely-candidate test, as data (READABILITY_UNLIKELY in the rules file). */
export interface UnlikelyRule {
  candidates: RegExp;
  maybe: RegExp;
  roles: readonly string[];
}

/**
 * Removes what Readability's first pass would remove as unlikely candidates, before the DOM exists, under the
 * same guard as the rules (see READABILITY_UNLIKELY). Elements inside tables and code are left alone,
 * as Readability leaves them.
 */
export function pruneUnlikely(root: FastElement | FastDocument, rule: UnlikelyRule, maxShare: number, guard?: PruneGuard): number {
  const stats = guard?.stats ?? measureFastTree(root);
  const total = stats.get(root)?.text ?? 0;
  const removals = new GuardedRemovals(guard === undefined ? null : guard.region, stats, total, maxShare);
  // Elements to visit with their two flags as parallel stacks (no object per element).
  const stack: FastElement[] = [];
  const insides: boolean[] = [];
  const shields: boolean[] = [];
  pushChildElements(root, false, stack, insides);
  for (let i = 0; i < stack.length; i++) shields.push(false);
  const blankIsUnlikely = rule.candidates.test(' ') && !rule.maybe.test(' ');
  while (stack.length > 0) {
    const el = stack.pop() as FastElement;
    const wasInside = insides.pop() as boolean;
    const wasShielded = shields.pop() as boolean;
    const name = el.name;
    if (!wasShielded && name !== 'body' && name !== 'a' && name !== 'html') {
      const cls = el.attribs['class'];
      const id = el.attribs['id'];
      const role = el.attribs['role'] ?? '';
      // Without class and id the names read " ", whose answer is known before the walk.
      const match = cls === undefined && id === undefined ? null : `${cls ?? ''} ${id ?? ''}`;
      const unlikely = (match === null ? blankIsUnlikely : rule.candidates.test(match) && !rule.maybe.test(match)) || rule.roles.includes(role);
      if (unlikely && removals.offer(el, wasInside, () => [rule.roles.includes(role) ? `[role="${role}"]` : 'unlikely'])) continue;
      // A paragraph the guard kept as article text: Readability's own pass would still drop it for its names.
      if (unlikely && wasInside && PARAGRAPH_TAGS.has(name)) {
        delete el.attribs['class'];
        delete el.attribs['id'];
      }
    }
    const shielded = wasShielded || name === 'table' || name === 'code';
    const before = stack.length;
    pushChildElements(el, wasInside || removals.isRegionRoot(el), stack, insides);
    for (let i = before; i < stack.length; i++) shields.push(shielded);
  }
  return removals.commit();
}

const PARAGRAPH_TAGS: ReadonlySet<string> = new Set(['p', 'li', 'blockquote', 'pre', 'h2', 'h3', 'h4', 'h5', 'h6', 'dd']);

/**
 * The removal decisions of one pass. Matches outside the article (or every match, without a region) are
 * removed at once unless too big; name matches inside it are tallied per selector and the small ones wait for
 * the per-selector budget (applySelectorBudget). Small matches the budget keeps lose their class and id, so Readability's own unlikely-candidate test, which reads
 * the same names, does not remove what the guard kept.
 */
class GuardedRemovals {
  private readonly pending: Array<{ el: FastElement } & InsideMatch> = [];
  private removed = 0;

  constructor(
    private readonly region: ContentRegion | null,
    private readonly stats: FastTreeStats,
    private readonly total: number,
    private readonly maxShare: number,
  ) {}

  isRegionRoot(el: FastElement): boolean {
    return this.region !== null && this.region.roots.has(el);
  }

  isInsideRegion(el: FastElement): boolean {
    if (this.region === null) return false;
    for (let p = el.parent as FastNode | null; p !== null && isFastElement(p); p = p.parent as FastNode | null) if (this.region.roots.has(p)) return true;
    return false;
  }

  /** Decides on one match; true when it is (or will be) removed, so its subtree needs no further visit. */
  offer(el: FastElement, inside: boolean, selectors: () => string[]): boolean {
    const s = this.stats.get(el) ?? { text: 0, links: 0, paragraphs: 0, paragraphText: 0 };
    const tooBig = this.maxShare < 1 && this.total > 0 && s.text > this.total * this.maxShare;
    if (this.region === null || !inside) {
      if (tooBig || (this.region !== null && (this.region.ancestors.has(el) || this.region.roots.has(el)))) return false;
      return this.remove(el);
    }
    const matched = selectors();
    // Tags, roles and hiding attributes say what an element is; only class and id names are guesses.
    if (matched.length === 0 || !matched.every(isNameEvidence)) return tooBig || this.region.roots.has(el) ? false : this.remove(el);
    const removable = mayRemoveInside(s, this.region.text);
    this.pending.push({ el, text: s.text, paragraphs: s.paragraphs, selectors: matched, linkDense: isLinkDense(s), removable });
    return removable;
  }

  /** Removes the pending matches the budget allows; returns how many elements went in all. */
  commit(): number {
    const allowed = applySelectorBudget(this.pending, this.region?.text ?? 0);
    this.pending.forEach((match, i) => {
      if (allowed[i] === true) {
        if (match.el.parent !== null) this.remove(match.el);
      } else if (match.removable) {
        delete match.el.attribs['class'];
        delete match.el.attribs['id'];
      }
    });
    this.pending.length = 0;
    return this.removed;
  }

  private remove(el: FastElement): true {
    fastRemove(el);
    this.removed++;
    return true;
  }
}

// A compiled-selector target over a fast-tree element (a class: no closure per element).
class FastTarget implements MatchTarget {
  readonly tag: string;
  readonly attrs: AttrList = { names: [], values: [] };

  constructor(private readonly el: FastElement) {
    this.tag = el.name.toUpperCase();
    for (const name in el.attribs) addAttr(this.attrs, name, el.attribs[name] ?? '');
  }

  parent(): MatchTarget | null {
    const parent = this.el.parent as FastNode | null;
    return parent !== null && isFastElement(parent) ? new FastTarget(parent) : null;
  }
}

// Pushes a node's child elements, last first, so they pop in document order.
function pushChildElements(node: FastElement | FastDocument, inside: boolean, stack: FastElement[], insides: boolean[]): void {
  const children = node.children as FastNode[];
  for (let i = children.length - 1; i >= 0; i--) {
    const child = children[i] as FastNode;
    if (isFastElement(child)) {
      stack.push(child);
      insides.push(inside);
    }
  }
}
