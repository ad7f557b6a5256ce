import { expect } from 'vitest';
import { parseXml, type TestDocument, type TestElement } from '../support/parse-dom.js';

const ATOM = 'http://www.w3.org/2005/Atom';
/** RFC 3339 date-time (the profile of ISO 8601 Atom and JSON Feed require). */
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an Atom document with a strict XML parser (jsdom's, which rejects what Miniflux's,
 * FreshRSS's and Thunderbird's parsers reject) and checks RFC 4287's required elements: the feed
 * and every entry have exactly one id, title and updated (RFC 3339), an author (their own or the
 * feed's), an entry without content has an alternate link, and every link is absolute http(s).
 * Returns the document for further checks.
 */
export function checkAtom(text: string): TestDocument {
  const doc = parseXml(text);
  expect(doc.getElementsByTagName('parsererror').length, text.slice(0, 200)).toBe(0);
  const feed = doc.documentElement;
  expect([feed.namespaceURI, feed.localName]).toEqual([ATOM, 'feed']);
  const own = (el: TestElement, name: string): TestElement[] => [...el.children].filter((c) => c.namespaceURI === ATOM && c.localName === name);
  const one = (el: TestElement, name: string): TestElement => {
    const found = own(el, name);
    expect(found.length, `<${el.localName}> has exactly one <${name}>`).toBe(1);
    return found[0] as TestElement;
  };
  for (const el of [feed, ...own(feed, 'entry')]) {
    expect(one(el, 'id').textContent).toMatch(/^[a-z][a-z0-9+.-]*:\S+$/);
    expect(one(el, 'title').textContent?.trim()).not.toBe('');
    expect(one(el, 'updated').textContent).toMatch(RFC3339);
    for (const published of own(el, 'published')) expect(published.textContent).toMatch(RFC3339);
    if (el !== feed) {
      expect(own(el, 'author').length + own(feed, 'author').length).toBeGreaterThan(0);
      if (own(el, 'content').length === 0) expect(own(el, 'link').some((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate')).toBe(true);
    }
  }
  for (const author of doc.getElementsByTagNameNS(ATOM, 'author')) expect(one(author, 'name').textContent?.trim()).not.toBe('');
  for (const link of doc.getElementsByTagNameNS(ATOM, 'link')) expect(link.getAttribute('href')).toMatch(/^https?:\/\/[^/\s]+/);
  return doc;
}

/** The JSON Feed 1.1 requirements: version, title, items with a string id and content; RFC 3339 dates; absolute URLs. */
export function checkJsonFeed(text: string): { items: Record<string, unknown>[] } & Record<string, unknown> {
  const feed = JSON.parse(text) as { items: Record<string, unknown>[] } & Record<string, unknown>;
  expect(feed['version']).toBe('https://jsonfeed.org/version/1.1');
  expect(typeof feed['title']).toBe('string');
  expect(Array.isArray(feed.items)).toBe(true);
  for (const key of ['home_page_url', 'feed_url']) if (key in feed) expect(feed[key]).toMatch(/^https?:\/\//);
  for (const item of feed.items) {
    expect(typeof item['id']).toBe('string');
    expect(typeof item['content_html'] === 'string' || typeof item['content_text'] === 'string').toBe(true);
    for (const key of ['date_published', 'date_modified']) if (key in item) expect(item[key]).toMatch(RFC3339);
    if ('url' in item) expect(item['url']).toMatch(/^https?:\/\//);
  }
  return feed;
}
