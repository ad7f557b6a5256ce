import { ELEMENT_NODE, TEXT_NODE } from './dom-types.js';
import { selectAll, selectOne } from './lite-select.js';

/** Comment node type (the DOM's number). */
export const COMMENT_NODE = 8;
/** Document node type (the DOM's number). */
export const DOCUMENT_NODE = 9;

// Serialisation follows linkedom's (the DOM this replaces): the markup Readability saves and restores between
// its attempts must parse back into the same tree.
const VOID_RE = /^(?:area|base|br|col|embed|hr|img|input|keygen|link|menuitem|meta|param|source|track|wbr)$/i;
const EMPTY_ATTRIBUTES: ReadonlySet<string> = new Set([
  'allowfullscreen', 'allowpaymentrequest', 'async', 'autofocus', 'autoplay', 'checked', 'class', 'contenteditable',
  'controls', 'default', 'defer', 'disabled', 'draggable', 'formnovalidate', 'hidden', 'id', 'ismap', 'itemscope',
  'loop', 'multiple', 'muted', 'nomodule', 'novalidate', 'open', 'playsinline', 'readonly', 'required', 'reversed',
  'selected', 'style', 'truespeed',
]);
const TEXT_ESCAPE_RE = /[<>&\u00A0]/g;
const TEXT_ESCAPE_TEST_RE = /[<>&\u00A0]/;
const TEXT_ESCAPES: Record<string, string> = { '\u00A0': '&#160;', '&': '&amp;', '<': '&lt;', '>': '&gt;' };
// A comma-separated list of bare tag names ("p, li, h1"): matched by name in one walk, no selector engine.
const TAG_LIST_RE = /^\s*[a-zA-Z][a-zA-Z0-9-]*(?:\s*,\s*[a-zA-Z][a-zA-Z0-9-]*)*\s*$/;

const NO_NODES: readonly LiteNode[] = Object.freeze([]);
// Text is cached per element down to this depth (real pages stay under ~70 once flattened at 64).
const MAX_CACHED_DEPTH = 500;

/** Parses markup into nodes owned by `doc` (set by whoever creates the document; used by the `innerHTML` setter). */
export type FragmentParser = (doc: LiteDocument, html: string) => LiteNode[];

/** An attribute: a name and a value (Readability copies them with `cloneNode` and `setAttributeNode`). */
export class LiteAttr {
  constructor(
    public name: string,
    public value: string,
  ) {}

  cloneNode(): LiteAttr {
    return new LiteAttr(this.name, this.value);
  }

  toString(): string {
    if (this.value === '' && EMPTY_ATTRIBUTES.has(this.name)) return this.name;
    return `${this.name}="${this.value.includes('"') ? this.value.replace(/"/g, '&quot;') : this.value}"`;
  }
}

/**
 * A node of the small DOM Readability runs on: exactly the part of the DOM API that @mozilla/readability 0.6,
 * the post-clean, the text walk and the sanitizer use, with linkedom's observable behaviour where it differs
 * from a browser's (static node lists, new attributes first, class lists normalised), so the extracted text and
 * HTML stay what they were on linkedom. Siblings are a linked list; `childNodes`/`children` are arrays built on
 * demand and cached until the parent changes (a caller holding one keeps a snapshot, as on linkedom).
 */
export abstract class LiteNode {
  parentNode: LiteParentNode | null = null;
  previousSibling: LiteNode | null = null;
  nextSibling: LiteNode | null = null;
  /** Readability's per-node scores (an expando on any DOM; declared so every node has the same shape). */
  readability: unknown = undefined;

  constructor(
    /** The document this node belongs to (the document itself for the document). */
    readonly doc: LiteDocument,
    readonly nodeType: number,
  ) {}

  abstract get nodeName(): string;
  abstract get textContent(): string | null;
  abstract set textContent(value: string | null);
  /** The node as markup (linkedom's serialisation). */
  abstract toString(): string;

  get ownerDocument(): LiteDocument | null {
    return this.nodeType === DOCUMENT_NODE ? null : this.doc;
  }

