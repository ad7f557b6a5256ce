import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WiredeskError } from '../../src/errors/index.js';
import { extractArticle } from '../../src/extract/index.js';
import { seededRandom } from '../support/seeded-random.js';

const ROOT = join(import.meta.dirname, '../../fixtures/articles');
const SOURCES = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .map((name) => readFileSync(join(ROOT, name, 'source.html'), 'latin1'));


const SNIPPETS = [
  '<', '>', '</div>', '<div>', '<p>', '<table><tr><td>', '<!--', '-->', '<script>', '</script>', '<style>a{border:inherit;border-color:transparent}</style>',
  '&amp;', '&#0;', '&#xD800;', '&#99999999;', '&nbsp;', '"', "'", '<svg><foreignObject><p>x</p></svg>', '<math>', '\u0000', '\uFFFF', '\uD800',
  '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":', '<meta property="og:title" content="', '<html lang="', '<br>'.repeat(50),
  '<base href="javascript:alert(1)">', '<a href="http://[::1">x</a>', '<img src="data:image/png;base64,AAAA">', '<time datetime="99999-99-99">',
];

function mutate(source: string, random: () => number): string {
  let text = source;
  const steps = 1 + Math.floor(random() * 6);
  for (let i = 0; i < steps; i++) {
    const at = Math.floor(random() * (text.length + 1));
    // Deep nesting is the slow case (it is flattened at depth 64, still ~0.3 s a page): rarer than the others.
    switch (Math.floor(random() * 11)) {
      case 0:
        text = text.slice(0, at);
        break;
      case 1:
        text = text.slice(0, at) + SNIPPETS[Math.floor(random() * SNIPPETS.length)] + text.slice(at);
        break;
      case 2:
        text = text.slice(0, at) + text.slice(at + Math.floor(random() * 400));
        break;
      case 3:
        text = text.slice(0, at) + text.slice(Math.floor(random() * text.length), Math.floor(random() * text.length)) + text.slice(at);
        break;
      case 4:
        text = text.slice(0, at) + '<div>'.repeat(2000) + text.slice(at);
        break;
      case 5:
      case 6:
        text = text.slice(0, at) + String.fromCharCode(Math.floor(random() * 0xffff)) + text.slice(at);
        break;
      default:
        text = text.slice(0, at) + SNIPPETS[Math.floor(random() * SNIPPETS.length)] + text.slice(at);
    }
  }
  return text;
}

describe('extractArticle under random mutations of the fixture pages', () => {
  it('returns an article or throws a WiredeskError, never anything else', () => {
    const random = seededRandom(20170308);
    for (let i = 0; i < 200; i++) {
      const source = SOURCES[i % SOURCES.length] ?? '';
      const html = mutate(source, random);
      const url = random() < 0.1 ? 'not a url' : 'https://wire.example/news/x';
      try {
        const article = extractArticle({ html, url, maxHtmlBytes: random() < 0.2 ? Math.floor(random() * 5000) : undefined });
        expect(typeof article.text).toBe('string');
        expect(article.text.length).toBeGreaterThan(0);
        // Active content may survive only as escaped text, never as a tag or an attribute.
        expect(article.html ?? '').not.toMatch(/<script|<iframe|<[^>]+\son\w+\s*=|<[^>]+(?:href|src)="\s*javascript:/i);
      } catch (error) {
        if (!(error instanceof WiredeskError)) throw new Error(`iteration ${i}: threw ${String(error)}`);
        expect(['EXTRACT_EMPTY', 'EXTRACT_FAILED']).toContain(error.code);
      }
    }
  });

  it('rejects inputs that are not strings with EXTRACT_FAILED', () => {
    expect(() => extractArticle({ html: null as unknown as string, url: 'https://x.example/' })).toThrow(WiredeskError);
    expect(() => extractArticle(undefined as never)).toThrow(WiredeskError);
  });
});
