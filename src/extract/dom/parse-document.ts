import { parseHTML } from 'linkedom';
import type { DomDocument } from './dom-types.js';

/** A parsed document and the function that frees it. */
export interface ParsedDocument {
  document: DomDocument;
  /** Releases the window (jsdom keeps closed windows alive otherwise; a no-op for linkedom). */
  close(): void;
}

/**
 * Builds a DOM with linkedom: no script execution, no subresource loading, no stylesheet parsing.
 * linkedom was chosen over jsdom on measurement (bench/extract-bench.ts; docs/notes/extract.md).
 * The markup must already be shaped by `prepareHtml` (linkedom needs a document element).
 */
export function parseDocument(html: string): ParsedDocument {
  const { document } = parseHTML(html) as unknown as { document: DomDocument };
  return { document, close: () => undefined };
}