  get parentElement(): LiteElement | null {
    const parent = this.parentNode;
    return parent !== null && parent.nodeType === ELEMENT_NODE ? (parent as LiteElement) : null;
  }

  get nextElementSibling(): LiteElement | null {
    for (let n = this.nextSibling; n !== null; n = n.nextSibling) if (n.nodeType === ELEMENT_NODE) return n as LiteElement;
    return null;
  }

  get previousElementSibling(): LiteElement | null {
    for (let n = this.previousSibling; n !== null; n = n.previousSibling) if (n.nodeType === ELEMENT_NODE) return n as LiteElement;
    return null;
  }

  remove(): void {
    this.parentNode?.removeChild(this);
  }
}

/** Text or a comment: data and no children (Readability walks `childNodes` of any node). */
export abstract class LiteCharacterData extends LiteNode {
  readonly childNodes: readonly LiteNode[] = NO_NODES;
  readonly firstChild = null;
  readonly lastChild = null;

  private value: string;

  constructor(doc: LiteDocument, nodeType: number, data: string) {
    super(doc, nodeType);
    this.value = data;
  }

  get data(): string {
    return this.value;
  }

  set data(value: string) {
    this.value = value;
    this.parentNode?.textChanged();
  }

  get textContent(): string {
    return this.value;
  }

  set textContent(value: string | null) {
    this.data = value ?? '';
  }

  get nodeValue(): string {
    return this.data;
  }
}

/** A text node. */
export class LiteText extends LiteCharacterData {
  constructor(doc: LiteDocument, data: string) {
    super(doc, TEXT_NODE, data);
  }

  get nodeName(): string {
    return '#text';
  }

  toString(): string {
    // Most runs of text hold none of the four characters: one test, no replacement callback.
    return TEXT_ESCAPE_TEST_RE.test(this.data) ? this.data.replace(TEXT_ESCAPE_RE, (c) => TEXT_ESCAPES[c] as string) : this.data;
  }
}

/** A comment node (Readability and the text walk skip them; the saved markup keeps them). */
export class LiteComment extends LiteCharacterData {
  constructor(doc: LiteDocument, data: string) {
    super(doc, COMMENT_NODE, data);
  }

  get nodeName(): string {
    return '#comment';
  }

  toString(): string {
    return `<!--${this.data}-->`;
  }
}

/** A node with children: an element or the document. */
export abstract class LiteParentNode extends LiteNode {
  firstChild: LiteNode | null = null;
  lastChild: LiteNode | null = null;
  private nodesCache: LiteNode[] | null = null;
  private elementsCache: LiteElement[] | null = null;
  // Readability, the post-clean and the guards read the text of the same subtrees over and over (every level of
  // nested divs reads all text below it): each node keeps its text until something below it changes.
  private textCache: string | null = null;

  /** Drops the cached child lists and texts (called on every change of this node's children). */
  changed(): void {
    this.nodesCache = null;
    this.elementsCache = null;
    this.textChanged();
  }

  /** Drops the cached text of this node and its ancestors. A node with no cached text has no ancestor with one (a text is built from its children's), so the walk stops there. */
  textChanged(): void {
    for (let n: LiteParentNode | null = this; n !== null && n.textCache !== null; n = n.parentNode) n.textCache = null;
  }

  get childNodes(): readonly LiteNode[] {
    if (this.nodesCache === null) {
      const nodes: LiteNode[] = [];
      for (let n = this.firstChild; n !== null; n = n.nextSibling) nodes.push(n);
      this.nodesCache = nodes;
    }
    return this.nodesCache;
  }

  get children(): readonly LiteElement[] {
    if (this.elementsCache === null) {
      const elements: LiteElement[] = [];
      for (let n = this.firstChild; n !== null; n = n.nextSibling) if (n.nodeType === ELEMENT_NODE) elements.push(n as LiteElement);
      this.elementsCache = elements;
    }
    return this.elementsCache;
  }

