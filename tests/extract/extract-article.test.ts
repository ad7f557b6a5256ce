import { describe, expect, it } from 'vitest';
import { WiredeskError } from '../../src/errors/index.js';
import { extractArticle } from '../../src/extract/index.js';

const para = (n: number): string => `<p>Paragraph ${n} reports that the council met on Monday to discuss the new water plan for the city and its villages.</p>`;
const page = (body: string, head = ''): string => `<!doctype html><html lang="en"><head><title>Water plan | City News</title>${head}</head><body><article><h1>Water plan</h1>${body}</article></body></html>`;
const feed = (content: string | null, summary: string | null) => ({ title: 'Water plan', summary, content, publishedAt: '2024-05-01T10:00:00Z', language: 'en', authors: ['Desk'] });

describe('extractArticle', () => {
  it('reads the content region as the body when Readability finds a third of its words or less (method density)', () => {
    // The app shell hides the rendered article until scripts run: Readability skips hidden nodes and finds nothing.
    const body = Array.from({ length: 6 }, (_, i) => para(i + 1)).join('');
    const html = page(`<div hidden><div class="story">${body}</div></div><div class="share-bar"><a href="/s">Share on Facebook</a></div>`);
    const article = extractArticle({ html, url: 'https://city.example/density' });
    expect(article.extraction.method).toBe('density');
    expect(article.provenance['text']).toBe('density');
    expect(article.text.split('\n\n')).toHaveLength(6);
    expect(article.text).not.toContain('Share on Facebook');
  });

  it('keeps Readability when it finds as much as the content region', () => {
    const article = extractArticle({ html: page(Array.from({ length: 6 }, (_, i) => para(i + 1)).join('')), url: 'https://city.example/readability' });
    expect(article.extraction.method).toBe('readability');
  });

  it('cuts pages over the size cap before parsing and says so', () => {
    const html = page(Array.from({ length: 40 }, (_, i) => para(i + 1)).join(''));
    const article = extractArticle({ html, url: 'https://city.example/a', maxHtmlBytes: 2000 });
    expect(article.extraction.reason).toContain('html-truncated');
    expect(article.text).toContain('Paragraph 1 ');
    expect(article.text).not.toContain('Paragraph 40 ');
  });

  it('uses the feed content, with its method, when the page body is much shorter', () => {
    const content = Array.from({ length: 8 }, (_, i) => para(i + 1)).join('');
    const article = extractArticle({ html: page(`${para(1)}${para(2)}`), url: 'https://city.example/b', feedItem: feed(content, null) });
    expect(article.extraction).toEqual({ method: 'feed-content', reason: 'body-shorter-than-feed' });
    expect(article.text.split('\n\n')).toHaveLength(8);
    expect(article.provenance['text']).toBe('feed');
  });

  it('keeps the page body when it is as long as the feed text', () => {
    const body = Array.from({ length: 6 }, (_, i) => para(i + 1)).join('');
    const article = extractArticle({ html: page(body), url: 'https://city.example/c', feedItem: feed(null, '<p>Short summary of the plan.</p>') });
    expect(article.extraction.method).toBe('readability');
    expect(article.publishedAt).toBe('2024-05-01T10:00:00.000Z');
    expect(article.provenance['publishedAt']).toBe('feed');
    expect(article.byline).toBe('Desk');
  });

  it('throws EXTRACT_EMPTY with a reason when neither page nor feed has text', () => {
    const error = (() => {
      try {
        extractArticle({ html: '<html><body><nav><a href="/">Home</a></nav></body></html>', url: 'https://city.example/d', feedItem: feed(null, null) });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(WiredeskError);
    expect((error as WiredeskError).code).toBe('EXTRACT_EMPTY');
    expect((error as WiredeskError).details?.['reason']).toBeTypeOf('string');
  });

  it('ignores site selectors and patterns that do not compile instead of failing the page', () => {
    const body = Array.from({ length: 5 }, (_, i) => para(i + 1)).join('');
    const site = { removeSelectors: ['div[[[', '.x'], bodySelector: null, dropLinePatterns: ['(unclosed'] };
    expect(extractArticle({ html: page(body), url: 'https://city.example/e', site }).text.split('\n\n')).toHaveLength(5);
  });

  it('drops elements hidden by inline style also when the site names its body element (found or not)', () => {
    const body = `${para(1)}${para(2)}<div style="display:none">Hidden tracking text for crawlers</div>${para(3)}${para(4)}`;
    for (const bodySelector of ['article', '.missing']) {
      const article = extractArticle({ html: page(body), url: 'https://city.example/h', site: { removeSelectors: [], bodySelector, dropLinePatterns: [] } });
      expect(article.text).toContain('Paragraph 4 ');
      expect(article.text).not.toContain('Hidden tracking');
      expect(article.html).not.toContain('Hidden tracking');
    }
  });

  it('resolves the canonical URL and lead image against <base href>, as the body links are', () => {
    const head = '<base href="https://www.city.example/news/"><link rel="canonical" href="water-plan"><meta property="og:image" content="img/lead.jpg">';
    const article = extractArticle({ html: page(`${Array.from({ length: 5 }, (_, i) => para(i + 1)).join('')}<p>See <a href="budget">the budget</a>.</p>`, head), url: 'https://cache.example/123' });
    expect(article.canonicalUrl).toBe('https://www.city.example/news/water-plan');
    expect(article.leadImage).toBe('https://www.city.example/news/img/lead.jpg');
    expect(article.html).toContain('href="https://www.city.example/news/budget"');
  });

  it('prefers JSON-LD and meta over the visible page, with provenance', () => {
    const head = '<meta property="og:title" content="Council adopts water plan"><meta property="article:published_time" content="2024-05-02T08:00:00+02:00"><link rel="canonical" href="/news/water-plan">';
    const article = extractArticle({ html: page(Array.from({ length: 5 }, (_, i) => para(i + 1)).join(''), head), url: 'https://city.example/e?utm=x' });
    expect(article.title).toBe('Council adopts water plan');
    expect(article.publishedAt).toBe('2024-05-02T06:00:00.000Z');
    expect(article.canonicalUrl).toBe('https://city.example/news/water-plan');
    expect(article.provenance).toMatchObject({ title: 'og', publishedAt: 'meta', canonicalUrl: 'html', language: 'html' });
  });
});
