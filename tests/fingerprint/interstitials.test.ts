import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createStoryIndex, type StoryDoc } from '../../src/fingerprint/index.js';
import { shippedAliases } from './helpers.js';

const aliases = shippedAliases();
const KINDS = ['cookie-wall', 'bot-check', 'paywall-teaser', 'login-wall', 'error-page'];

/** An interstitial fixture (fixtures/stories/interstitials): two articles' pages behind the same wall. */
function page(kind: string, n: number, marked: boolean): StoryDoc {
  const path = fileURLToPath(new URL(`../../fixtures/stories/interstitials/${kind}-${n}.json`, import.meta.url));
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { id: string; title: string; text: string; publishedAt: string; source: string; nonArticle: string };
  return { id: raw.id, title: raw.title, text: raw.text, publishedAt: raw.publishedAt, seenAt: raw.publishedAt, source: raw.source, nonArticle: marked ? raw.nonArticle : null };
}

function words(text: string): number {
  return text.split(/\s+/).filter((w) => w !== '').length;
}

describe('no false copies', () => {
  it.each(KINDS)('a %s page marked as a non-article is never a copy, nor anything a copy of it', (kind) => {
    const index = createStoryIndex({ windowHours: 72, aliases });
    const first = index.assign(page(kind, 1, true));
    const second = index.assign(page(kind, 2, true));
    expect(first.duplicateOf).toBeNull();
    expect(second.duplicateOf).toBeNull();
    expect(second.reason).not.toBe('duplicate');
    // Nor is a later unmarked page with the same text a copy of the marked one.
    const third = index.assign({ ...page(kind, 2, false), id: `${kind}-3` });
    expect(third.duplicateOf).toBeNull();
  });

  it.each(KINDS.filter((k) => words(page(k, 1, false).text) < 50))('unmarked, two %s pages under 50 words with different headlines are no copies either', (kind) => {
    const index = createStoryIndex({ windowHours: 72, aliases });
    index.assign(page(kind, 1, false));
    expect(index.assign(page(kind, 2, false)).duplicateOf).toBeNull();
  });

  it('the marker is what keeps a long wall apart: unmarked, the 50-word cookie wall would make a copy', () => {
    expect(words(page('cookie-wall', 1, false).text)).toBeGreaterThanOrEqual(50);
    const index = createStoryIndex({ windowHours: 72, aliases });
    index.assign(page('cookie-wall', 1, false));
    expect(index.assign(page('cookie-wall', 2, false)).duplicateOf).toBe('cookie-wall-1');
  });

  it('two headlines over the same six-word body are two articles; the same headline over it is a copy', () => {
    const body = 'More details will follow shortly here.';
    const at = '2026-05-01T10:00:00Z';
    const index = createStoryIndex({ windowHours: 72, aliases });
    index.assign({ id: 'a', title: 'Dam repair delayed by flooding', text: body, publishedAt: at, seenAt: at, source: 'x' });
    expect(index.assign({ id: 'b', title: 'Election turnout at record low', text: body, publishedAt: at, seenAt: at, source: 'y' }).duplicateOf).toBeNull();
    expect(index.assign({ id: 'c', title: 'Reuters: Dam repair delayed by flooding', text: body, publishedAt: at, seenAt: at, source: 'z' }).duplicateOf).toBe('a');
  });
});