  get firstElementChild(): LiteElement | null {
    for (let n = this.firstChild; n !== null; n = n.nextSibling) if (n.nodeType === ELEMENT_NODE) return n as LiteElement;
    return null;
  }

  get lastElementChild(): LiteElement | null {
    for (let n = this.lastChild; n !== null; n = n.previousSibling) if (n.nodeType === ELEMENT_NODE) return n as LiteElement;
    return null;
  }

  get childElementCount(): number {
    return this.children.length;
  }

  hasChildNodes(): boolean {
    return this.firstChild !== null;
  }

  /** Text of every text node below, in document order (comments excluded, as on linkedom). */
  get textContent(): string | null {
    return this.textCache ?? this.collectText(0, { tooDeep: false });
  }

  // A node caches its text only when every element below it did, so `textChanged` may stop at the first node
  // without a cache. Past MAX_CACHED_DEPTH (hostile nesting: feed content is not flattened) the text is read
  // without recursion and nothing on the path is cached.
  private collectText(depth: number, state: { tooDeep: boolean }): string {
    if (this.textCache !== null) return this.textCache;
    if (depth > MAX_CACHED_DEPTH) {
      state.tooDeep = true;
      return walkText(this);
    }
    let text = '';
    for (let n = this.firstChild; n !== null; n = n.nextSibling) {
      if (n.nodeType === TEXT_NODE) text += (n as LiteText).data;
      else if (n.nodeType === ELEMENT_NODE) text += (n as LiteParentNode).collectText(depth + 1, state);
    }
    if (!state.tooDeep) this.textCache = text;
    return text;
  }

  set textContent(value: string | null) {
    this.replaceChildren();
    if (value !== null && value !== '') this.appendChild(new LiteText(this.doc, value));
  }

  insertBefore<T extends LiteNode>(node: T, before: LiteNode | null): T {
    if (node === before) return node;
    if ((node as LiteNode) === this) throw new Error('lite-dom: a node cannot contain itself');
    node.parentNode?.removeChild(node);
    const prev = before === null ? this.lastChild : before.previousSibling;
    node.parentNode = this;
    node.previousSibling = prev;
    node.nextSibling = before;
    if (prev === null) this.firstChild = node;
    else prev.nextSibling = node;
    if (before === null) this.lastChild = node;
    else before.previousSibling = node;
    this.changed();
    return node;
  }

  appendChild<T extends LiteNode>(node: T): T {
    return this.insertBefore(node, null);
  }

  removeChild<T extends LiteNode>(node: T): T {
    const parent = node.parentNode;
    if (parent === null) return node;
    const prev = node.previousSibling;
    const next = node.nextSibling;
    if (prev === null) parent.firstChild = next;
    else prev.nextSibling = next;
    if (next === null) parent.lastChild = prev;
    else next.previousSibling = prev;
    node.parentNode = null;
    node.previousSibling = null;
    node.nextSibling = null;
    parent.changed();
    return node;
  }

  replaceChild<T extends LiteNode>(node: LiteNode, old: T): T {
    if (node === old) return old;
    this.insertBefore(node, old);
    this.removeChild(old);
    return old;
  }

  replaceChildren(...nodes: LiteNode[]): void {
    while (this.firstChild !== null) this.removeChild(this.firstChild);
    for (const node of nodes) this.appendChild(node);
  }

  /** Descendant elements named `name` in document order (linkedom's rule: the name as given or upper-cased; no `*`). */
  getElementsByTagName(name: string): LiteElement[] {
    const out: LiteElement[] = [];
    this.walkElements((el) => {
      if (el.localName === name || el.tagName === name) out.push(el);
    });
    return out;
  }

  /** Descendant elements whose lower-case name is in `names`, in document order. */
  getElementsByTagNames(names: ReadonlySet<string>): LiteElement[] {
    const out: LiteElement[] = [];
    this.walkElements((el) => {
      if (names.has(el.lowerName)) out.push(el);
    });
    return out;
  }

