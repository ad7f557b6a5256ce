import type { DomElement } from '../dom/dom-types.js';
import { hasAnyToken, hasToken } from '../text/tokens.js';

/**
 * An element's attributes, names and values lower-cased, read once per element for all tests: names and values
 * index for index, each name once (a later attribute whose name differs only in case takes the earlier one's
 * place, as a Map would). Elements hold a handful of attributes, so a scan beats building a Map for each.
 */
export interface AttrList {
  names: string[];
  values: string[];
}

/** What a compiled selector looks at: the upper-case tag, the attributes, and the parent (for `a > b`). */
export interface MatchTarget {
  tag: string;
  attrs: AttrList;
  parent(): MatchTarget | null;
}

/** Adds an attribute to a list being built (lower-cased; a repeated name keeps its place and takes the new value). */
export function addAttr(list: AttrList, name: string, value: string): void {
  const lower = name.toLowerCase();
  const at = list.names.indexOf(lower);
  if (at >= 0) list.values[at] = value.toLowerCase();
  else {
    list.names.push(lower);
    list.values.push(value.toLowerCase());
  }
}

function attrValue(list: AttrList, name: string): string | undefined {
  const at = list.names.indexOf(name);
  return at < 0 ? undefined : list.values[at];
}

/** A compiled selector: a fast predicate over one element, independent of the DOM implementation. */
export type ElementTest = (target: MatchTarget) => boolean;

interface AttrTest {
  name: string;
  op: '' | '=' | '~=' | '*=' | '^=' | '$=' | '|=';
  value: string;
}

interface Compound {
  tag: string | null;
  attrs: AttrTest[];
}

