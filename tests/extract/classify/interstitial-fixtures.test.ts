import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractArticle, type ExtractFeedItem } from '../../../src/extract/index.js';

const ROOT = fileURLToPath(new URL('../../../fixtures/interstitials/', import.meta.url));
const CASES = readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

function load(name: string): { html: string; url: string; feed: ExtractFeedItem; expected: { nonArticle: string | null } } {
  const read = (file: string): string => readFileSync(`${ROOT}${name}/${file}`, 'utf8');
  return { html: read('source.html'), url: read('url').trim(), feed: JSON.parse(read('feed.json')) as ExtractFeedItem, expected: JSON.parse(read('expected.json')) as { nonArticle: string | null } };
}

describe('interstitial fixtures', () => {
  it('has a wall of every kind, in more than one language, and articles that only talk about walls', () => {
    const kinds = new Set(CASES.map((c) => load(c).expected.nonArticle));
    expect([...kinds].sort()).toEqual(['bot-check', 'cookie-wall', 'error-page', 'login-wall', 'paywall-teaser', null].sort());
  });

  it.each(CASES.filter((c) => load(c).expected.nonArticle !== null))('%s is a non-article; the feed text stands in, under the feed title', (name) => {
    const { html, url, feed, expected } = load(name);
    const article = extractArticle({ html, url, feedItem: feed });
    expect(article.nonArticle?.kind).toBe(expected.nonArticle);
    expect(article.nonArticle?.reason).not.toBe('');
    expect(article.text).toBe(feed.summary);
    expect(article.title).toBe(feed.title);
    expect(article.provenance['title']).toBe('feed');
    expect(article.extraction.method).toBe('feed-summary');
    expect(article.extraction.reason).toMatch(new RegExp(`^non-article:${expected.nonArticle}`));
  });

  it.each(CASES.filter((c) => load(c).expected.nonArticle !== null))('%s without feed text: retried (bot check, error page) or kept as its feed headline, never an article of wall text', (name) => {
    const { html, url, feed, expected } = load(name);
    const bare = { ...feed, summary: null, content: null };
    // Bot checks and error pages pass; the item is fetched again next run. The other walls stay: the item is kept as its headline.
    if (expected.nonArticle === 'bot-check' || expected.nonArticle === 'error-page') {
      expect(() => extractArticle({ html, url, feedItem: bare })).toThrow(
        expect.objectContaining({ code: 'EXTRACT_EMPTY', retryable: true, details: expect.objectContaining({ nonArticle: expected.nonArticle }) }),
      );
      return;
    }
    const headline = extractArticle({ html, url, feedItem: bare });
    expect([headline.title, headline.text, headline.html, headline.wordCount, headline.extraction.method]).toEqual([feed.title, '', null, 0, 'none']);
    expect(headline.nonArticle?.kind).toBe(expected.nonArticle);
    // Without a title either, nothing names the article: a final failure.
    expect(() => extractArticle({ html, url, feedItem: { ...bare, title: '' } })).toThrow(
      expect.objectContaining({ code: 'EXTRACT_EMPTY', retryable: false, details: expect.objectContaining({ nonArticle: expected.nonArticle }) }),
    );
  });

  it.each(CASES.filter((c) => load(c).expected.nonArticle === null))('%s stays an article, its own text', (name) => {
    const { html, url, feed } = load(name);
    const article = extractArticle({ html, url, feedItem: feed });
    expect(article.nonArticle).toBeNull();
    expect(article.extraction.method).toBe('readability');
    expect(article.wordCount).toBeGreaterThan(40);
  });
});
