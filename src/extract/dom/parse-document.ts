import { createRequire } from 'node:module';
import { parseHTML } from 'linkedom';
import type { DomDocument } from './dom-types.js';

/** Which DOM implementation builds the document. */
export type DomEngine = 'linkedom' | 'jsdom';

/** A parsed document and the function that frees it. */
export interface ParsedDocument {
  document: DomDocument;
  /** Releases the window (jsdom keeps closed windows alive otherwise; a no-op for linkedom). */
  close(): void;
}

interface JsdomModule {
  JSDOM: new (html: string) => { window: { document: DomDocument; close(): void } };
}
let jsdom: JsdomModule | null = null;

/**
 * Builds a DOM without running scripts or loading subresources. linkedom is the default, chosen over jsdom on
 * measurement (same F1, several times faster, a fraction of the memory: docs/notes/extract.md); jsdom stays
 * available for the benchmark's comparison and is loaded only when asked for (it costs ~40 MB to import).
 * The markup must already be shaped by `prepareHtml` (scripts/styles stripped, document element present).
 */
export function parseDocument(html: string, engine: DomEngine = 'linkedom'): ParsedDocument {
  if (engine === 'jsdom') {
    jsdom ??= createRequire(import.meta.url)('jsdom') as JsdomModule;
    const { window } = new jsdom.JSDOM(html);
    return { document: window.document, close: () => window.close() };
  }
  const { document } = parseHTML(html) as unknown as { document: DomDocument };
  return { document, close: () => undefined };
}
