import { prunedPageMarkup, type PrunedPage } from './build-dom.js';
import { requireOnFirstUse } from '../../types/index.js';
import type { DomDocument } from './dom-types.js';
import { buildLiteDocument, parseLiteDocument } from './lite-build.js';

/** Which DOM implementation builds the document: our own small DOM (lite-dom.ts, the default), linkedom or jsdom. */
export type DomEngine = 'lite' | 'linkedom' | 'jsdom';

/** A parsed document and the function that frees it. */
export interface ParsedDocument {
  document: DomDocument;
  /** Releases the window (jsdom keeps closed windows alive otherwise; a no-op for the others). */
  close(): void;
}

interface JsdomModule {
  JSDOM: new (html: string) => { window: { document: DomDocument; close(): void } };
}
const jsdom = requireOnFirstUse<JsdomModule>('jsdom');
/** linkedom is loaded on first use: its import loads cssom and cssstyle (~0.3 CPU-s), needed only for comparisons now. */
const linkedom = requireOnFirstUse<{ parseHTML(html: string): unknown }>('linkedom');

/**
 * Builds a DOM without running scripts or loading subresources. The default is our own small DOM over
 * htmlparser2 (lite-dom.ts): it gives the tree, text and markup linkedom gave (checked page by page on both dev
 * corpora) at a fraction of the cost per node (docs/notes/extract.md). linkedom and jsdom stay available for
 * comparisons and are loaded only when asked for (jsdom costs ~40 MB to import).
 * The markup must already be shaped by `prepareHtml` (scripts/styles stripped, document element present).
 * A pruned page (see `PrunedPage`) is built directly where that gives the same DOM as its markup would, and
 * serialised and parsed otherwise (always for linkedom and jsdom).
 */
export function parseDocument(input: string | PrunedPage, engine: DomEngine = 'lite'): ParsedDocument {
  if (engine === 'lite') {
    const document = typeof input === 'string' ? parseLiteDocument(input) : buildLiteDocument(input);
    return { document: document as unknown as DomDocument, close: () => undefined };
  }
  const html = typeof input === 'string' ? input : prunedPageMarkup(input);
  if (engine === 'jsdom') {
    const { window } = new (jsdom().JSDOM)(html);
    return { document: window.document, close: () => window.close() };
  }
  const { document } = linkedom().parseHTML(html) as { document: DomDocument };
  return { document, close: () => undefined };
}
