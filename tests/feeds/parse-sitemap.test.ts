import { describe, expect, it } from 'vitest';
import { parseSitemap, parseSitemapInSlices, SITEMAP_MAX_URLS } from '../../src/feeds/index.js';
import { generateNewsSitemap } from '../support/generate-news-sitemap.js';
import { thrown } from '../support/thrown.js';

const fetchedAt = new Date('2024-03-06T00:00:00Z');

describe('parseSitemap limits', () => {
  it('reads a 50,000-URL news sitemap (the protocol limit) and refuses 50,001 with SITEMAP_TOO_LARGE', () => {
    const full = parseSitemap(generateNewsSitemap(SITEMAP_MAX_URLS), { fetchedAt });
    expect(full.items).toHaveLength(50_000);
    expect(full.items[49_999]).toMatchObject({ key: 'https://big.example/news/2024/03/05/story-49999', title: 'Report 49999: talks resume in Zürich & Geneva', language: 'en' });
    const error = thrown(() => parseSitemap(generateNewsSitemap(SITEMAP_MAX_URLS + 1), { fetchedAt }));
    expect(error).toMatchObject({ code: 'SITEMAP_TOO_LARGE', retryable: false, details: { reason: 'entries', limit: 50_000 } });
  });

  it('applies a smaller configured bound on entries', () => {
    expect(thrown(() => parseSitemap(generateNewsSitemap(11), { fetchedAt, maxUrls: 10 }))).toMatchObject({ code: 'SITEMAP_TOO_LARGE' });
  });

  it('refuses nesting no sitemap has, an empty body, and a document with no element', () => {
    const deep = `<urlset>${'<url>'.repeat(100)}</urlset>`;
    expect(thrown(() => parseSitemap(deep, { fetchedAt }))).toMatchObject({ code: 'SITEMAP_MALFORMED', details: { reason: 'depth' } });
    expect(thrown(() => parseSitemap(new Uint8Array(), { fetchedAt }))).toMatchObject({ code: 'SITEMAP_MALFORMED', details: { reason: 'empty' } });
    expect(thrown(() => parseSitemap('just text', { fetchedAt }))).toMatchObject({ code: 'SITEMAP_MALFORMED' });
  });

  it('parses in slices with the same result, pausing between them', async () => {
    const bytes = generateNewsSitemap(5000);
    let pauses = 0;
    const sliced = await parseSitemapInSlices(bytes, {
      fetchedAt,
      pause: async () => {
        pauses++;
      },
    });
    expect(sliced).toEqual(parseSitemap(bytes, { fetchedAt }));
    expect(pauses).toBeGreaterThan(10);
  });
});
