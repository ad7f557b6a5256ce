import { createRequire } from 'node:module';
import { buildPrunedBody, prunedPageMarkup, prunedPageSkeleton, type PrunedPage } from './build-dom.js';
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
/** linkedom is loaded on first use: its import loads cssom and cssstyle (~0.3 CPU-s), which a main thread whose pages go to workers never needs. */
let linkedom: { parseHTML(html: string): unknown } | null = null;

/** Loads the default DOM now (a worker does it before it says it is ready, so no page pays for it). */
export function loadDefaultDom(): void {
  linkedom ??= createRequire(import.meta.url)('linkedom') as { parseHTML(html: string): unknown };
}

/**
 * Builds a DOM without running scripts or loading subresources. linkedom is the default, chosen over jsdom on
 * measurement (same F1, several times faster, a fraction of the memory: docs/notes/extract.md); jsdom stays
 * available for the benchmark's comparison and is loaded only when asked for (it costs ~40 MB to import).
 * The markup must already be shaped by `prepareHtml` (scripts/styles stripped, document element present).
 * A pruned page (see `PrunedPage`) is built into linkedom's DOM directly where that gives the same DOM as its
 * markup would, and serialised and parsed otherwise (and always for jsdom).
 */
export function parseDocument(input: string | PrunedPage, engine: DomEngine = 'linkedom'): ParsedDocument {
  if (typeof input !== 'string' && engine === 'linkedom') {
    const built = parseDocument(prunedPageSkeleton(input), engine);
    if (buildPrunedBody(built.document, input)) return built;
  }
  const html = typeof input === 'string' ? input : prunedPageMarkup(input);
  if (engine === 'jsdom') {
    jsdom ??= createRequire(import.meta.url)('jsdom') as JsdomModule;
    const { window } = new jsdom.JSDOM(html);
    return { document: window.document, close: () => window.close() };
  }
  loadDefaultDom();
  const { document } = (linkedom as { parseHTML(html: string): unknown }).parseHTML(html) as { document: DomDocument };
  return { document, close: () => undefined };
}
