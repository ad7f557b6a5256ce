/**
 * Worker thread of the baseline: plain Readability on jsdom, the way its README shows it
 * (`new JSDOM(html, { url })`, `new Readability(document).parse()`, `textContent`). Protocol: the pool posts
 * `{ id, html, url, stripped }`; the worker answers `{ id, ok, text, restyled }`; `{ ready: true }` once modules
 * are loaded. `stripped` removes `<style>` elements before jsdom parses the page: Readability removes them
 * itself before it reads anything, so the text is the same (checked: identical on all 131 extraction-dev pages
 * and 80 evenly spaced WCXB pages) and jsdom parses faster. (Not `<script>`: Readability
 * reads JSON-LD scripts for metadata it also uses on the body, such as the title; removing scripts changed the
 * text of 7 of 211 pages checked.) Only the untimed quality pass uses it; the timed pass is
 * the textbook call.
 */
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import { Readability } from '@mozilla/readability';
import type { BaselineRequest, BaselineResponse } from './extract-baseline-pool.js';

interface JsdomModule {
  JSDOM: new (html: string, options: { url: string; virtualConsole: unknown }) => { window: { document: unknown; close(): void } };
  VirtualConsole: new () => unknown;
}

// jsdom is a dev dependency without bundled types here; loaded once per worker (start-up, not per page).
const { JSDOM, VirtualConsole } = createRequire(import.meta.url)('jsdom') as JsdomModule;

parentPort?.on('message', (request: BaselineRequest) => {
  let response: BaselineResponse;
  try {
    response = { id: request.id, ok: true, ...(request.stripped === true ? { text: readabilityText(stripStyles(request.html), request.url), restyled: false } : readPage(request.html, request.url)) };
  } catch (error) {
    response = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(response);
});

parentPort?.postMessage({ ready: true } satisfies BaselineResponse);

/**
 * jsdom 27 throws on a few real stylesheets (FACTS.md); Readability never reads them, so such a page is
 * read again with its `<style>` elements removed (counted as `restyled`) rather than scored as empty.
 */
function readPage(html: string, url: string): { text: string; restyled: boolean } {
  try {
    return { text: readabilityText(html, url), restyled: false };
  } catch {
    return { text: readabilityText(stripStyles(html), url), restyled: true };
  }
}

// The HTML tokenizer ends a raw-text element at the first matching end tag, as this pattern does.
function stripStyles(html: string): string {
  return html.replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, '');
}

function readabilityText(html: string, url: string): string {
  // A silent console: jsdom reports every stylesheet it cannot parse, which is noise here, not output.
  const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
  try {
    return new Readability(dom.window.document as never).parse()?.textContent ?? '';
  } finally {
    dom.window.close();
  }
}