  querySelectorAll(selector: string): LiteElement[] {
    if (TAG_LIST_RE.test(selector)) return this.getElementsByTagNames(new Set(selector.split(',').map((s) => s.trim().toLowerCase())));
    return selectAll<LiteElement>(selector, this);
  }

  querySelector(selector: string): LiteElement | null {
    if (TAG_LIST_RE.test(selector)) {
      const names = new Set(selector.split(',').map((s) => s.trim().toLowerCase()));
      let found: LiteElement | null = null;
      this.walkElements((el) => {
        if (found === null && names.has(el.lowerName)) found = el;
      });
      return found;
    }
    return selectOne<LiteElement>(selector, this);
  }

  get innerHTML(): string {
    let html = '';
    for (let n = this.firstChild; n !== null; n = n.nextSibling) html += n.toString();
    return html;
  }

  set innerHTML(html: string) {
    this.replaceChildren(...this.doc.parseFragment(this.doc, html));
  }

  /** Calls `visit` on every descendant element in document order (pre-order, iterative). */
  walkElements(visit: (el: LiteElement) => void): void {
    let n: LiteNode | null = this.firstChild;
    while (n !== null) {
      if (n.nodeType === ELEMENT_NODE) {
        visit(n as LiteElement);
        if ((n as LiteElement).firstChild !== null) {
          n = (n as LiteElement).firstChild as LiteNode;
          continue;
        }
      }
      while (n !== null && n.nextSibling === null) {
        n = n.parentNode;
        if (n === this) return;
      }
      if (n === null) return;
      n = n.nextSibling;
    }
  }
}

/** An element. `localName` keeps the case it was created with (linkedom's `createElement("DIV")` does too). */
export class LiteElement extends LiteParentNode {
  readonly tagName: string;
  /** The name lower-cased (selector matching ignores case, as linkedom's does). */
  readonly lowerName: string;
  /** The attributes in linkedom's order: parsed ones in source order, later ones first. */
  readonly attributes: LiteAttr[] = [];
  /** Readability marks data tables on the element. */
  _readabilityDataTable: boolean | undefined = undefined;

  constructor(
    doc: LiteDocument,
    readonly localName: string,
  ) {
    super(doc, ELEMENT_NODE);
    this.tagName = localName.toUpperCase();
    this.lowerName = localName.toLowerCase();
  }

  get nodeName(): string {
    return this.tagName;
  }

  getAttributeNode(name: string): LiteAttr | null {
    const attrs = this.attributes;
    for (let i = 0; i < attrs.length; i++) if ((attrs[i] as LiteAttr).name === name) return attrs[i] as LiteAttr;
    return null;
  }

  /** The attribute's value; `class` reads as the normalised class list, '' when absent (linkedom's answer). */
  getAttribute(name: string): string | null {
    if (name === 'class') return this.className;
    return this.getAttributeNode(name)?.value ?? null;
  }

  hasAttribute(name: string): boolean {
    return this.getAttributeNode(name) !== null;
  }

  setAttribute(name: string, value: string): void {
    const text = String(value);
    if (name === 'class') {
      this.className = text;
      return;
    }
    const attr = this.getAttributeNode(name);
    if (attr !== null) attr.value = text;
    else this.attributes.unshift(new LiteAttr(name, text));
  }

  setAttributeNode(attr: LiteAttr): LiteAttr | null {
    const previous = this.getAttributeNode(attr.name);
    if (previous === attr) return previous;
    if (previous !== null) this.attributes.splice(this.attributes.indexOf(previous), 1);
    if (attr.name === 'class') attr.value = normalizeClass(attr.value);
    this.attributes.unshift(attr);
    return previous;
  }

  removeAttribute(name: string): void {
    const attr = this.getAttributeNode(name);
    if (attr !== null) this.attributes.splice(this.attributes.indexOf(attr), 1);
  }

  /** Appends an attribute as the parser does (source order; `class` normalised). */
  appendParsedAttribute(name: string, value: string): void {
    if (this.getAttributeNode(name) !== null) return;
    this.attributes.push(new LiteAttr(name, name === 'class' ? normalizeClass(value) : value));
  }

