import { createRequire } from 'node:module';

/** The part of a DOM element the board and feed tests read (the project compiles without the DOM lib). */
export interface TestElement {
  readonly localName: string;
  readonly namespaceURI: string | null;
  readonly textContent: string | null;
  readonly children: ArrayLike<TestElement> & Iterable<TestElement>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selectors: string): TestElement | null;
  querySelectorAll(selectors: string): ArrayLike<TestElement> & Iterable<TestElement>;
  getElementsByTagName(name: string): ArrayLike<TestElement> & Iterable<TestElement>;
  getElementsByTagNameNS(ns: string, name: string): ArrayLike<TestElement> & Iterable<TestElement>;
}

/** The part of a DOM document the tests read. */
export interface TestDocument extends TestElement {
  readonly documentElement: TestElement;
  getElementById(id: string): TestElement | null;
}

interface JsdomModule {
  JSDOM: new (html?: string) => { window: { document: TestDocument; DOMParser: new () => { parseFromString(text: string, type: string): TestDocument } } };
}

// jsdom is a dev dependency without bundled types; loaded through require and typed by the subset above.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as JsdomModule;

/** Parses HTML as a browser with scripting off does (so `<noscript>` content is ordinary markup). */
export function parseHtml(html: string): TestDocument {
  return new JSDOM(html).window.document;
}

/** Parses XML with jsdom's strict parser: a malformed document yields a `parsererror` element. */
export function parseXml(text: string): TestDocument {
  return new (new JSDOM('').window.DOMParser)().parseFromString(text, 'application/xml');
}
