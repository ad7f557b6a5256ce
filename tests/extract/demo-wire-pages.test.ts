import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/encoding/index.js';
import { extractArticle } from '../../src/extract/index.js';

/**
 * The integrator's demo wire (fixtures/demo-wire): four agency sites with their own chrome. Every article page
 * must come out with its title and date, its text, and none of the boilerplate or captions the fixture lists.
 */
interface DemoExpected {
  articles: Record<string, { agency: string; path: string; title: string; publishedAt: string; textIncludes: string[]; captions?: string[] }>;
  boilerplate: string[];
  otherChrome?: string[];
}

const ROOT = join(import.meta.dirname, '../../fixtures/demo-wire');
const expectedPath = join(ROOT, 'expected.json');
const expected = existsSync(expectedPath) ? (JSON.parse(readFileSync(expectedPath, 'utf8')) as DemoExpected) : null;

function pageFile(agency: string, path: string): string | null {
  for (const candidate of [`${path}.html`, join(path, 'index.html'), path]) {
    const file = join(ROOT, 'sites', agency, candidate);
    if (existsSync(file) && candidate.endsWith('.html')) return file;
  }
  return null;
}

describe.skipIf(expected === null)('extractArticle on the demo wire pages', () => {
  for (const [key, article] of Object.entries(expected?.articles ?? {})) {
    it(key, () => {
      const file = pageFile(article.agency, article.path);
      expect(file, `page file for ${article.path}`).not.toBeNull();
      const { text: html } = decodeBytes(new Uint8Array(readFileSync(file ?? '')), { kind: 'html' });
      // The pipeline hands the feed item over; its date is the fallback when the page has no machine-readable one.
      const feedItem = { title: article.title, summary: null, content: null, publishedAt: article.publishedAt, language: null, authors: [] };
      const result = extractArticle({ html, url: `http://${article.agency}.demo.test${article.path}`, feedItem });
      expect(result.title).toBe(article.title);
      expect(result.publishedAt).toBe(article.publishedAt);
      for (const needle of article.textIncludes) expect(result.text, 'text').toContain(needle);
      for (const needle of [...(article.captions ?? []), ...(expected?.boilerplate ?? []), ...(expected?.otherChrome ?? [])]) {
        expect(result.text.includes(needle), `text must not contain ${JSON.stringify(needle)}`).toBe(false);
      }
    });
  }
});
