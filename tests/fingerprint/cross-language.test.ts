import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStoryIndex, loadLanguageDetector, type LanguageDetector, type StoryDoc } from '../../src/fingerprint/index.js';
import { shippedAliases } from './helpers.js';

/** A report of fixtures/stories/cross-language-pair (written by us): one event in German and English, and an unrelated one. */
function report(name: string): StoryDoc {
  const raw = JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/stories/cross-language-pair/${name}.json`, import.meta.url)), 'utf8')) as StoryDoc & { publishedAt: string };
  return { ...raw, seenAt: raw.publishedAt };
}

describe('cross-language links', () => {
  let languageDetector: LanguageDetector;
  beforeAll(async () => {
    languageDetector = await loadLanguageDetector();
  });

  it('a German and an English report of one event share a story through names, places and figures, and say so', () => {
    const index = createStoryIndex({ windowHours: 72, aliases: shippedAliases(), languageDetector });
    const german = index.assign(report('german'));
    const unrelated = index.assign(report('unrelated'));
    const english = index.assign(report('english'));
    expect(german.language).toBe('de');
    expect(english.language).toBe('en');
    expect(english.storyId).toBe(german.storyId);
    expect(english.via).toBe('cross-language');
    expect(unrelated.storyId).not.toBe(german.storyId);
  });

  it('without cross-language links they stay apart (the words of the two languages do not meet)', () => {
    const index = createStoryIndex({ windowHours: 72, aliases: shippedAliases(), languageDetector, tuning: { crossLanguageSimilarity: 2 } });
    const german = index.assign(report('german'));
    expect(index.assign(report('english')).storyId).not.toBe(german.storyId);
  });
});
