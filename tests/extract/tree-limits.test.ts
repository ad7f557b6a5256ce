import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { parseFastTree } from '../../src/extract/dom/fast-tree.js';
import { createExtractorPool } from '../../src/extract/index.js';

const FEED = { title: 'Dam repair delayed', summary: 'Repairs to the dam are delayed by a month, the ministry said.', content: null, publishedAt: null, language: null, authors: [] };

// Issue 18: a page of a million nested divs took 153 s with workers: 0. The depth cap makes it fail at once, typed.
describe('tree limits', () => {
  it('a page of a million nested divs fails as EXTRACT_FAILED nesting-too-deep, inline', () => {
    const html = `<html><body>${'<div>'.repeat(1_000_000)}text</body></html>`;
    expect(() => extractArticle({ html, url: 'https://example.com/deep', feedItem: FEED, maxHtmlBytes: 8 * 1024 * 1024 })).toThrow(
      expect.objectContaining({ code: 'EXTRACT_FAILED', details: { reason: 'nesting-too-deep' } }),
    );
  });

  it('and through the pool with workers: 0', async () => {
    const pool = createExtractorPool({ workers: 0, timeoutMs: 60_000 });
    try {
      await expect(pool.extract({ html: `<body>${'<span>'.repeat(200_000)}</body>`, url: 'https://example.com/deep' })).rejects.toMatchObject({ code: 'EXTRACT_FAILED', details: { reason: 'nesting-too-deep' } });
    } finally {
      await pool.close();
    }
  });

  it('caps the element count too', () => {
    expect(() => parseFastTree(`<body>${'<i></i>'.repeat(101)}</body>`, { maxDepth: 100, maxElements: 100 })).toThrow(expect.objectContaining({ code: 'EXTRACT_FAILED', details: { reason: 'too-many-elements' } }));
    expect(() => parseFastTree(`<body>${'<i></i>'.repeat(90)}</body>`, { maxDepth: 100, maxElements: 100 })).not.toThrow();
  });

  it('leaves deep but real nesting alone (unclosed inline tags of an old template)', () => {
    const html = `<html><body><article>${'<font size="2">'.repeat(300)}<p>${'A sentence of the report that goes on for a while. '.repeat(30)}</p></article></body></html>`;
    expect(extractArticle({ html, url: 'https://example.com/old' }).wordCount).toBeGreaterThan(250);
  });
});
