/**
 * The slice of the DOM the extractor uses. The project compiles without the DOM lib (it is a Node program),
 * and keeping our own narrow interface means linkedom and jsdom are interchangeable behind `parseDocument`.
 */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly parentNode: DomNode | null;
  readonly nextSibling: DomNode | null;
  readonly childNodes: ArrayLike<DomNode>;
  textContent: string | null;
  remove(): void;
}

/** An element node (nodeType 1). */
export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly attributes: ArrayLike<{ name: string; value: string }>;
  readonly children: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
}

/** The document. */
export interface DomDocument {
  readonly documentElement: DomElement | null;
  readonly head: DomElement | null;
  readonly body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
}

/** Element node type (the DOM's number). */
export const ELEMENT_NODE = 1;
/** Text node type (the DOM's number). */
export const TEXT_NODE = 3;

/** True for element nodes. */
export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}
