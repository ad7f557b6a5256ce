import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/encoding/index.js';
import { extractArticle, type ExtractedArticle, type ExtractFeedItem } from '../../src/extract/index.js';
import type { SiteExtractConfig } from '../../src/config/index.js';

/**
 * One folder per behaviour under fixtures/articles/<case>/: source.html (bytes, decoded here with decodeBytes
 * as the pipeline does), url, expected.json (text and the metadata fields to check, strings that must not
 * appear), and optionally feed.json (the feed item) and site.json (per-site rules).
 */
interface Expected {
  text: string;
  mustNotContain?: string[];
  method?: string;
  reason?: string;
  htmlContains?: string[];
  htmlNotContains?: string[];
  [field: string]: unknown;
}

const ROOT = join(import.meta.dirname, '../../fixtures/articles');
const META_FIELDS = ['title', 'byline', 'publishedAt', 'updatedAt', 'language', 'direction', 'siteName', 'canonicalUrl', 'leadImage'] as const;

function readJson<T>(path: string): T | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : null;
}

/** Names the first paragraph that differs, so a failure says what was lost or kept. */
function firstDifference(actual: string, expected: string): string | null {
  const a = actual.split('\n\n');
  const e = expected.split('\n\n');
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] !== e[i]) {
      return `paragraph ${i + 1} differs:\n  expected: ${JSON.stringify(e[i] ?? '<none>')}\n  actual:   ${JSON.stringify(a[i] ?? '<none>')}\n(actual has ${a.length} paragraphs, expected ${e.length})`;
    }
  }
  return null;
}

function run(dir: string): { article: ExtractedArticle; expected: Expected } {
  const bytes = readFileSync(join(dir, 'source.html'));
  const { text: html } = decodeBytes(new Uint8Array(bytes), { kind: 'html' });
  const url = readFileSync(join(dir, 'url'), 'utf8').trim();
  const feedItem = readJson<ExtractFeedItem>(join(dir, 'feed.json'));
  const site = readJson<SiteExtractConfig>(join(dir, 'site.json'));
  const expected = readJson<Expected>(join(dir, 'expected.json'));
  if (expected === null) throw new Error(`${dir}: no expected.json`);
  return { article: extractArticle({ html, url, feedItem, site }), expected };
}

describe('extractArticle on fixture pages', () => {
  const cases = readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

  it('has fixture cases', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  for (const name of cases) {
    it(name, () => {
      const { article, expected } = run(join(ROOT, name));
      expect(firstDifference(article.text, expected.text), 'text').toBeNull();
      for (const needle of expected.mustNotContain ?? []) {
        expect(article.text.includes(needle), `text must not contain ${JSON.stringify(needle)}`).toBe(false);
        if (article.html !== null) expect(article.html.includes(needle), `html must not contain ${JSON.stringify(needle)}`).toBe(false);
      }
      for (const field of META_FIELDS) {
        if (field in expected) expect(article[field], field).toBe(expected[field]);
      }
      if (expected.method !== undefined) expect(article.extraction.method, 'extraction.method').toBe(expected.method);
      if (expected.reason !== undefined) expect(article.extraction.reason, 'extraction.reason').toBe(expected.reason);
      for (const needle of expected.htmlContains ?? []) expect(article.html ?? '', 'html').toContain(needle);
      for (const needle of expected.htmlNotContains ?? []) expect(article.html ?? '', 'html').not.toContain(needle);
      expect(article.text).not.toMatch(/&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i);
      expect(article.wordCount).toBeGreaterThan(0);
    });
  }
});
