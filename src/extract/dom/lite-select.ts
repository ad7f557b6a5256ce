import { compile } from 'css-select';
import { ELEMENT_NODE, TEXT_NODE } from './dom-types.js';

/** What the selector engine reads from the small DOM (lite-dom.ts); structural, so this file imports no classes. */
interface SelectNode {
  readonly nodeType: number;
  readonly parentNode: unknown;
}
interface SelectElement extends SelectNode {
  readonly lowerName: string;
  getAttribute(name: string): string | null;
  getAttributeNode(name: string): { value: string } | null;
  hasAttribute(name: string): boolean;
}
interface SelectRoot<T> {
  walkElements(visit: (el: T) => void): void;
}

const isTag = (node: SelectNode): node is SelectElement => node.nodeType === ELEMENT_NODE;
const getChildren = (node: SelectNode): SelectNode[] => (node as unknown as { childNodes: SelectNode[] }).childNodes;
const getText = (node: SelectNode): string => {
  if (isTag(node)) return getChildren(node).map(getText).join('');
  return node.nodeType === TEXT_NODE ? ((node as unknown as { data: string }).data ?? '') : '';
};

// The adapter linkedom gave css-select (shared/matches.js), so site selectors match the same elements as before.
const ADAPTER = {
  isTag,
  getAttributeValue: (el: SelectElement, name: string) => (name === 'class' ? el.getAttributeNode('class')?.value : el.getAttribute(name)) ?? undefined,
  getChildren,
  getName: (el: SelectElement) => el.lowerName,
  getParent: (el: SelectElement) => el.parentNode as SelectNode | null,
  getSiblings: (node: SelectNode) => (node.parentNode === null ? [node] : getChildren(node.parentNode as SelectNode)),
  getText,
  hasAttrib: (el: SelectElement, name: string) => el.hasAttribute(name),
  removeSubsets: (nodes: SelectNode[]) => {
    const set = new Set<unknown>(nodes);
    return nodes.filter((node, i) => {
      if (nodes.indexOf(node) !== i) return false;
      for (let p = node.parentNode as SelectNode | null; p !== null; p = p.parentNode as SelectNode | null) if (set.has(p)) return false;
      return true;
    });
  },
};

/**
 * Elements under `root` matching a CSS selector, in document order (css-select, as linkedom ran it: compiled
 * once, tested on every descendant). Throws on a selector css-select cannot compile (callers skip those).
 */
export function selectAll<T>(selector: string, root: SelectRoot<T>): T[] {
  const test = compile<SelectNode, SelectElement>(selector, { adapter: ADAPTER as never, xmlMode: false, context: selector.includes(':scope') ? (root as unknown as SelectNode) : undefined });
  const out: T[] = [];
  root.walkElements((el) => {
    if (test(el as unknown as SelectElement)) out.push(el);
  });
  return out;
}

/** The first element under `root` matching a CSS selector, or null. */
export function selectOne<T>(selector: string, root: SelectRoot<T>): T | null {
  return selectAll<T>(selector, root)[0] ?? null;
}
