import { DomHandler } from 'htmlparser2';
import { WiredeskError } from '../../errors/index.js';

/** Limits of the tree a page may build; past either, extraction fails with EXTRACT_FAILED and the reason. */
export interface TreeLimits {
  /** Open elements at once. Real pages stay under ~60 (benchmark pages: 56 at most); Chrome flattens past 512. */
  maxDepth: number;
  /** Elements in the page (the 840 benchmark pages: under 5,000 after scripts and styles are stripped; 99,000 flat paragraphs took 12.8 s inline here, inside the default 15 s worker budget, which handles anything slower). */
  maxElements: number;
}

/** Generous for any real page, and small enough that a hostile one fails in well under a second. */
export const DEFAULT_TREE_LIMITS: TreeLimits = { maxDepth: 1_000, maxElements: 100_000 };

/**
 * htmlparser2's DOM builder, stopped with a typed error once the markup nests deeper or holds more elements
 * than the limits allow. The parser keeps its open elements in an array it grows at the front, so every
 * opening tag costs as much as the current depth: a million nested divs is quadratic (minutes), while the
 * depth cap keeps any page linear. Element counts bound what the DOM and Readability do afterwards.
 */
export class BoundedDomHandler extends DomHandler {
  private elements = 0;

  constructor(private readonly limits: TreeLimits) {
    super(null, { withStartIndices: false, withEndIndices: false });
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    this.elements++;
    if (this.elements > this.limits.maxElements) throw limitError('too-many-elements', `more than ${this.limits.maxElements} elements`);
    if (this.tagStack.length > this.limits.maxDepth) throw limitError('nesting-too-deep', `elements nested more than ${this.limits.maxDepth} deep`);
    super.onopentag(name, attribs);
  }
}

function limitError(reason: string, what: string): WiredeskError {
  return new WiredeskError('EXTRACT_FAILED', `extract: the page has ${what}`, { details: { reason } });
}
