import { DomUtils, parseDocument as parseWithHtmlparser2 } from 'htmlparser2';

/** htmlparser2's document (domhandler nodes: plain objects, cheap to walk). */
export type FastDocument = ReturnType<typeof parseWithHtmlparser2>;
/** Any node of the fast tree. */
export type FastNode = FastDocument['children'][number];
/** An element of the fast tree. */
export type FastElement = Extract<FastNode, { attribs: Record<string, string> }>;

/**
 * Parses markup with htmlparser2 into plain objects. Walking this tree costs microseconds where the same walk
 * over linkedom's DOM costs milliseconds, so metadata reading and the rule-based pre-clean happen here, and
 * only the pruned body goes on to the DOM that Readability needs.
 */
export function parseFastTree(html: string): FastDocument {
  return parseWithHtmlparser2(html, { decodeEntities: true });
}

/** True for element nodes (script/style count as elements in domhandler). */
export function isFastElement(node: FastNode | FastDocument): node is FastElement {
  return 'attribs' in node && typeof (node as FastElement).name === 'string';
}

/** Child elements of a node. */
export function fastChildren(node: FastElement | FastDocument): FastElement[] {
  return (node.children as FastNode[]).filter(isFastElement);
}

/** Text of a subtree (entities already decoded). */
export function fastText(node: FastNode | FastDocument): string {
  return DomUtils.textContent(node as FastNode);
}

/** Serialises a subtree back to HTML. */
export function fastOuterHtml(node: FastNode | FastDocument): string {
  return DomUtils.getOuterHTML(node as FastNode, { decodeEntities: true, encodeEntities: 'utf8' });
}

/** Detaches a node from its parent. */
export function fastRemove(node: FastNode): void {
  DomUtils.removeElement(node);
}

/** The first element with the given tag name in document order, or null. */
export function findFirst(root: FastDocument | FastElement, name: string): FastElement | null {
  return DomUtils.findOne((el) => el.name === name, root.children as FastNode[], true) as FastElement | null;
}