const COMPOUND_RE = /^([a-z][a-z0-9-]*|\*)?((?:#[\w-]+|\.[\w-]+|\[[a-z_:][\w:.-]*(?:[~*^$|]?=(?:"[^"]*"|'[^']*'|[^\]\s"']+))?\])*)$/i;
const PART_RE = /#([\w-]+)|\.([\w-]+)|\[([a-z_:][\w:.-]*)(?:([~*^$|]?=)(?:"([^"]*)"|'([^']*)'|([^\]\s"']+)))?\]/gi;

/**
 * Compiles the simple selectors the boilerplate rules use (`tag`, `#id`, `.class`, `[attr]`, `[attr op "v"]`,
 * compounds of those, and one `parent > child` step) into plain predicates. Matching is ASCII case-insensitive
 * for values, because sites spell the same class `ShareBar` and `sharebar`. One walk with these predicates costs
 * a fraction of `querySelectorAll` with a hundred attribute selectors (linkedom's selector engine re-reads each
 * attribute per selector). Returns null for anything else; the caller then uses the DOM's own engine.
 */
function compileSelector(selector: string): ElementTest | null {
  const steps = selector.trim().split(/\s*>\s*/);
  if (steps.length === 0 || steps.length > 2) return null;
  const compounds: Compound[] = [];
  for (const step of steps) {
    const compound = parseCompound(step);
    if (compound === null) return null;
    compounds.push(compound);
  }
  const [first, second] = compounds;
  if (first === undefined) return null;
  if (second === undefined) return (target) => matchCompound(target, first);
  return (target) => {
    if (!matchCompound(target, second)) return false;
    const parent = target.parent();
    return parent !== null && matchCompound(parent, first);
  };
}

const compiledCache = new WeakMap<readonly string[], CompiledSelectors>();

/** Selectors split into compiled predicates and the rest (left to a real selector engine). */
export interface CompiledSelectors {
  tests: ElementTest[];
  complex: string[];
}

/**
 * Compiles a selector list once (cached by array identity; rule arrays are module constants or per-site).
 * Single-condition selectors (`tag`, `[a]`, `[a="v"]`, `[a~="v"]`, `[a*="v"]`, `[a^="v"]`, `[a$="v"]`) are
 * folded into one index: a tag set, and per attribute name a value set, a token set and one alternation regex,
 * so each element costs a few lookups instead of a hundred predicate calls.
 */
export function compileSelectors(selectors: readonly string[]): CompiledSelectors {
  const cached = compiledCache.get(selectors);
  if (cached !== undefined) return cached;
  const generic: ElementTest[] = [];
  const complex: string[] = [];
  const tags = new Set<string>();
  const byAttr = new Map<string, { present: boolean; equals: Set<string>; tokens: Set<string>; patterns: string[] }>();
  const attrIndex = (name: string) => {
    let entry = byAttr.get(name);
    if (entry === undefined) {
      entry = { present: false, equals: new Set(), tokens: new Set(), patterns: [] };
      byAttr.set(name, entry);
    }
    return entry;
  };
  for (const selector of selectors) {
    for (const raw of selector.split(/,(?![^[]*\])/)) {
      const single = raw.trim();
      if (single === '') continue;
      const compound = single.includes('>') ? null : parseCompound(single);
      const only = compound !== null && compound.attrs.length <= 1 ? compound : null;
      if (only !== null && only.attrs.length === 0 && only.tag !== null) {
        tags.add(only.tag);
        continue;
      }
      const attr = only !== null && only.tag === null ? only.attrs[0] : undefined;
      if (attr !== undefined && attr.op !== '|=' && (attr.op === '' || attr.value !== '')) {
        const entry = attrIndex(attr.name);
        const escaped = attr.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        if (attr.op === '') entry.present = true;
        else if (attr.op === '=') entry.equals.add(attr.value);
        else if (attr.op === '~=') entry.tokens.add(attr.value);
        else entry.patterns.push(attr.op === '*=' ? escaped : attr.op === '^=' ? `^${escaped}` : `${escaped}$`);
        continue;
      }
      const test = compileSelector(single);
      if (test !== null) generic.push(test);
      else complex.push(single);
    }
  }
  const index = new Map(
    [...byAttr].map(([name, e]) => [name, { ...e, regex: e.patterns.length > 0 ? new RegExp(e.patterns.join('|')) : null }] as const),
  );
  const indexed: ElementTest = (target) => {
    if (tags.has(target.tag)) return true;
    const { names, values } = target.attrs;
    for (let i = 0; i < names.length; i++) {
      const e = index.get(names[i] as string);
      if (e === undefined) continue;
      const value = values[i] as string;
      if (e.present || e.equals.has(value) || (e.regex !== null && e.regex.test(value))) return true;
      if (e.tokens.size > 0 && hasAnyToken(value, e.tokens)) return true;
    }
    return false;
  };
  const compiled = { tests: [indexed, ...generic], complex };
  compiledCache.set(selectors, compiled);
  return compiled;
}

function parseCompound(text: string): Compound | null {
  const match = COMPOUND_RE.exec(text);
  if (match === null || text.length === 0) return null;
  const tag = match[1] !== undefined && match[1] !== '*' ? match[1].toUpperCase() : null;
  const attrs: AttrTest[] = [];
  for (const part of (match[2] ?? '').matchAll(PART_RE)) {
    if (part[1] !== undefined) attrs.push({ name: 'id', op: '=', value: part[1].toLowerCase() });
    else if (part[2] !== undefined) attrs.push({ name: 'class', op: '~=', value: part[2].toLowerCase() });
    else if (part[3] !== undefined) {
      const value = part[5] ?? part[6] ?? part[7] ?? '';
      attrs.push({ name: part[3].toLowerCase(), op: (part[4] ?? '') as AttrTest['op'], value: value.toLowerCase() });
    }
  }
  if (tag === null && attrs.length === 0) return null;
  return { tag, attrs };
}

/** A match target over a DOM element (linkedom/jsdom). */
export function domTarget(el: DomElement): MatchTarget {
  const attrs: AttrList = { names: [], values: [] };
  const list = el.attributes;
  for (let i = 0; i < list.length; i++) {
    const attr = list[i];
    if (attr !== undefined) addAttr(attrs, attr.name, attr.value);
  }
  return {
    tag: el.tagName.toUpperCase(),
    attrs,
    parent: () => (el.parentNode !== null && el.parentNode.nodeType === 1 ? domTarget(el.parentNode as DomElement) : null),
  };
}

function matchCompound(target: MatchTarget, compound: Compound): boolean {
  if (compound.tag !== null && target.tag !== compound.tag) return false;
  for (const test of compound.attrs) {
    const value = attrValue(target.attrs, test.name);
    if (value === undefined) return false;
    if (test.op === '') continue;
    switch (test.op) {
      case '=':
        if (value !== test.value) return false;
        break;
      case '~=':
        if (test.value === '' || WHITE_SPACE_RE.test(test.value) || !hasToken(value, test.value)) return false;
        break;
      case '*=':
        if (test.value === '' || !value.includes(test.value)) return false;
        break;
      case '^=':
        if (test.value === '' || !value.startsWith(test.value)) return false;
        break;
      case '$=':
        if (test.value === '' || !value.endsWith(test.value)) return false;
        break;
      case '|=':
        if (value !== test.value && !value.startsWith(`${test.value}-`)) return false;
        break;
    }
  }
  return true;
}

// A `~=` value with white space matches no token (the answer `split(/\s+/).includes` gave).
const WHITE_SPACE_RE = /\s/;

const singleCache = new Map<string, ElementTest[]>();

/**
 * The selectors of `selectors` that match the target on their own, in list order (complex selectors, which only
 * a DOM engine can test, are skipped). The removal guard groups matches by the first and weighs all of them.
 */
export function matchingSelectors(target: MatchTarget, selectors: readonly string[]): string[] {
  const out: string[] = [];
  for (const selector of selectors) {
    let tests = singleCache.get(selector);
    if (tests === undefined) {
      tests = compileSelectors([selector]).tests;
      singleCache.set(selector, tests);
    }
    if (tests.some((test) => test(target))) out.push(selector);
  }
  return out;
}