  /** The class tokens, each once, joined by one space (linkedom's DOMTokenList). */
  get className(): string {
    return this.getAttributeNode('class')?.value ?? '';
  }

  set className(value: string) {
    const normalized = normalizeClass(String(value));
    const attr = this.getAttributeNode('class');
    if (attr !== null) attr.value = normalized;
    else this.attributes.unshift(new LiteAttr('class', normalized));
  }

  get id(): string {
    return this.getAttribute('id') ?? '';
  }

  set id(value: string) {
    this.setAttribute('id', value);
  }

  /** `src`/`srcset` exist on images only (Readability's lazy-image fix reads them on img, picture and figure). */
  get src(): string | undefined {
    return this.lowerName === 'img' ? (this.getAttribute('src') ?? '') : undefined;
  }

  get srcset(): string | undefined {
    return this.lowerName === 'img' ? (this.getAttribute('srcset') ?? '') : undefined;
  }

  get outerHTML(): string {
    return this.toString();
  }

  toString(): string {
    let html = `<${this.localName}`;
    for (const attr of this.attributes) {
      const text = attr.toString();
      if (text !== 'id' && text !== 'class' && text !== 'style') html += ` ${text}`;
    }
    if (this.firstChild === null) return html + (VOID_RE.test(this.localName) ? '>' : `></${this.localName}>`);
    return `${html}>${this.innerHTML}</${this.localName}>`;
  }
}

/** The document: `<html>` with `<head>` (the page title) and `<body>`. */
export class LiteDocument extends LiteParentNode {
  /** linkedom's answers: no `<base>` and no location, so Readability leaves relative links as they are. */
  readonly baseURI = null;
  readonly documentURI = undefined;

  constructor(readonly parseFragment: FragmentParser) {
    super(null as unknown as LiteDocument, DOCUMENT_NODE);
    (this as { doc: LiteDocument }).doc = this;
  }

  get nodeName(): string {
    return '#document';
  }

  override get textContent(): null {
    return null;
  }

  override set textContent(_value: string | null) {
    // A document's textContent is null and setting it does nothing (DOM standard).
  }

  get documentElement(): LiteElement | null {
    return this.firstElementChild;
  }

  get head(): LiteElement | null {
    return this.documentElement?.querySelector('head') ?? null;
  }

  get body(): LiteElement | null {
    const root = this.documentElement;
    if (root === null) return null;
    for (const child of root.children) if (child.lowerName === 'body') return child;
    return root.querySelector('body');
  }

  get title(): string {
    const head = this.head;
    return (head === null ? null : head.getElementsByTagName('title')[0]?.textContent) || '';
  }

  createElement(name: string): LiteElement {
    return new LiteElement(this, name);
  }

  createTextNode(data: string): LiteText {
    return new LiteText(this, String(data));
  }

  createComment(data: string): LiteComment {
    return new LiteComment(this, data);
  }

  toString(): string {
    return this.innerHTML;
  }
}

// Text of every text node below `root` in document order, without recursion.
function walkText(root: LiteParentNode): string {
  let text = '';
  let n: LiteNode | null = root.firstChild;
  while (n !== null) {
    if (n.nodeType === TEXT_NODE) text += (n as LiteText).data;
    else if (n.nodeType === ELEMENT_NODE && (n as LiteElement).firstChild !== null) {
      n = (n as LiteElement).firstChild;
      continue;
    }
    while (n !== null && n.nextSibling === null) {
      n = n.parentNode;
      if (n === root) return text;
    }
    if (n === null) return text;
    n = n.nextSibling;
  }
  return text;
}

// linkedom keeps a class list as a set: each token once, empty tokens dropped, joined by one space.
function normalizeClass(value: string): string {
  if (value === '') return '';
  const tokens = value.split(/\s+/);
  if (tokens.length === 1) return value;
  return [...new Set(tokens.filter((t) => t !== ''))].join(' ');
}
