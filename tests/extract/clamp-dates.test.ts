import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const NOW = '2026-12-04T12:00:00.000Z';
const DAY = 86_400_000;
const at = (days: number): string => new Date(Date.parse(NOW) + days * DAY).toISOString();

function page(published: string, modified: string): string {
  const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Harbour wall repaired', datePublished: published, dateModified: modified });
  const p = '<p>Engineers finished repairing the harbour wall on Thursday, two weeks ahead of the winter storms, the port authority said in a statement.</p>';
  return `<html><head><title>Harbour wall repaired</title><script type="application/ld+json">${ld}</script></head><body><article><h1>Harbour wall repaired</h1>${p.repeat(5)}</article></body></html>`;
}

describe('page dates in the future (issue 15, item 9)', () => {
  it('clamps dates more than a day after the fetch to it, and says so', () => {
    const article = extractArticle({ html: page(at(37), at(40)), url: 'https://port.example/wall', now: NOW });
    expect(article.publishedAt).toBe(NOW);
    expect(article.updatedAt).toBe(NOW);
    expect(article.clampedDates).toEqual({ publishedAt: at(37), updatedAt: at(40) });
    expect(article.provenance['publishedAt']).toBe('json-ld,clamped');
  });

  it('keeps a date within a day ahead (time zones), and every date when no clock is given', () => {
    const soon = extractArticle({ html: page(at(0.5), at(-1)), url: 'https://port.example/wall', now: NOW });
    expect(soon.publishedAt).toBe(at(0.5));
    expect(soon.clampedDates).toBeNull();
    expect(extractArticle({ html: page(at(37), at(37)), url: 'https://port.example/wall' }).publishedAt).toBe(at(37));
  });
});
