import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSitemap } from '../../src/feeds/index.js';
import { fixtureCases } from '../support/fixture-cases.js';

/**
 * One folder per case under fixtures/sitemaps: `sitemap.xml` (bytes fed as-is), optional
 * `options.json` ({contentType, baseUrl, fetchedAt, maxAgeHours}) and `expected.json` (the
 * ParsedSitemap, or {error}). `WIREDESK_UPDATE_FIXTURES=1` rewrites the expectations (review the diff).
 * Child files of an index (`children/`) are served by the reader tests in tests/sources.
 */
const ROOT = join(import.meta.dirname, '../../fixtures/sitemaps');

describe('sitemap fixtures', () => {
  const cases = fixtureCases(ROOT, (dir, options) =>
    parseSitemap(new Uint8Array(readFileSync(join(dir, 'sitemap.xml'))), {
      contentType: options.contentType ?? null,
      baseUrl: options.baseUrl ?? null,
      fetchedAt: new Date(options.fetchedAt ?? '2024-03-06T00:00:00Z'),
      maxAgeHours: options.maxAgeHours ?? null,
    }),
  );
  it('has the cases issue 17 names', () => {
    for (const name of ['news-sitemap', 'sitemap-index-gzip-children', 'old-entries-cutoff', 'non-news-dated-by-lastmod', 'html-served-instead', 'bom-and-wrong-content-type']) {
      expect(cases).toContain(name);
    }
  });
});
